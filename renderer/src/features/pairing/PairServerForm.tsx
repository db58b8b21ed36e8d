import { useId, useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/contract/sync.js';
import type { AppError } from '../../../../shared/errors.js';
import { invoke } from '../../api/client.js';
import { errorMessage, fieldErrorsFrom, translateFieldMessage } from '../../i18n/errors.js';
import { notifyError } from '../../stores/notices.js';
import { Field } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { fieldForPairError, PAIR_FIELDS, pairSchema, type PairInput, type PairValues } from './pair-schema.js';

interface Props {
  /** Focus the address on mount (the first-run screen; not inside Settings, where the tab keeps focus). */
  autoFocus?: boolean;
  onPaired: (status: SyncStatus) => void;
  /**
   * Given on the first-run screen: a till that was already joined (the app was closed while
   * the shop was still arriving) is handed over to wait for it, not told off with an error.
   */
  onAlreadyPaired?: () => void;
  /** A button beside the submit one (the first-run screen's way back), as 取消 sits in other forms. */
  secondaryAction?: ReactNode;
}

/**
 * Joining this till to the shop server (sync.pair): the address and the one-time code the
 * server shows, and a name for the till. Used in Settings › 多收银台 and on the first-run
 * screen of a newly installed till. Each refusal is shown where it can be fixed, and the
 * alert region announces it.
 */
export function PairServerForm({ autoFocus = false, onPaired, onAlreadyPaired, secondaryAction }: Props) {
  const { t, i18n } = useTranslation();
  const formErrorId = useId();
  const [formError, setFormError] = useState<AppError | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<PairValues, unknown, PairInput>({
    resolver: zodResolver(pairSchema),
    defaultValues: { url: '', code: '', tillName: '' },
  });
  const err = (m: string | undefined) => translateFieldMessage(t, m);

  const onSubmit = handleSubmit(async (v) => {
    setFormError(null);
    // Quiet: the answer is announced below, except an already-joined till on the first-run screen.
    const r = await invoke('sync.pair', v, { quiet: true });
    if (r.ok) return onPaired(r.value);
    if (onAlreadyPaired && r.error.messageKey === 'errors.sync_already_paired') return onAlreadyPaired();
    notifyError(r.error);
    const fields = fieldErrorsFrom(r.error, PAIR_FIELDS);
    const field = fieldForPairError(r.error.messageKey);
    if (field) fields.push({ field, message: r.error.messageKey! });
    if (fields.length === 0) {
      setFormError(r.error);
      setFocus('url');
      return;
    }
    fields.forEach((f, i) => setError(f.field as keyof PairValues, { message: f.message }, { shouldFocus: i === 0 }));
  });

  return (
    <form
      className="form-narrow"
      noValidate
      onSubmit={(e) => void onSubmit(e)}
      aria-label={t('settings.tills.join')}
      aria-describedby={formError ? formErrorId : undefined}
    >
      <Field label={t('settings.tills.url')} hint={t('settings.tills.urlHint')} error={err(errors.url?.message)}>
        {(c) => (
          <input
            {...c}
            {...register('url')}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            autoFocus={autoFocus}
            maxLength={200}
            placeholder="https://192.168.1.10:8443"
          />
        )}
      </Field>
      <Field label={t('settings.tills.code')} hint={t('settings.tills.codeHint')} error={err(errors.code?.message)}>
        {(c) => (
          <input {...c} {...register('code')} className="mono" autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={20} placeholder="ABCD-EFGH-JKMN" />
        )}
      </Field>
      <Field label={t('settings.tills.name')} error={err(errors.tillName?.message)}>
        {(c) => <input {...c} {...register('tillName')} autoComplete="off" maxLength={40} placeholder={t('settings.tills.namePlaceholder')} />}
      </Field>
      {formError ? (
        <p id={formErrorId} className="field-error">
          <span aria-hidden="true">⚠ </span>
          {errorMessage(t, i18n, formError, i18n.language)}
        </p>
      ) : null}
      <div className="form-actions">
        {secondaryAction}
        <SubmitButton busy={isSubmitting}>{isSubmitting ? t('settings.tills.joining') : t('settings.tills.join')}</SubmitButton>
      </div>
    </form>
  );
}
