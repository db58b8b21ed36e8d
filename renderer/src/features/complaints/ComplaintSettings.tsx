import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintLists } from '../../../../shared/contract/complaints.js';
import type { Output } from '../../../../shared/contract/index.js';
import { roleAllows } from '../../../../shared/roles.js';
import { invoke } from '../../api/client.js';
import { focusLater } from '../../components/focus.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { ImportErrorsTable } from '../../components/ImportErrorsTable.js';
import { notifySuccess } from '../../stores/notices.js';
import { useSession } from '../../stores/session.js';
import { bytesToBase64 } from '../members/format.js';
import { loadComplaintLists } from './complaints-store.js';
import { CareRulesForm } from '../care/CareRulesForm.js';
import './complaints.css';

type Row = ComplaintLists['channels'][number] & { isNew?: boolean };
type ListName = 'channels' | 'categories';

/** One configurable list (channels or categories): labels in both languages, on/off, custom entries added or removed. */
function ListEditor({ name, rows, onChange }: { name: ListName; rows: Row[]; onChange: (rows: Row[]) => void }) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<Row>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const title = t(`complaints.settings.${name}`);
  return (
    <fieldset className="complaint-list-editor">
      <legend>{title}</legend>
      <div className="table-wrap">
        <table className="table table-compact">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('complaints.settings.code')}</th>
              <th scope="col">{t('complaints.settings.labelZh')}</th>
              <th scope="col">{t('complaints.settings.labelEn')}</th>
              <th scope="col">{t('complaints.settings.active')}</th>
              <th scope="col"><span className="sr-only">{t('complaints.settings.remove')}</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>
                  {r.isNew ? (
                    <input type="text" aria-label={t('complaints.settings.codeOf', { list: title, n: i + 1 })} maxLength={32} value={r.code}
                      onChange={(e) => update(i, { code: e.target.value.trim().toLowerCase() })} />
                  ) : <span className="mono">{r.code}</span>}
                </td>
                <td>
                  <input type="text" aria-label={t('complaints.settings.labelZhOf', { code: r.code || i + 1 })} maxLength={20} value={r.labels['zh-CN']}
                    onChange={(e) => update(i, { labels: { ...r.labels, 'zh-CN': e.target.value } })} />
                </td>
                <td>
                  <input type="text" aria-label={t('complaints.settings.labelEnOf', { code: r.code || i + 1 })} maxLength={30} value={r.labels.en}
                    onChange={(e) => update(i, { labels: { ...r.labels, en: e.target.value } })} />
                </td>
                <td>
                  <input type="checkbox" aria-label={t('complaints.settings.activeOf', { code: r.code || i + 1 })} checked={r.active}
                    onChange={(e) => update(i, { active: e.target.checked })} />
                </td>
                <td>
                  {r.builtin ? <span className="muted small">{t('complaints.settings.builtin')}</span> : (
                    <button type="button" className="btn btn-sm btn-ghost" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                      {t('complaints.settings.remove')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" className="btn btn-sm btn-outline"
        onClick={() => onChange([...rows, { code: '', labels: { 'zh-CN': '', en: '' }, active: true, builtin: false, isNew: true }])}>
        {t('complaints.settings.add', { list: title })}
      </button>
    </fieldset>
  );
}

/** 投诉类型与渠道 (owner): the lists the log form offers. Built-in entries can be renamed or switched off, not removed. */
function ListsForm() {
  const { t } = useTranslation();
  const [lists, setLists] = useState<{ channels: Row[]; categories: Row[] } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void loadComplaintLists(true).then((l) => l && setLists({ channels: l.channels, categories: l.categories }));
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || !lists) return;
    const strip = (rows: Row[]) => rows.map(({ code, labels, active }) => ({ code, labels: { 'zh-CN': labels['zh-CN'].trim(), en: labels.en.trim() }, active }));
    setBusy(true);
    const r = await invoke('complaints.setSettings', { channels: strip(lists.channels), categories: strip(lists.categories) });
    setBusy(false);
    if (!r.ok) return;
    setLists({ channels: r.value.channels, categories: r.value.categories });
    await loadComplaintLists(true);
    notifySuccess('complaints.settings.saved');
  };
  if (!lists) return <p role="status">{t('common.loading')}</p>;
  return (
    <form className="settings-block" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="complaint-lists-title">
      <h2 id="complaint-lists-title">{t('complaints.settings.title')}</h2>
      <p className="muted">{t('complaints.settings.intro')}</p>
      <ListEditor name="channels" rows={lists.channels} onChange={(channels) => setLists({ ...lists, channels })} />
      <ListEditor name="categories" rows={lists.categories} onChange={(categories) => setLists({ ...lists, categories })} />
      <div className="form-actions">
        <SubmitButton busy={busy} className="btn btn-primary">{busy ? t('common.saving') : t('common.save')}</SubmitButton>
      </div>
    </form>
  );
}

const IMPORT_REASONS = [
  'column_count', 'member_phone', 'member_not_found', 'logged_at', 'channel', 'category', 'severity', 'description', 'status', 'resolved_at',
  'duplicate', 'answered_at', 'score', 'comment', 'encoding', 'header', 'syntax',
];
const HEADERS = {
  complaints: 'logged_at,member_phone,channel,category,severity,description,status,resolved_at',
  feedback: 'answered_at,member_phone,score,comment',
} as const;

/** 导入投诉 / 满意度历史 (managers): every bad line reported with its reason, the good ones imported together. */
function ImportForm() {
  const { t } = useTranslation();
  const tt = t as unknown as (k: string, v?: Record<string, unknown>) => string;
  const [kind, setKind] = useState<'complaints' | 'feedback'>('complaints');
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Output<'complaints.importCsv'> | null>(null);

  const reason = (r: string, details?: Record<string, unknown>) => {
    const text = IMPORT_REASONS.includes(r) ? tt(`complaints.import.reasons.${r}`) : r;
    const value = details?.value;
    return typeof value === 'string' && value ? tt('complaints.import.withValue', { reason: text, value }) : text;
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!file) {
      setFileError(t('complaints.import.chooseFirst'));
      fileRef.current?.focus();
      return;
    }
    setBusy(true);
    setReport(null);
    const fileBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
    const r = kind === 'complaints' ? await invoke('complaints.importCsv', { fileBase64 }) : await invoke('feedback.importCsv', { fileBase64 });
    setBusy(false);
    if (!r.ok) return;
    setReport(r.value);
    notifySuccess('complaints.import.done', { imported: r.value.imported, errors: r.value.errors.length });
    focusLater('complaint-import-report');
  };
  return (
    <section className="settings-block" aria-labelledby="complaint-import-title">
      <h2 id="complaint-import-title">{t('complaints.import.title')}</h2>
      <form className="import-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="complaint-import-title">
        <fieldset className="radio-row">
          <legend>{t('complaints.import.kind')}</legend>
          {(['complaints', 'feedback'] as const).map((k) => (
            <label key={k} className="radio-pill">
              <input type="radio" name="complaint-import-kind" checked={kind === k} onChange={() => { setKind(k); setReport(null); }} />
              {t(`complaints.import.${k}`)}
            </label>
          ))}
        </fieldset>
        <p className="small">{t('complaints.import.header')} <code className="csv-header">{HEADERS[kind]}</code></p>
        <div className={`field${fileError ? ' field-invalid' : ''}`}>
          <label htmlFor="complaint-import-file">{t('complaints.import.file')}</label>
          <input ref={fileRef} id="complaint-import-file" type="file" accept=".csv,text/csv" aria-invalid={!!fileError}
            aria-describedby={fileError ? 'complaint-import-file-error' : undefined}
            onChange={(e) => { setFile(e.target.files?.[0] ?? null); setFileError(null); }} />
          {fileError ? <p id="complaint-import-file-error" className="field-error">{fileError}</p> : null}
        </div>
        <SubmitButton busy={busy} className="btn btn-primary">{busy ? t('complaints.import.importing') : t('complaints.import.submit')}</SubmitButton>
      </form>
      {report ? (
        <div className="import-report">
          <h3 id="complaint-import-report" tabIndex={-1}>
            {t('complaints.import.report', { imported: report.imported, errors: report.errors.length })}
          </h3>
          <ImportErrorsTable errors={report.errors} caption={t('complaints.import.errorTable')} lineHeader={t('complaints.import.line')}
            reasonHeader={t('complaints.import.reason')} reasonOf={(e) => reason(e.reason, e.details)} />
        </div>
      ) : null}
    </section>
  );
}

/** Settings → 投诉关怀: the configurable lists (owner) and the history imports (managers). */
export function ComplaintSettings() {
  const role = useSession((s) => s.staff?.role ?? 'cashier');
  return (
    <div className="complaint-settings">
      {roleAllows(role, 'owner') ? <ListsForm /> : null}
      {roleAllows(role, 'owner') ? <CareRulesForm /> : null}
      <ImportForm />
    </div>
  );
}
