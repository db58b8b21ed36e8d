import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScaleTemplateDto } from '../../../../shared/contract/weighing.js';
import { sampleCode } from '../../../../shared/scale/explain.js';
import { templateProblem, type TemplateDraft } from '../../../../shared/scale/template.js';
import { invoke } from '../../api/client.js';
import { Modal } from '../../components/Modal.js';
import { TemplatePreview } from './TemplatePreview.js';
import { loose } from './loose-t.js';

const NEW: TemplateDraft = { name: '', length: 13, prefix: '25', pluDigits: 5, kind: 'weight', priceDigits: 0, priceUnit: 'fen', weightDigits: 5, weightUnit: 'g', valueCheck: false, maxGrams: 30_000, active: true };

/** Adds or edits a scale-barcode layout, with the live preview of a sample code beside the fields. */
export function TemplateForm({ initial, onSaved, onClose }: { initial: ScaleTemplateDto | null; onSaved: () => void; onClose: () => void }) {
  const { t: tt } = useTranslation();
  const t = loose(tt);
  const [d, setD] = useState<TemplateDraft>(initial ?? NEW);
  const [sample, setSample] = useState(() => sampleCode(initial ?? NEW));
  const [busy, setBusy] = useState(false);
  const problem = templateProblem({ ...d, priceDigits: d.kind === 'weight' ? 0 : d.priceDigits, weightDigits: d.kind === 'price' ? 0 : d.weightDigits });
  const set = <K extends keyof TemplateDraft>(k: K, v: TemplateDraft[K]) => setD((x) => ({ ...x, [k]: v }));
  const num = (k: 'length' | 'pluDigits' | 'priceDigits' | 'weightDigits', label: string, max: number) => (
    <label className="field">
      <span>{label}</span>
      <input type="number" min={0} max={max} value={d[k]} onChange={(e) => set(k, Math.trunc(Number(e.target.value) || 0))} />
    </label>
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problem || !d.name.trim()) return;
    setBusy(true);
    const r = await invoke('scale.saveTemplate', { ...d, ...(initial ? { id: initial.id } : {}) });
    setBusy(false);
    if (r.ok) onSaved();
  };

  return (
    <Modal title={initial ? t('weighing.template.edit') : t('weighing.template.add')} onClose={onClose} wide>
      <form noValidate onSubmit={(e) => void submit(e)} className="wg-template-form">
        <label className="field">
          <span>{t('weighing.template.name')}</span>
          <input value={d.name} onChange={(e) => set('name', e.target.value)} required />
        </label>
        <div className="wg-grid">
          {num('length', t('weighing.template.length'), 24)}
          <label className="field">
            <span>{t('weighing.template.prefix')}</span>
            <input inputMode="numeric" value={d.prefix} onChange={(e) => set('prefix', e.target.value.trim())} />
          </label>
          {num('pluDigits', t('weighing.template.pluDigits'), 8)}
          <label className="field">
            <span>{t('weighing.template.kind')}</span>
            <select value={d.kind} onChange={(e) => set('kind', e.target.value as TemplateDraft['kind'])}>
              {(['price', 'weight', 'price_weight'] as const).map((k) => <option key={k} value={k}>{t(`weighing.kind.${k}`)}</option>)}
            </select>
          </label>
          {d.kind !== 'weight' ? num('priceDigits', t('weighing.template.priceDigits'), 7) : null}
          {d.kind !== 'weight' ? (
            <label className="field">
              <span>{t('weighing.template.priceUnit')}</span>
              <select value={d.priceUnit} onChange={(e) => set('priceUnit', e.target.value as TemplateDraft['priceUnit'])}>
                <option value="fen">{t('weighing.priceUnit.fen')}</option>
                <option value="jiao">{t('weighing.priceUnit.jiao')}</option>
              </select>
            </label>
          ) : null}
          {d.kind !== 'price' ? num('weightDigits', t('weighing.template.weightDigits'), 7) : null}
          {d.kind !== 'price' ? (
            <label className="field">
              <span>{t('weighing.template.weightUnit')}</span>
              <select value={d.weightUnit} onChange={(e) => set('weightUnit', e.target.value as TemplateDraft['weightUnit'])}>
                <option value="g">{t('weighing.weightUnit.g')}</option>
                <option value="10g">{t('weighing.weightUnit.10g')}</option>
              </select>
            </label>
          ) : null}
          <label className="field">
            <span>{t('weighing.template.maxKg')}</span>
            <input type="number" min={0.001} step={0.001} value={d.maxGrams / 1000} onChange={(e) => set('maxGrams', Math.round(Number(e.target.value) * 1000) || 0)} />
          </label>
        </div>
        <label className="check"><input type="checkbox" checked={d.valueCheck} onChange={(e) => set('valueCheck', e.target.checked)} /> {t('weighing.template.valueCheck')}</label>
        <label className="check"><input type="checkbox" checked={d.active} onChange={(e) => set('active', e.target.checked)} /> {t('weighing.template.active')}</label>
        {problem ? <p role="alert" className="wg-bad">{t(`errors.scale_template_${problem}`)}</p> : null}
        <TemplatePreview template={d} code={sample} onCode={setSample} />
        <div className="modal-actions">
          <button type="button" className="btn btn-ghost" onClick={onClose}>{t('common.cancel')}</button>
          <button type="button" className="btn btn-outline" onClick={() => setSample(sampleCode(d))}>{t('weighing.preview.makeSample')}</button>
          <button type="submit" className="btn btn-primary" disabled={busy || problem !== null || !d.name.trim()}>{t('common.save')}</button>
        </div>
      </form>
    </Modal>
  );
}
