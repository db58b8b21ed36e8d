import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { StaffRow } from '../../../../shared/contract/staff.js';
import { invoke } from '../../api/client.js';
import { translateFieldMessage } from '../../i18n/errors.js';
import { Field } from '../../components/Field.js';
import { Modal } from '../../components/Modal.js';
import { notifySuccess } from '../../stores/notices.js';
import { pinField, pinsMatch } from '../../forms/fields.js';
import { SubmitButton } from '../../components/SubmitButton.js';

const schema = z
  .object({ pin: pinField, pinConfirm: z.string() })
  .refine((v) => v.pin === v.pinConfirm, { path: ['pinConfirm'], message: pinsMatch });
type Values = z.input<typeof schema>;

/** The owner sets a new PIN for someone who forgot theirs (also lifts a lockout). */
export function ResetPinDialog({ staff, onClose, onDone }: { staff: StaffRow; onClose: () => void; onDone: (row: StaffRow) => void }) {
  const { t } = useTranslation();
  const {
    register,
    handleSubmit,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { pin: '', pinConfirm: '' } });
  const err = (m: string | undefined) => translateFieldMessage(t, m);

  const onSubmit = handleSubmit(async (v) => {
    const r = await invoke('staff.resetPin', { id: staff.id, pin: v.pin });
    if (!r.ok) {
      setFocus('pin');
      return;
    }
    notifySuccess('staff.pinReset', { name: staff.name });
    onDone(r.value);
  });

  return (
    <Modal title={t('staff.resetPinTitle', { name: staff.name })} onClose={onClose}>
      <form noValidate onSubmit={(e) => void onSubmit(e)}>
        <Field label={t('staff.newPin')} error={err(errors.pin?.message)}>
          {(p) => <input {...p} {...register('pin')} type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} />}
        </Field>
        <Field label={t('staff.confirmPin')} error={err(errors.pinConfirm?.message)}>
          {(p) => <input {...p} {...register('pinConfirm')} type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} />}
        </Field>
        <div className="modal-actions">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <SubmitButton busy={isSubmitting} className="btn btn-primary">
            {t('staff.resetPin')}
          </SubmitButton>
        </div>
      </form>
    </Modal>
  );
}
