import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../shared/contract/index.js';
import { roleAllows } from '../../../../shared/roles.js';
import { invoke } from '../../api/client.js';
import { ImportErrorsTable } from '../../components/ImportErrorsTable.js';
import { focusLater } from '../../components/focus.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { notifySuccess } from '../../stores/notices.js';
import { useSession } from '../../stores/session.js';
import { ExportMembersButton } from './ExportMembersButton.js';
import { bytesToBase64 } from './format.js';
import './members.css';

/** The member CSV format (issue 4), as the core reads and writes it. */
export const MEMBER_CSV_HEADER = 'phone,name,card_no,birthday,gender,enrolled_at,tier,points,stored_value,tags,note';

/** Import refusals the core reports per line; anything else is shown as it came. */
const REASONS = [
  'column_count', 'phone', 'duplicate_phone', 'name', 'birthday', 'gender', 'enrolled_at', 'tier', 'points', 'stored_value', 'tags', 'note',
  'card_no', 'duplicate_card_no', 'card_no_taken', 'encoding', 'header', 'syntax',
];

/** Largest file the call takes (80 MB of base64 is about 60 MB of CSV, far more than 200,000 members). */
const MAX_BYTES = 60_000_000;

type Report = Output<'members.importCsv'>;

/**
 * Settings → 导入导出会员: import a CSV (managers; every bad line reported with its reason,
 * the rest imported, re-import updates by phone) and export all members (owner).
 */
export function MemberImportSettings() {
  const { t } = useTranslation();
  const tt = t as unknown as (k: string, v?: Record<string, unknown>) => string;
  const role = useSession((s) => s.staff?.role ?? 'cashier');
  const isOwner = roleAllows(role, 'owner');
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | null>(null);

  const reason = (r: string, details?: Record<string, unknown>) => {
    const text = REASONS.includes(r) ? tt(`members.import.reasons.${r}`) : r;
    const value = details?.value;
    const firstLine = details?.firstLine;
    if (typeof firstLine === 'number') return `${text}${tt('members.import.firstLine', { line: firstLine })}`;
    if (typeof value === 'string' && value) return tt('members.import.withValue', { reason: text, value });
    return text;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!file) {
      setFileError(t('members.import.chooseFirst'));
      fileRef.current?.focus();
      return;
    }
    if (file.size > MAX_BYTES) {
      setFileError(t('members.import.tooBig'));
      fileRef.current?.focus();
      return;
    }
    setBusy(true);
    setReport(null);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const r = await invoke('members.importCsv', { fileBase64: bytesToBase64(bytes) });
    setBusy(false);
    if (!r.ok) return;
    setReport(r.value);
    notifySuccess('members.import.done', { imported: r.value.imported, updated: r.value.updated, errors: r.value.errors.length });
    focusLater('import-report-title');
  };

  return (
    <div className="member-import">
      <section className="settings-block" aria-labelledby="import-title">
        <h2 id="import-title">{t('members.import.title')}</h2>
        <p className="muted">{t('members.import.intro')}</p>
        <p className="small">{t('members.import.header')}</p>
        <code className="csv-header" aria-label={t('members.import.header')}>
          {MEMBER_CSV_HEADER}
        </code>
        <ul className="small muted">
          <li>{t('members.import.ruleBirthday')}</li>
          <li>{t('members.import.ruleTier')}</li>
          <li>{t('members.import.ruleMoney')}</li>
          <li>{t('members.import.ruleUpdate')}</li>
        </ul>
        <form className="import-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="import-title">
          <div className={`field${fileError ? ' field-invalid' : ''}`}>
            <label htmlFor="member-import-file">{t('members.import.file')}</label>
            <input
              ref={fileRef}
              id="member-import-file"
              type="file"
              accept=".csv,text/csv"
              aria-invalid={!!fileError}
              aria-describedby={fileError ? 'member-import-file-error' : undefined}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setFileError(null);
              }}
            />
            {fileError ? (
              <p id="member-import-file-error" className="field-error">
                {fileError}
              </p>
            ) : null}
          </div>
          <SubmitButton busy={busy} className="btn btn-primary">
            {busy ? t('members.import.importing') : t('members.import.submit')}
          </SubmitButton>
        </form>
        {report ? (
          <div className="import-report">
            <h3 id="import-report-title" tabIndex={-1}>
              {t('members.import.reportTitle')}
            </h3>
            <div className="report-totals">
              <span className="badge badge-ok">{t('members.import.imported', { count: report.imported })}</span>
              <span className="badge badge-ok">{t('members.import.updated', { count: report.updated })}</span>
              <span className={report.errors.length ? 'badge badge-warn' : 'badge badge-off'}>{t('members.import.errors', { count: report.errors.length })}</span>
            </div>
            <ImportErrorsTable errors={report.errors} caption={t('members.import.errorTable')} lineHeader={t('members.import.line')}
              reasonHeader={t('members.import.reason')} reasonOf={(e) => reason(e.reason, e.details)} />
          </div>
        ) : null}
      </section>

      {isOwner ? (
        <section className="settings-block" aria-labelledby="export-title">
          <h2 id="export-title">{t('members.export.title')}</h2>
          <p className="muted">{t('members.export.intro')}</p>
          <ExportMembersButton />
        </section>
      ) : null}
    </div>
  );
}
