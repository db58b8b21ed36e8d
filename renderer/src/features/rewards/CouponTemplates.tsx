import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CouponTemplate } from '../../../../shared/contract/coupons.js';
import type { AppError } from '../../../../shared/errors.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { ActiveState, ListTable } from '../../components/ListTable.js';
import { Modal } from '../../components/Modal.js';
import { useDraft } from '../../hooks/useDraft.js';
import { DialogActions } from '../../components/SubmitButton.js';
import { focusLater } from '../../components/focus.js';
import { formatMoney } from '../../i18n/format.js';
import { notifySuccess } from '../../stores/notices.js';
import { usePctLabel } from '../checkout/format.js';
import { serverFieldErrors } from '../members/field-errors.js';
import { couponDraft, couponInputFrom, intField, type CouponField, type CouponInput } from './offers-forms.js';
import { EditToggleActions } from './EditToggleActions.js';
import { offerText } from './offer-text.js';

const ORDER: CouponField[] = ['name', 'value', 'minSpend', 'validDays'];

/** "减 ¥10.00" / "9折", and "满 ¥50.00 可用" when there is a minimum: how a coupon reads everywhere. */
export function useCouponTerms(): (c: { kind: 'amount' | 'percent'; value: number; minSpendFen: number }) => { off: string; min: string } {
  const { t, i18n } = useTranslation();
  const pctLabel = usePctLabel();
  return (c) => ({
    off: c.kind === 'amount' ? t('offers.coupon.amountOff', { amount: formatMoney(c.value, i18n.language) }) : pctLabel(100 - c.value),
    min: c.minSpendFen > 0 ? t('offers.coupon.minSpend', { amount: formatMoney(c.minSpendFen, i18n.language) }) : t('offers.coupon.noMin'),
  });
}

function saveTemplate(input: CouponInput) {
  return invoke('coupons.saveTemplate', input);
}

/** Add or edit one coupon template: amount off (yuan) or percent off (shown as 折), minimum spend, days valid. */
function CouponTemplateDialog({ template, onClose, onSaved }: { template: CouponTemplate | null; onClose: () => void; onSaved: (c: CouponTemplate) => void }) {
  const { t, i18n } = useTranslation();
  const pctLabel = usePctLabel();
  const { draft: d, set, errors, show } = useDraft(() => couponDraft(template), { id: 'coupon-template-form', order: ORDER });
  const [busy, setBusy] = useState(false);
  const err = (k: CouponField) => offerText(t, i18n.language, errors[k]);

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (busy) return;
    const parsed = couponInputFrom(d);
    if (!parsed.ok) return show(parsed.errors);
    setBusy(true);
    const r = await saveTemplate(parsed.value);
    setBusy(false);
    if (!r.ok) {
      const e = serverFieldErrors(r.error as AppError, ['name', 'value', 'minSpendFen', 'validDays']);
      return show({ ...(e.name ? { name: e.name } : {}), ...(e.value ? { value: e.value } : {}), ...(e.minSpendFen ? { minSpend: e.minSpendFen } : {}), ...(e.validDays ? { validDays: e.validDays } : {}) });
    }
    notifySuccess('offers.coupon.saved', { name: r.value.name });
    onSaved(r.value);
  };

  const pct = d.kind === 'percent' ? intField(d.value, 1, 99) : null;
  const title = template ? t('offers.coupon.editTitle', { name: template.name }) : t('offers.coupon.addTitle');
  return (
    <Modal title={title} onClose={onClose}>
      <form id="coupon-template-form" noValidate aria-label={title} onSubmit={(e) => void submit(e)}>
        <Field label={t('offers.coupon.name')} hint={t('offers.coupon.nameHint')} error={err('name')}>
          {(p) => <input {...p} name="name" maxLength={40} autoComplete="off" value={d.name} onChange={(e) => set('name', e.target.value)} />}
        </Field>
        <fieldset className="radio-row">
          <legend>{t('offers.coupon.kind')}</legend>
          {(['amount', 'percent'] as const).map((k) => (
            <label key={k} className="radio-pill">
              <input type="radio" name="kind" checked={d.kind === k} onChange={() => set('kind', k)} />
              {t(`offers.coupon.kindOf.${k}`)}
            </label>
          ))}
        </fieldset>
        <div className="field-pair">
          {d.kind === 'amount' ? (
            <Field label={t('offers.coupon.amount')} error={err('value')}>
              {(p) => <input {...p} name="value" inputMode="decimal" autoComplete="off" maxLength={12} value={d.value} onChange={(e) => set('value', e.target.value)} />}
            </Field>
          ) : (
            <Field label={t('offers.coupon.percent')} hint={pct && 'n' in pct ? t('offers.coupon.percentHint', { label: pctLabel(100 - pct.n) }) : t('offers.coupon.percentExample')} error={err('value')}>
              {(p) => <input {...p} name="value" inputMode="numeric" autoComplete="off" maxLength={3} value={d.value} onChange={(e) => set('value', e.target.value)} />}
            </Field>
          )}
          <Field label={t('offers.coupon.minSpendField')} hint={t('offers.coupon.minSpendHint')} error={err('minSpend')}>
            {(p) => <input {...p} name="minSpend" inputMode="decimal" autoComplete="off" maxLength={12} value={d.minSpend} onChange={(e) => set('minSpend', e.target.value)} />}
          </Field>
        </div>
        <Field label={t('offers.coupon.validDays')} hint={t('offers.coupon.validDaysHint')} error={err('validDays')}>
          {(p) => <input {...p} name="validDays" inputMode="numeric" autoComplete="off" maxLength={4} value={d.validDays} onChange={(e) => set('validDays', e.target.value)} />}
        </Field>
        <label className="check-row">
          <input type="checkbox" checked={d.active} onChange={(e) => set('active', e.target.checked)} />
          {t('offers.coupon.activeCheck')}
        </label>
        <DialogActions busy={busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}

/** 优惠券模板 (owner): the coupons the shop can issue; add, edit, stop and restart issuing one. */
export function CouponTemplates() {
  const { t } = useTranslation();
  const terms = useCouponTerms();
  const [templates, setTemplates] = useState<CouponTemplate[] | null>(null);
  const [editing, setEditing] = useState<CouponTemplate | 'new' | null>(null);

  const load = useCallback(async () => {
    const r = await invoke('coupons.templates', {});
    if (r.ok) setTemplates(r.value);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  /** 停用 / 启用: coupons already issued stay usable; a stopped template is no longer offered for issuing. */
  const toggle = async (c: CouponTemplate) => {
    const { id, name, kind, value, minSpendFen, validDays } = c;
    const r = await saveTemplate({ id, name, kind, value, minSpendFen, validDays, active: !c.active });
    if (!r.ok) return;
    notifySuccess(r.value.active ? 'offers.coupon.activated' : 'offers.coupon.deactivated', { name });
    await load();
    // The list is sorted active first, so the row may have moved: focus follows its button.
    focusLater(`coupon-toggle-${id}`);
  };

  return (
    <section className="settings-block offers-block" aria-labelledby="coupon-templates-title">
      <h2 id="coupon-templates-title">{t('offers.coupon.title')}</h2>
      <p className="muted">{t('offers.coupon.intro')}</p>
      <ListTable
        caption={t('offers.coupon.table')}
        columns={[
          { label: t('offers.coupon.name') },
          { label: t('offers.coupon.off') },
          { label: t('offers.coupon.minSpendField') },
          { label: t('offers.coupon.validity') },
          { label: t('offers.status') },
          { label: t('offers.actions') },
        ]}
        rows={templates}
        empty={t('offers.coupon.empty')}
        row={(c) => {
          const { off, min } = terms(c);
          return (
            <tr key={c.id} className={c.active ? undefined : 'row-inactive'}>
              <th scope="row">{c.name}</th>
              <td>{off}</td>
              <td>{min}</td>
              <td>{t('offers.coupon.days', { count: c.validDays })}</td>
              <td><ActiveState active={c.active} on={t('offers.active')} off={t('offers.inactive')} /></td>
              {/* The list is sorted active first, so the row may move: focus follows its toggle's id. */}
              <EditToggleActions name={c.name} active={c.active} toggleId={`coupon-toggle-${c.id}`} onEdit={() => setEditing(c)} onToggle={() => void toggle(c)} />
            </tr>
          );
        }}
      />
      <div className="settings-actions">
        <button type="button" className="btn btn-outline" onClick={() => setEditing('new')}>
          + {t('offers.coupon.add')}
        </button>
      </div>
      {editing ? (
        <CouponTemplateDialog
          template={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      ) : null}
    </section>
  );
}
