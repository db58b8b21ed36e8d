import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScaleTemplateDto } from '../../../../shared/contract/weighing.js';
import { roleAllows } from '../../../../shared/roles.js';
import { invoke } from '../../api/client.js';
import { downloadText } from '../../components/download.js';
import { useSession } from '../../stores/session.js';
import { TemplateForm } from './TemplateForm.js';
import { WeighedProductsPanel } from './WeighedProductsPanel.js';
import { ScaleConfigForm } from './ScaleConfigForm.js';
import { loose } from './loose-t.js';
import './weighing.css';

/** Settings → 称重: the label scales' barcode layouts, the products sold by weight, the PLU file, this till's serial scale. */
export function WeighingSettings() {
  const { t: tt } = useTranslation();
  const t = loose(tt);
  const isOwner = roleAllows(useSession((s) => s.staff?.role ?? 'cashier'), 'owner');
  const [templates, setTemplates] = useState<ScaleTemplateDto[] | null>(null);
  const [editing, setEditing] = useState<ScaleTemplateDto | 'new' | null>(null);
  const [pluFile, setPluFile] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await invoke('scale.templates', {});
    if (r.ok) setTemplates(r.value);
  }, []);
  useEffect(() => { void load(); }, [load]);

  const downloadPlu = async () => {
    const r = await invoke('scale.pluCsv', {});
    if (!r.ok) return;
    setPluFile(r.value.file);
    downloadText(r.value.csv, `PLU-${new Date().toISOString().slice(0, 10)}.csv`);
  };

  return (
    <div className="settings-block wg-settings">
      <section aria-labelledby="wg-templates-h">
        <h2 id="wg-templates-h">{t('weighing.settings.templates')}</h2>
        <p className="muted">{t('weighing.settings.templatesIntro')}</p>
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>{t('weighing.template.add')}</button>
        <div className="table-wrap">
          <table className="table">
            <caption className="table-caption">{t('weighing.settings.templates')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('weighing.template.name')}</th>
                <th scope="col">{t('weighing.template.prefix')}</th>
                <th scope="col">{t('weighing.template.length')}</th>
                <th scope="col">{t('weighing.template.kind')}</th>
                <th scope="col">{t('weighing.template.status')}</th>
                <th scope="col">{t('weighing.settings.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {templates === null ? <tr><td colSpan={6} role="status">{t('common.loading')}</td></tr> : templates.map((x) => (
                <tr key={x.id}>
                  <th scope="row">{x.name}</th>
                  <td><code>{x.prefix}</code></td>
                  <td>{x.length}</td>
                  <td>{t(`weighing.kind.${x.kind}`)}</td>
                  <td>{x.active ? t('weighing.template.on') : t('weighing.template.off')}</td>
                  <td><button type="button" className="btn btn-sm btn-outline" aria-label={t('weighing.template.editOf', { name: x.name })} onClick={() => setEditing(x)}>{t('weighing.template.edit')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <WeighedProductsPanel templates={templates ?? []} />
      <section aria-labelledby="wg-plu-h">
        <h2 id="wg-plu-h">{t('weighing.plu.title')}</h2>
        <p className="muted">{t('weighing.plu.intro')}</p>
        <button type="button" className="btn btn-outline" onClick={() => void downloadPlu()}>{t('weighing.plu.download')}</button>
        {pluFile ? <p className="small" role="status">{t('weighing.plu.file', { file: pluFile })}</p> : null}
      </section>
      {isOwner ? <ScaleConfigForm /> : null}
      {editing ? <TemplateForm initial={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void load(); }} /> : null}
    </div>
  );
}
