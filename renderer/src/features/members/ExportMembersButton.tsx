import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportMembersCsv } from './export-csv.js';

/** 导出会员 (owner): the member CSV in the import format; one export at a time. */
export function ExportMembersButton() {
  const { t } = useTranslation();
  const [exporting, setExporting] = useState(false);
  return (
    <button
      type="button"
      className="btn btn-outline"
      aria-disabled={exporting}
      onClick={() => {
        if (exporting) return;
        setExporting(true);
        void exportMembersCsv().finally(() => setExporting(false));
      }}
    >
      {exporting ? t('members.export.exporting') : t('members.export.button')}
    </button>
  );
}
