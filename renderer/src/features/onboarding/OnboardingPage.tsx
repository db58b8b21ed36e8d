import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../shared/contract/index.js';
import { invoke } from '../../api/client.js';
import { applyLocale, currentLocale, isLocale, SUPPORTED_LOCALES } from '../../i18n/index.js';
import { fieldErrorsFrom, translateFieldMessage } from '../../i18n/errors.js';
import { Field } from '../../components/Field.js';
import { LanguageSwitcher } from '../../components/LanguageSwitcher.js';
import { PAGE_HEADING_ID, focusLater } from '../../components/focus.js';
import { notifySuccess } from '../../stores/notices.js';
import { completeSignIn, refreshStatus } from '../../app/session-actions.js';
import { onboardingSchema, SETUP_FIELDS, type OnboardingValues } from './schema.js';
import { PageHeading } from '../../components/PageHeading.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { JoinShop } from './JoinShop.js';

type DemoStaff = Output<'shop.setupDemo'>['staff'];

/**
 * First run: create the shop and its owner, join the shop server as a second till (the shop
 * comes from the server), or explore a ready-made demo shop.
 */
export function OnboardingPage() {
  const { t } = useTranslation();
  const [demoBusy, setDemoBusy] = useState(false);
  const [demoStaff, setDemoStaff] = useState<DemoStaff | null>(null);
  const [joining, setJoining] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<OnboardingValues>({
    resolver: zodResolver(onboardingSchema),
    defaultValues: { shopName: '', receiptHeader: '', locale: currentLocale(), ownerName: '', pin: '', pinConfirm: '' },
  });
  const err = (m: string | undefined) => translateFieldMessage(t, m);

  const onSubmit = handleSubmit(async (v) => {
    if (demoBusy) return;
    const setup = await invoke('shop.setup', {
      shopName: v.shopName.trim(),
      receiptHeader: v.receiptHeader.trim(),
      locale: v.locale,
      owner: { name: v.ownerName.trim(), pin: v.pin },
    });
    if (!setup.ok) {
      const fieldErrors = fieldErrorsFrom(setup.error, SETUP_FIELDS);
      fieldErrors.forEach((f, i) => setError(f.field as keyof OnboardingValues, { message: f.message }, { shouldFocus: i === 0 }));
      if (setup.error.code === 'already_set_up') await refreshStatus();
      return;
    }
    // The owner just typed their PIN twice: sign them straight in.
    const session = await invoke('auth.signIn', { staffId: setup.value.owner.id, pin: v.pin });
    if (session.ok) completeSignIn(session.value);
    notifySuccess('onboarding.created');
    await refreshStatus();
  });

  const startDemo = async () => {
    if (demoBusy || isSubmitting) return;
    setDemoBusy(true);
    const r = await invoke('shop.setupDemo', { locale: currentLocale() });
    setDemoBusy(false);
    if (r.ok) {
      setDemoStaff(r.value.staff);
      focusLater('demo-continue');
    } else if (r.error.code === 'already_set_up') {
      await refreshStatus();
    }
  };

  if (demoStaff) {
    return (
      <main className="screen-center">
        <div className="card card-narrow">
          <PageHeading>
            {t('onboarding.demoReady')}
          </PageHeading>
          <p className="lead">{t('onboarding.demoIntro')}</p>
          <table className="table table-large">
            <caption className="sr-only">{t('onboarding.demoStaff')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staffTable.name')}</th>
                <th scope="col">{t('staffTable.role')}</th>
                <th scope="col">{t('staffTable.pin')}</th>
              </tr>
            </thead>
            <tbody>
              {demoStaff.map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  <td>{t(`roles.${s.role}`)}</td>
                  <td className="mono pin-hint">{s.pin}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button id="demo-continue" type="button" className="btn btn-primary btn-xl btn-block" onClick={() => void refreshStatus()}>
            {t('onboarding.demoContinue')}
          </button>
        </div>
      </main>
    );
  }

  if (joining) return <JoinShop onBack={() => { setJoining(false); focusLater('join-start'); }} />;

  const localeField = register('locale');
  return (
    <main className="onboarding">
      <header className="onboarding-head">
        <div>
          <PageHeading>
            {t('onboarding.title')}
          </PageHeading>
          <p className="lead">{t('onboarding.subtitle')}</p>
        </div>
        {/* Switching the screen's language also picks it as the shop's default (and vice versa below). */}
        <LanguageSwitcher onChanged={(l) => setValue('locale', l)} />
      </header>
      <form className="card onboarding-form" noValidate onSubmit={(e) => void onSubmit(e)} aria-labelledby={PAGE_HEADING_ID}>
        <div className="onboarding-columns">
          <fieldset className="form-section">
            <legend>{t('onboarding.shopSection')}</legend>
            <Field label={t('onboarding.shopName')} error={err(errors.shopName?.message)}>
              {(p) => <input {...p} {...register('shopName')} autoComplete="organization" autoFocus maxLength={60} />}
            </Field>
            <Field
              label={t('onboarding.receiptHeader')}
              hint={t('onboarding.receiptHeaderHint')}
              optional={t('common.optional')}
              error={err(errors.receiptHeader?.message)}
            >
              {(p) => <textarea {...p} {...register('receiptHeader')} rows={2} />}
            </Field>
            <fieldset className="radio-row">
              <legend>{t('onboarding.language')}</legend>
              {SUPPORTED_LOCALES.map((l) => (
                <label key={l} className="radio-pill" lang={l}>
                  <input
                    type="radio"
                    value={l}
                    {...localeField}
                    onChange={(e) => {
                      void localeField.onChange(e);
                      // The language chosen for the shop is also the one this screen switches to.
                      if (isLocale(e.target.value)) applyLocale(e.target.value);
                    }}
                  />
                  <span>{t(`lang.${l}`)}</span>
                </label>
              ))}
            </fieldset>
          </fieldset>
          <fieldset className="form-section">
            <legend>{t('onboarding.ownerSection')}</legend>
            <Field label={t('onboarding.ownerName')} error={err(errors.ownerName?.message)}>
              {(p) => <input {...p} {...register('ownerName')} autoComplete="name" maxLength={30} />}
            </Field>
            <Field label={t('onboarding.pin')} error={err(errors.pin?.message)}>
              {(p) => <input {...p} {...register('pin')} type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} />}
            </Field>
            <Field label={t('onboarding.pinConfirm')} error={err(errors.pinConfirm?.message)}>
              {(p) => <input {...p} {...register('pinConfirm')} type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} />}
            </Field>
          </fieldset>
        </div>
        <SubmitButton busy={isSubmitting || demoBusy} className="btn btn-primary btn-xl btn-block">
          {isSubmitting ? t('onboarding.submitting') : t('onboarding.submit')}
        </SubmitButton>
      </form>
      {/* A second till must not start a shop of its own: the server already holds the shop. */}
      <aside className="card demo-card" aria-labelledby="join-title">
        <div>
          <h2 id="join-title">{t('onboarding.join.choiceTitle')}</h2>
          <p>{t('onboarding.join.choiceHint')}</p>
        </div>
        <button
          id="join-start"
          type="button"
          className="btn btn-outline btn-xl"
          onClick={() => { if (!demoBusy && !isSubmitting) setJoining(true); }}
          aria-disabled={demoBusy || isSubmitting}
        >
          {t('onboarding.join.choice')}
        </button>
      </aside>
      <aside className="card demo-card" aria-labelledby="demo-title">
        <div>
          <h2 id="demo-title">{t('onboarding.demoTitle')}</h2>
          <p>{t('onboarding.demoHint')}</p>
        </div>
        <button
          id="demo-start"
          type="button"
          className="btn btn-accent btn-xl"
          onClick={() => void startDemo()}
          aria-disabled={demoBusy || isSubmitting}
          aria-busy={demoBusy}
        >
          {demoBusy ? t('onboarding.demoCreating') : t('onboarding.demo')}
        </button>
      </aside>
    </main>
  );
}
