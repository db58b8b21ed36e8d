import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PromotionRow } from '../../../../shared/contract/promotions.js';
import type { PromotionKind } from '../../../../shared/promotions/index.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { Modal } from '../../components/Modal.js';
import { DialogActions } from '../../components/SubmitButton.js';
import { useDraft } from '../../hooks/useDraft.js';
import { fieldErrorsFrom } from '../../i18n/errors.js';
import type { TFunction } from 'i18next';
import { notifySuccess } from '../../stores/notices.js';
import { translateFieldMessage } from '../../i18n/errors.js';
import { FIELDS, codesOf, draftOf, inputOf, type Draft, type FieldName } from './draft.js';

/** A `promotions.*` key (values as `key|{json}`), or a shared validation key. */
function fieldText(t: TFunction<'translation'>, message: string | undefined): string | undefined {
  if (!message) return undefined;
  if (!message.startsWith('promotions.')) return translateFieldMessage(t, message);
  const bar = message.indexOf('|');
  const values = bar < 0 ? undefined : (JSON.parse(message.slice(bar + 1)) as Record<string, unknown>);
  return (t as unknown as (k: string, v?: Record<string, unknown>) => string)(bar < 0 ? message : message.slice(0, bar), values);
}

const KINDS: PromotionKind[] = ['nth', 'threshold', 'gift', 'special', 'bundle'];
const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * 新建促销 / 编辑促销: every field's problem is shown next to it, checked on the page with the
 * same rules the core applies (shared/promotions/validate.ts), then again by the core.
 * Products are scanned or typed as barcodes / SKUs, so a bundle is built with the scanner.
 */
export function PromotionForm({ promotion, today, codeOf, tiers, categories, onClose, onSaved }: {
  promotion: PromotionRow | null; today: string; codeOf: (id: number) => string;
  tiers: Array<{ id: number; name: string }>; categories: Array<{ id: number; name: string }>;
  onClose: () => void; onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { draft: d, set, errors, show } = useDraft<Draft, FieldName>(() => draftOf(promotion, today, codeOf), { id: 'promotion-form', order: FIELDS });
  const [busy, setBusy] = useState(false);
  const text = (f: FieldName) => fieldText(t, errors[f]);

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (busy) return;
    setBusy(true);
    const codes = [...new Set([d.scopeCodes, d.giftCodes, d.bundleCodes].flatMap(codesOf))];
    const found = await Promise.all(codes.map(async (c) => [c, (await invoke('products.byCode', { code: c }, { quiet: true })) ] as const));
    const ids = new Map(found.map(([c, r]) => [c, r.ok && r.value ? r.value.id : null]));
    const { input, errors: e } = inputOf(d, ids);
    if (!input) { setBusy(false); show(e); return; }
    const r = await invoke('promotions.save', input, { quiet: true });
    setBusy(false);
    if (!r.ok) {
      const map = Object.fromEntries(FIELDS.map((f) => [f, f])) as Record<string, string>;
      const fields = fieldErrorsFrom(r.error, map);
      const issues = (r.error.details?.issues as Array<{ path: string; message: string }> | undefined) ?? [];
      show(Object.fromEntries(issues.map((i) => [i.path.startsWith('items') ? 'items' : i.path, i.message]).concat(fields.length ? [] : [['name', r.error.messageKey ?? 'validation.invalid']])));
      return;
    }
    notifySuccess('promotions.saved', { name: r.value.name });
    onSaved();
  };

  const input = (f: FieldName, label: string, value: string, on: (v: string) => void, hint?: string, extra: Record<string, string> = {}): ReactNode => (
    <Field label={label} error={text(f)} hint={hint}>
      {(p) => <input {...p} {...extra} name={f} autoComplete="off" value={value} onChange={(e) => on(e.target.value)} />}
    </Field>
  );
  const title = promotion ? t('promotions.form.editTitle', { name: promotion.name }) : t('promotions.form.addTitle');
  return (
    <Modal title={title} onClose={onClose}>
      <form id="promotion-form" className="promotions-form" noValidate onSubmit={(e) => void submit(e)} aria-label={title}>
        {input('name', t('promotions.form.name'), d.name, (v) => set('name', v))}
        <Field label={t('promotions.form.kind')}>
          {(p) => (
            <select {...p} name="kind" value={d.kind} onChange={(e) => set('kind', e.target.value as PromotionKind)}>
              {KINDS.map((k) => <option key={k} value={k}>{t(`promotions.kind.${k}`)}</option>)}
            </select>
          )}
        </Field>
        {d.kind === 'nth' ? (<>
          {input('n', t('promotions.form.n'), d.n, (v) => set('n', v), t('promotions.form.nHint'), { inputMode: 'numeric' })}
          {input('pricePct', t('promotions.form.nthPct'), d.pricePct, (v) => set('pricePct', v), t('promotions.form.pctHint'), { inputMode: 'numeric' })}
        </>) : null}
        {d.kind === 'threshold' ? (
          <fieldset>
            <legend>{t('promotions.form.steps')}</legend>
            {d.steps.map((s, i) => (
              <div key={i} className="promotions-step">
                {input(`steps.${i}.minFen` as FieldName, t('promotions.form.stepMin', { n: i + 1 }), s.min, (v) => set('steps', d.steps.map((x, j) => (j === i ? { ...x, min: v } : x))), undefined, { inputMode: 'decimal' })}
                {input(`steps.${i}.offFen` as FieldName, t('promotions.form.stepOff', { n: i + 1 }), s.off, (v) => set('steps', d.steps.map((x, j) => (j === i ? { ...x, off: v } : x))), undefined, { inputMode: 'decimal' })}
                {input(`steps.${i}.pricePct` as FieldName, t('promotions.form.stepPct', { n: i + 1 }), s.pct, (v) => set('steps', d.steps.map((x, j) => (j === i ? { ...x, pct: v } : x))), undefined, { inputMode: 'numeric' })}
              </div>
            ))}
            <label className="check-row"><input type="checkbox" name="repeat" checked={d.repeat} onChange={(e) => set('repeat', e.target.checked)} />{t('promotions.form.repeat')}</label>
          </fieldset>
        ) : null}
        {d.kind === 'gift' ? (<>
          {input('buyQty', t('promotions.form.buyQty'), d.buyQty, (v) => set('buyQty', v), undefined, { inputMode: 'numeric' })}
          {input('giftQty', t('promotions.form.giftQty'), d.giftQty, (v) => set('giftQty', v), undefined, { inputMode: 'numeric' })}
          {input('giftProductIds', t('promotions.form.giftCodes'), d.giftCodes, (v) => set('giftCodes', v), t('promotions.form.codesHint'))}
          {input('giftPriceFen', t('promotions.form.giftPrice'), d.giftPrice, (v) => set('giftPrice', v), undefined, { inputMode: 'decimal' })}
        </>) : null}
        {d.kind === 'special' ? (<>
          {input('priceFen', t('promotions.form.specialPrice'), d.specialPrice, (v) => set('specialPrice', v), undefined, { inputMode: 'decimal' })}
          {input('pricePct', t('promotions.form.specialPct'), d.pricePct, (v) => set('pricePct', v), t('promotions.form.pctHint'), { inputMode: 'numeric' })}
        </>) : null}
        {d.kind === 'bundle' ? (<>
          {input('items', t('promotions.form.bundleCodes'), d.bundleCodes, (v) => set('bundleCodes', v), t('promotions.form.bundleHint'))}
          {input('bundlePriceFen', t('promotions.form.bundlePrice'), d.bundlePrice, (v) => set('bundlePrice', v), undefined, { inputMode: 'decimal' })}
        </>) : (
          <fieldset>
            <legend>{t('promotions.form.scope')}</legend>
            <label className="check-row"><input type="checkbox" name="scopeAll" checked={d.scopeAll} onChange={(e) => set('scopeAll', e.target.checked)} />{t('promotions.form.scopeAll')}</label>
            {!d.scopeAll ? (<>
              {input('scope', t('promotions.form.scopeCodes'), d.scopeCodes, (v) => set('scopeCodes', v), t('promotions.form.codesHint'))}
              <div className="radio-row" role="group" aria-label={t('promotions.form.categories')}>
                {categories.map((c) => (
                  <label key={c.id} className="check-row"><input type="checkbox" checked={d.categoryIds.includes(c.id)} onChange={(e) => set('categoryIds', e.target.checked ? [...d.categoryIds, c.id] : d.categoryIds.filter((x) => x !== c.id))} />{c.name}</label>
                ))}
              </div>
            </>) : null}
          </fieldset>
        )}
        <fieldset>
          <legend>{t('promotions.form.when')}</legend>
          {input('startDate', t('promotions.form.startDate'), d.startDate, (v) => set('startDate', v), undefined, { type: 'date' })}
          {input('endDate', t('promotions.form.endDate'), d.endDate, (v) => set('endDate', v), t('promotions.form.endHint'), { type: 'date' })}
          {input('fromTime', t('promotions.form.fromTime'), d.fromTime, (v) => set('fromTime', v), t('promotions.form.timeHint'), { placeholder: '20:00' })}
          {input('toTime', t('promotions.form.toTime'), d.toTime, (v) => set('toTime', v), undefined, { placeholder: '22:00' })}
          <div className="radio-row" role="group" aria-label={t('promotions.form.weekdays')}>
            {DAYS.map((w) => (
              <label key={w} className="check-row"><input type="checkbox" checked={d.weekdays.includes(w)} onChange={(e) => set("weekdays", e.target.checked ? [...d.weekdays, w] : d.weekdays.filter((x) => x !== w))} />{t(`promotions.weekday.${w}`)}</label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('promotions.form.who')}</legend>
          <label className="check-row"><input type="checkbox" name="allTiers" checked={d.allTiers} onChange={(e) => set('allTiers', e.target.checked)} />{t('promotions.form.everyone')}</label>
          {!d.allTiers ? (
            <div className="radio-row" role="group" aria-label={t('promotions.form.tiers')}>
              {tiers.map((x) => (
                <label key={x.id} className="check-row"><input type="checkbox" name={x === tiers[0] ? 'tierIds' : undefined} checked={d.tierIds.includes(x.id)} onChange={(e) => set('tierIds', e.target.checked ? [...d.tierIds, x.id] : d.tierIds.filter((y) => y !== x.id))} />{x.name}</label>
              ))}
              {errors.tierIds ? <p className="field-error">{text('tierIds')}</p> : null}
            </div>
          ) : null}
          {input('perSaleLimit', t('promotions.form.perSaleLimit'), d.perSaleLimit, (v) => set('perSaleLimit', v), t('promotions.form.limitHint'), { inputMode: 'numeric' })}
          {input('perMemberDayLimit', t('promotions.form.perMemberDayLimit'), d.perMemberDayLimit, (v) => set('perMemberDayLimit', v), undefined, { inputMode: 'numeric' })}
        </fieldset>
        <fieldset>
          <legend>{t('promotions.form.stacking')}</legend>
          {(['others', 'coupons', 'points', 'tier'] as const).map((k) => (
            <label key={k} className="check-row"><input type="checkbox" checked={d.stacks[k]} onChange={(e) => set('stacks', { ...d.stacks, [k]: e.target.checked })} />{t(`promotions.stacks.${k}`)}</label>
          ))}
          <Field label={t('promotions.form.priority')} hint={t('promotions.form.priorityHint')}>
            {(p) => <input {...p} name="priority" inputMode="numeric" value={d.priority} onChange={(e) => set('priority', e.target.value)} />}
          </Field>
        </fieldset>
        <DialogActions busy={busy} submitLabel={t('promotions.form.save')} onCancel={onClose} />
      </form>
    </Modal>
  );
}
