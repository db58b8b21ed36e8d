import { useRef } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { invoke } from '../../api/client.js';
import { fieldMessage, translateFieldMessage } from '../../i18n/errors.js';
import { Field } from '../../components/Field.js';
import { notifySuccess } from '../../stores/notices.js';
import { pinField, pinsMatch } from '../../forms/fields.js';
import { focusFoundLater } from '../../components/focus.js';
import { SubmitButton } from '../../components/SubmitButton.js';

const schema = z
  .object({
    currentPin: z.string().min(1, fieldMessage('validation.required')),
    newPin: pinField,
    confirmPin: z.string(),
  })
  .refine((v) => v.newPin === v.confirmPin, { path: ['confirmPin'], message: pinsMatch });
type Values = z.input<typeof schema>;

/** Everyone changes their own PIN: the current one, then the new one twice. */
export function ChangePinForm({ onDone, onCancel }: { onDone?: () => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { currentPin: '', newPin: '', confirmPin: '' } });
  const err = (m: string | undefined) => translateFieldMessage(t, m);
  const formRef = useRef<HTMLFormElement>(null);

  const onSubmit = handleSubmit(async (v) => {
    const r = await invoke('auth.changePin', { currentPin: v.currentPin, newPin: v.newPin });
    if (r.ok) {
      reset();
      notifySuccess('settings.myPin.done');
      if (onDone) onDone();
      else focusFoundLater(() => formRef.current?.querySelector('input[name="currentPin"]'));
      return;
    }
    if (r.error.code === 'wrong_pin') {
      const left = r.error.details?.attemptsLeft;
      setError('currentPin', { message: typeof left === 'number' ? fieldMessage('errors.wrong_pin', { attemptsLeft: left }) : 'errors.wrong_pin_plain' }, { shouldFocus: true });
    } else if (r.error.code === 'bad_input') {
      setError('newPin', { message: fieldMessage('validation.pinFormat') }, { shouldFocus: true });
    } else {
      setFocus('currentPin');
    }
  });

  return (
    <form ref={formRef} className="form-narrow" noValidate onSubmit={(e) => void onSubmit(e)}>
      <Field label={t('settings.myPin.current')} error={err(errors.currentPin?.message)}>
        {(p) => <input {...p} {...register('currentPin')} type="password" inputMode="numeric" autoComplete="current-password" maxLength={8} />}
      </Field>
      <Field label={t('settings.myPin.new')} error={err(errors.newPin?.message)}>
        {(p) => <input {...p} {...register('newPin')} type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} />}
      </Field>
      <Field label={t('settings.myPin.confirm')} error={err(errors.confirmPin?.message)}>
        {(p) => <input {...p} {...register('confirmPin')} type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} />}
      </Field>
      <div className="form-actions">
        {onCancel ? (
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
        <SubmitButton busy={isSubmitting}>
          {isSubmitting ? t('common.saving') : t('settings.myPin.submit')}
        </SubmitButton>
      </div>
    </form>
  );
}
