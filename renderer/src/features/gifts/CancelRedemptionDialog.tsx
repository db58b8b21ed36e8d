import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GiftRedemption } from '../../../../shared/contract/gifts.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { Modal } from '../../components/Modal.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { focusSelectorLater } from '../../components/focus.js';
import { notifySuccess } from '../../stores/notices.js';
import { giftFieldText } from './field-text.js';

/** 撤销兑换 (manager): says what comes back, asks for the reason, then gives points and stock back. */
export function CancelRedemptionDialog({ redemption, onClose, onDone }: { redemption: GiftRedemption; onClose: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const fmt = (x: number) => x.toLocaleString(i18n.language);

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (busy) return;
    if (!reason.trim()) {
      setError('validation.required');
      return focusSelectorLater('#cancel-redemption-form [name="reason"]');
    }
    setBusy(true);
    const r = await invoke('gifts.cancel', { redemptionId: redemption.id, reason: reason.trim() });
    setBusy(false);
    if (!r.ok) return;
    notifySuccess('gifts.cancel.done', { points: fmt(redemption.points), balance: fmt(r.value.balance) });
    onDone();
  };

  const title = t('gifts.cancel.title', { name: redemption.giftName, qty: redemption.qty });
  return (
    <Modal title={title} onClose={onClose}>
      <form id="cancel-redemption-form" className="gifts" noValidate onSubmit={(e) => void submit(e)} aria-label={title}>
        <p>{t('gifts.cancel.explain', { points: fmt(redemption.points), stock: redemption.tookStock ? t('gifts.cancel.stockBack', { qty: redemption.qty }) : '' })}</p>
        <Field label={t('gifts.cancel.reason')} error={giftFieldText(t, error)}>
          {(p) => <input {...p} name="reason" maxLength={200} autoComplete="off" value={reason} onChange={(e) => { setReason(e.target.value); setError(undefined); }} />}
        </Field>
        <div className="modal-actions">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <SubmitButton busy={busy} className="btn btn-danger">{t('gifts.cancel.submit')}</SubmitButton>
        </div>
      </form>
    </Modal>
  );
}
