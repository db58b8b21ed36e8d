import { useTranslation } from 'react-i18next';

/** Settings → member CSV import/export (filled by the members work). */
export function MemberImportSettings() {
  const { t } = useTranslation();
  return <p className="placeholder">{t('placeholder.comingSoon')}</p>;
}
