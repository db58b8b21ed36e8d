import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { invoke } from '../../api/client.js';
import { fieldErrorsFrom, translateFieldMessage } from '../../i18n/errors.js';
import { SUPPORTED_LOCALES } from '../../i18n/index.js';
import { Field } from '../../components/Field.js';
import { notifySuccess } from '../../stores/notices.js';
import { refreshStatus } from '../../app/session-actions.js';
import { nameField, textField } from '../../forms/fields.js';
import { SubmitButton } from '../../components/SubmitButton.js';

const schema = z.object({
  shopName: nameField(40),
  receiptHeader: textField(200),
  receiptFooter: textField(200),
  locale: z.enum(['zh-CN', 'en']),
});
type Values = z.input<typeof schema>;

/** The owner's shop settings: name, receipt header and footer, default language. */
export function ShopSettingsForm() {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState(false);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { shopName: '', receiptHeader: '', receiptFooter: '', locale: 'zh-CN' } });
  const err = (m: string | undefined) => translateFieldMessage(t, m);

  useEffect(() => {
    let cancelled = false;
    void invoke('settings.get', {}).then((r) => {
      if (cancelled || !r.ok) return;
      reset(r.value);
      setLoaded(true);
    });
    return () => {
      cancelled = true;
    };
  }, [reset]);

  const onSubmit = handleSubmit(async (v) => {
    const r = await invoke('settings.update', {
      shopName: v.shopName.trim(),
      receiptHeader: v.receiptHeader.trim(),
      receiptFooter: v.receiptFooter.trim(),
      locale: v.locale,
    });
    if (!r.ok) {
      fieldErrorsFrom(r.error, { shopName: 'shopName', receiptHeader: 'receiptHeader', receiptFooter: 'receiptFooter', locale: 'locale' }).forEach((f, i) =>
        setError(f.field as keyof Values, { message: f.message }, { shouldFocus: i === 0 }),
      );
      return;
    }
    reset(r.value);
    notifySuccess('settings.shop.saved');
    await refreshStatus();
  });

  if (!loaded) return <p role="status">{t('common.loading')}</p>;
  return (
    <form className="form-narrow" noValidate aria-label={t('settings.tab.shop')} onSubmit={(e) => void onSubmit(e)}>
      <Field label={t('settings.shop.shopName')} error={err(errors.shopName?.message)}>
        {(p) => <input {...p} {...register('shopName')} maxLength={60} />}
      </Field>
      <Field label={t('settings.shop.receiptHeader')} optional={t('common.optional')} error={err(errors.receiptHeader?.message)}>
        {(p) => <textarea {...p} {...register('receiptHeader')} rows={3} />}
      </Field>
      <Field label={t('settings.shop.receiptFooter')} optional={t('common.optional')} error={err(errors.receiptFooter?.message)}>
        {(p) => <textarea {...p} {...register('receiptFooter')} rows={2} />}
      </Field>
      <Field label={t('settings.shop.locale')} hint={t('settings.shop.localeHint')} error={err(errors.locale?.message)}>
        {(p) => (
          <select {...p} {...register('locale')}>
            {SUPPORTED_LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`lang.${l}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-actions">
        <SubmitButton busy={isSubmitting}>
          {isSubmitting ? t('common.saving') : t('common.save')}
        </SubmitButton>
      </div>
    </form>
  );
}
