import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { StaffRow } from '../../../../shared/contract/staff.js';
import { ROLES } from '../../../../shared/roles.js';
import { invoke } from '../../api/client.js';
import { fieldErrorsFrom, translateFieldMessage } from '../../i18n/errors.js';
import { Field } from '../../components/Field.js';
import { notifySuccess } from '../../stores/notices.js';
import { nameField, pinField, pinsMatch } from '../../forms/fields.js';
import { focusSelectorLater } from '../../components/focus.js';
import { SubmitButton } from '../../components/SubmitButton.js';

const schema = z
  .object({
    name: nameField(20),
    role: z.enum(ROLES),
    pin: pinField,
    pinConfirm: z.string(),
  })
  .refine((v) => v.pin === v.pinConfirm, { path: ['pinConfirm'], message: pinsMatch });
type Values = z.input<typeof schema>;

/** Adds a staff member with a role and a starting PIN (owner). */
export function AddStaffForm({ onAdded }: { onAdded: (row: StaffRow) => void }) {
  const { t } = useTranslation();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { name: '', role: 'cashier', pin: '', pinConfirm: '' } });
  const err = (m: string | undefined) => translateFieldMessage(t, m);

  const onSubmit = handleSubmit(async (v) => {
    const r = await invoke('staff.create', { name: v.name.trim(), role: v.role, pin: v.pin });
    if (!r.ok) {
      fieldErrorsFrom(r.error, { name: 'name', role: 'role', pin: 'pin' }).forEach((f, i) =>
        setError(f.field as keyof Values, { message: f.message }, { shouldFocus: i === 0 }),
      );
      return;
    }
    onAdded(r.value);
    notifySuccess('staff.created', { name: r.value.name });
    reset();
    // Ready for the next person: back to the name field once the form has re-rendered.
    focusSelectorLater('#add-staff-form input[name="name"]');
  });

  return (
    <form id="add-staff-form" className="add-staff" noValidate onSubmit={(e) => void onSubmit(e)} aria-labelledby="add-staff-title">
      <h2 id="add-staff-title">{t('staff.addTitle')}</h2>
      <Field label={t('staff.name')} error={err(errors.name?.message)}>
        {(p) => <input {...p} {...register('name')} maxLength={30} autoComplete="off" />}
      </Field>
      <Field label={t('staff.role')} error={err(errors.role?.message)}>
        {(p) => (
          <select {...p} {...register('role')}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="field-pair">
        <Field label={t('staff.pin')} error={err(errors.pin?.message)}>
          {(p) => <input {...p} {...register('pin')} type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} />}
        </Field>
        <Field label={t('staff.confirmPin')} error={err(errors.pinConfirm?.message)}>
          {(p) => <input {...p} {...register('pinConfirm')} type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} />}
        </Field>
      </div>
      <SubmitButton busy={isSubmitting} className="btn btn-primary btn-lg btn-block">
        {isSubmitting ? t('staff.adding') : t('staff.add')}
      </SubmitButton>
    </form>
  );
}
