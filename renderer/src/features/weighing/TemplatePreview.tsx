import { useTranslation } from 'react-i18next';
import { explainCode } from '../../../../shared/scale/explain.js';
import type { TemplateDraft } from '../../../../shared/scale/template.js';
import { formatKg } from '../../../../shared/scale/weigh-price.js';
import { useMoney } from '../checkout/format.js';
import { loose } from './loose-t.js';

/** The live preview: how the template being edited reads the sample code, digit group by digit group. */
export function TemplatePreview({ template, code, onCode }: { template: TemplateDraft; code: string; onCode: (c: string) => void }) {
  const { t: tt } = useTranslation();
  const t = loose(tt);
  const money = useMoney();
  const { segments, result } = explainCode(code.trim(), template);
  let verdict = t('weighing.preview.incomplete', { n: template.length });
  if (result?.ok) {
    const r = result.reading;
    const parts = [t('weighing.preview.plu', { plu: r.plu })];
    if (r.priceFen !== null) parts.push(t('weighing.preview.price', { price: money(r.priceFen) }));
    if (r.grams !== null) parts.push(t('weighing.preview.weight', { kg: formatKg(r.grams) }));
    verdict = t('weighing.preview.reads', { what: parts.join(t('weighing.preview.sep')) });
  } else if (result) {
    verdict = t(`errors.scale_${result.reason === 'not_scale' ? 'unknown_prefix' : result.reason}`, { maxKg: (result.maxGrams ?? 0) / 1000 });
  }
  return (
    <fieldset className="wg-preview">
      <legend>{t('weighing.preview.title')}</legend>
      <label className="field">
        <span>{t('weighing.preview.sample')}</span>
        <input inputMode="numeric" autoComplete="off" value={code} onChange={(e) => onCode(e.target.value)} aria-describedby="wg-preview-verdict" />
      </label>
      <table className="table wg-segments" aria-label={t('weighing.preview.parts')}>
        <tbody>
          <tr>
            {segments.map((s, i) => (
              <td key={i} className={s.ok === false ? 'wg-bad' : s.ok ? 'wg-ok' : undefined}>
                <code>{s.digits || '·'}</code>
                <span className="small">{t(`weighing.part.${s.part}`)}</span>
                {s.ok === false ? <span className="small">{s.expected ? t('weighing.preview.expected', { digit: s.expected }) : t('weighing.preview.wrong')}</span> : null}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <p id="wg-preview-verdict" role="status" aria-live="polite" className={result && !result.ok ? 'wg-bad' : undefined}>{verdict}</p>
    </fieldset>
  );
}
