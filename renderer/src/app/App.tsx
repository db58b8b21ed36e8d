import { useEffect, useState } from 'react';
import { useApp } from '../stores/app.js';
import { useSession } from '../stores/session.js';
import { Notices } from '../components/Notices.js';
import { NoSecretScreen, LoadingScreen, BootErrorScreen } from './BootScreens.js';
import { boot } from './session-actions.js';
import { OnboardingPage } from '../features/onboarding/OnboardingPage.js';
import { SignInPage } from '../features/signin/SignInPage.js';
import { LockScreen } from '../features/signin/LockScreen.js';
import { AppShell } from '../features/shell/AppShell.js';

/**
 * Which screen the till shows, from state alone: no way to reach the core → how to open the
 * printed link; no shop yet → onboarding; nobody signed in → sign-in; signed in → the shell,
 * with the lock screen over it (the shell stays mounted and inert, so work in progress survives a lock).
 */
export function App() {
  const transportProblem = useApp((s) => s.transportProblem);
  const status = useApp((s) => s.status);
  const bootError = useApp((s) => s.bootError);
  const token = useSession((s) => s.token);
  const locked = useSession((s) => s.locked);
  const [booted, setBooted] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (transportProblem === 'missing') return;
    let cancelled = false;
    void boot().finally(() => {
      if (!cancelled) setBooted(true);
    });
    return () => {
      cancelled = true;
    };
    // Boots once, and again when the person asks to retry; transportProblem only skips booting without a transport.
  }, [attempt]);

  let screen;
  if (transportProblem) screen = <NoSecretScreen expired={transportProblem === 'expired'} />;
  else if (bootError)
    screen = (
      <BootErrorScreen
        onRetry={() => {
          useApp.getState().setBootError(false);
          setBooted(false);
          setAttempt((n) => n + 1);
        }}
      />
    );
  else if (!status || !booted) screen = <LoadingScreen />;
  else if (!status.setUp) screen = <OnboardingPage />;
  else if (!token) screen = <SignInPage />;
  else
    screen = (
      <>
        <AppShell inert={locked} />
        {locked ? <LockScreen /> : null}
      </>
    );

  return (
    <>
      {screen}
      <Notices />
    </>
  );
}
