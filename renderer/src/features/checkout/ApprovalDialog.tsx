import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffSummary } from '../../../../shared/contract/staff.js';
import { invoke } from '../../api/client.js';
import { Modal } from '../../components/Modal.js';
import { PinPad } from '../../components/PinPad.js';
import { focusLater, focusSelectorLater } from '../../components/focus.js';
import { notifyError } from '../../stores/notices.js';
import { StaffPicker } from '../signin/StaffPicker.js';
import type { Approval } from './store.js';

const PIN_ID = 'approval-pin';

/**
 * 店长授权: a manager or owner picks themselves and types their PIN at the till. The PIN is
 * checked by the core when the sale is committed (sent as `approval`), never stored.
 */
export function ApprovalDialog({ reason, onApproved, onClose }: { reason: string; onApproved: (a: Approval) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [managers, setManagers] = useState<StaffSummary[] | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [pin, setPin] = useState('');

  useEffect(() => {
    let cancelled = false;
    void invoke('auth.staffList', {}).then((r) => {
      if (cancelled || !r.ok) return;
      const list = r.value.filter((s) => s.role === 'manager' || s.role === 'owner');
      setManagers(list);
      if (list.length === 1) {
        setSelected(list[0]!.id);
        focusLater(PIN_ID);
      } else focusSelectorLater('#approval-staff [role="radio"][tabindex="0"]');
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const who = managers?.find((m) => m.id === selected);
    if (!who) {
      notifyError({ code: 'bad_input', messageKey: 'validation.chooseStaff' });
      focusSelectorLater('#approval-staff [role="radio"][tabindex="0"]');
      return;
    }
    if (!/^\d{4,8}$/.test(pin)) {
      notifyError({ code: 'bad_input', messageKey: 'validation.pinFormat' });
      focusLater(PIN_ID);
      return;
    }
    onApproved({ staffId: who.id, staffName: who.name, pin });
  };

  return (
    <Modal title={t('checkout.approval.title')} onClose={onClose} wide>
      <form noValidate onSubmit={submit} className="co-approval">
        <p className="lead">{reason}</p>
        <h3 id={titleId}>{t('checkout.approval.who')}</h3>
        {managers === null ? (
          <p role="status">{t('common.loading')}</p>
        ) : (
          <StaffPicker
            id="approval-staff"
            labelledBy={titleId}
            staff={managers}
            selected={selected}
            onSelect={(id, how) => {
              setSelected(id);
              setPin('');
              if (how === 'pointer') focusLater(PIN_ID);
            }}
          />
        )}
        <PinPad inputId={PIN_ID} value={pin} onChange={setPin} label={t('checkout.approval.pin')} captureKeyboard />
        <div className="modal-actions">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary">
            {t('checkout.approval.approve')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
