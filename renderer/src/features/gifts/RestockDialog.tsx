import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Gift } from '../../../../shared/contract/gifts.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { Modal } from '../../components/Modal.js';
import { DialogActions } from '../../components/SubmitButton.js';
import { focusSelectorLater } from '../../components/focus.js';
import { notifySuccess } from '../../stores/notices.js';
import { intInput } from '../members/format.js';
import { giftFieldText, withValues } from './field-text.js';

/** 补货 (manager): add stock, or take some off after a count, always with a reason; never below zero. */
export function RestockDialog({ gift, onClose, onSaved }: { gift: Gift; onClose: () => void; onSaved: (g: Gift) => void }) {
  const { t } = useTranslation();
  const stock = gift.stock ?? 0;
  const [direction, setDirection] = useState<'add' | 'remove'>('add');
  const [qty, setQty] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ qty?: string; reason?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (busy) return;
    const n = intInput(qty, 1, 1_000_000);
    const e: { qty?: string; reason?: string } = {};
    if (n == null) e.qty = qty.trim() ? 'gifts.restock.badQty' : 'validation.required';
    else if (direction === 'remove' && n > stock) e.qty = withValues('gifts.restock.belowZero', { stock });
    if (!reason.trim()) e.reason = 'validation.required';
    setErrors(e);
    if (e.qty) return focusSelectorLater('#restock-form [name="qty"]');
    if (e.reason) return focusSelectorLater('#restock-form [name="reason"]');
    setBusy(true);
    const r = await invoke('gifts.restock', { giftId: gift.id, delta: direction === 'add' ? n! : -n!, reason: reason.trim() });
    setBusy(false);
    if (!r.ok) return;
    notifySuccess('gifts.restock.done', { name: r.value.name, stock: r.value.stock });
    onSaved(r.value);
  };

  const title = t('gifts.restock.title', { name: gift.name });
  return (
    <Modal title={title} onClose={onClose}>
      <form id="restock-form" className="gifts" noValidate onSubmit={(e) => void submit(e)} aria-label={title}>
        <p className="muted">{t('gifts.restock.current', { stock })}</p>
        <fieldset className="radio-row">
          <legend>{t('gifts.restock.direction')}</legend>
          {(['add', 'remove'] as const).map((k) => (
            <label key={k} className="radio-pill">
              <input type="radio" name="direction" checked={direction === k} onChange={() => setDirection(k)} />
              {t(`gifts.restock.${k}`)}
            </label>
          ))}
        </fieldset>
        <Field label={t('gifts.restock.qty')} error={giftFieldText(t, errors.qty)}>
          {(p) => <input {...p} name="qty" inputMode="numeric" maxLength={7} autoComplete="off" value={qty} onChange={(e) => { setQty(e.target.value); setErrors((o) => ({ ...o, qty: undefined })); }} />}
        </Field>
        <Field label={t('gifts.restock.reason')} error={giftFieldText(t, errors.reason)}>
          {(p) => <input {...p} name="reason" maxLength={200} autoComplete="off" value={reason} onChange={(e) => { setReason(e.target.value); setErrors((o) => ({ ...o, reason: undefined })); }} />}
        </Field>
        <DialogActions busy={busy} onCancel={onClose} submitLabel={t('gifts.restock.submit')} />
      </form>
    </Modal>
  );
}
