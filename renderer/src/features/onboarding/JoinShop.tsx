import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api/client.js';
import { useApp } from '../../stores/app.js';
import { notifySuccess } from '../../stores/notices.js';
import { LanguageSwitcher } from '../../components/LanguageSwitcher.js';
import { PageHeading } from '../../components/PageHeading.js';
import { focusHeading, focusLater } from '../../components/focus.js';
import { PairServerForm } from '../pairing/PairServerForm.js';

/** How often the shop's arrival is checked, when to say it is taking long, when to stop asking. */
export const JOIN_POLL_MS = 500;
export const JOIN_SLOW_MS = 15_000;
export const JOIN_GIVE_UP_MS = 180_000;

const WAIT_ID = 'join-waiting';

/** `till`: the code the server gave; null when the till had been joined before (no one can ask which). */
type Phase = { step: 'form' } | { step: 'waiting'; till: string | null; since: number } | { step: 'stuck'; till: string | null };

/**
 * First run on a newly installed second till: join the shop server instead of creating a
 * shop. sync.pair needs nobody signed in on a till with no shop; the shop (staff, products,
 * members, set-up) then arrives through the sync loop, the shop's set-up last, so once
 * shop.status says it is set up the staff are there to sign in with their own PINs.
 */
export function JoinShop({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ step: 'form' });
  const [slow, setSlow] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const startWaiting = useCallback((till: string | null) => {
    setSlow(false);
    setPhase({ step: 'waiting', till, since: Date.now() });
    // The form (and the button that had focus) goes away: the message takes focus instead.
    focusLater(WAIT_ID);
  }, []);

  useEffect(() => {
    if (phase.step !== 'waiting') return;
    let stopped = false;
    const check = async () => {
      const r = await invoke('shop.status', {}, { quiet: true });
      if (stopped) return;
      if (r.ok && r.value.setUp) {
        // As after a normal set-up: the app moves on to sign-in, whose heading takes focus.
        notifySuccess('onboarding.join.arrived');
        focusHeading();
        useApp.getState().setStatus(r.value);
        return;
      }
      const waited = Date.now() - phase.since;
      if (waited >= JOIN_GIVE_UP_MS) {
        setPhase({ step: 'stuck', till: phase.till });
        focusLater('join-retry');
        return;
      }
      if (waited >= JOIN_SLOW_MS) setSlow(true);
      timer.current = setTimeout(() => void check(), JOIN_POLL_MS);
    };
    void check();
    return () => {
      stopped = true;
      clearTimeout(timer.current);
    };
  }, [phase]);

  const till = phase.step === 'form' ? null : phase.till;
  return (
    <main className="onboarding">
      <header className="onboarding-head">
        <div>
          <PageHeading>{t('onboarding.join.title')}</PageHeading>
          <p className="lead">{t('onboarding.join.intro')}</p>
        </div>
        <LanguageSwitcher />
      </header>
      <div className="card card-narrow">
        {phase.step === 'form' ? (
          <PairServerForm
            autoFocus
            onPaired={(s) => startWaiting(s.tillCode)}
            onAlreadyPaired={() => startWaiting(null)}
            secondaryAction={
              <button type="button" className="btn btn-ghost" onClick={onBack}>
                {t('onboarding.join.back')}
              </button>
            }
          />
        ) : (
          <>
            <p id={WAIT_ID} role="status" tabIndex={-1} className="lead">
              {till ? t('onboarding.join.receiving', { code: till }) : t('onboarding.join.receivingAgain')}
            </p>
            {phase.step === 'waiting' && slow ? <p role="status">{t('onboarding.join.slow')}</p> : null}
            {phase.step === 'stuck' ? (
              <>
                <p className="field-error" role="alert">{t('onboarding.join.stuck')}</p>
                <button id="join-retry" type="button" className="btn btn-primary btn-lg" onClick={() => startWaiting(till)}>
                  {t('onboarding.join.keepWaiting')}
                </button>
              </>
            ) : null}
          </>
        )}
      </div>
    </main>
  );
}
