import type { SessionInfo } from '../../../shared/contract/staff.js';
import { invoke } from '../api/client.js';
import { applyLocale, DEFAULT_LOCALE, forgetLocaleChoice, storedLocaleChoice } from '../i18n/index.js';
import { useApp } from '../stores/app.js';
import { useSession } from '../stores/session.js';
import { useNotices } from '../stores/notices.js';
import { focusHeading } from '../components/focus.js';

/** Reads shop.status into the app store. False when the core cannot be reached. */
export async function refreshStatus(): Promise<boolean> {
  const r = await invoke('shop.status', {}, { quiet: true });
  if (r.ok) useApp.getState().setStatus(r.value);
  return r.ok;
}

/**
 * Start-up: the shop's status, then whether the token kept in sessionStorage still holds
 * (auth.me), then the language: the staff member's own, else this tab's choice, else the shop's.
 */
export async function boot(): Promise<void> {
  const status = await invoke('shop.status', {}, { quiet: true });
  if (!status.ok) {
    if (!useApp.getState().transportProblem) useApp.getState().setBootError(true);
    return;
  }
  useApp.getState().setStatus(status.value);
  let locale = storedLocaleChoice() ?? status.value.locale;
  if (useSession.getState().token) {
    const me = await invoke('auth.me', {}, { quiet: true });
    if (me.ok) {
      useSession.getState().setStaff(me.value.staff);
      useSession.getState().setLocked(me.value.locked);
      if (me.value.locale) locale = me.value.locale;
    } else {
      useSession.getState().clear();
    }
  }
  applyLocale(locale);
}

/** After auth.signIn: keep the session, apply the staff member's remembered language, open Checkout. */
export function completeSignIn(info: SessionInfo): void {
  useNotices.getState().clear();
  useSession.getState().signedIn(info.token, info.staff);
  if (info.locale) applyLocale(info.locale);
  useApp.getState().navigate('checkout');
  focusHeading();
}

/** Signs out (even if the core cannot be reached, this till forgets the session) and returns to sign-in in the shop's language. */
export async function signOut(): Promise<void> {
  // The customer's screen goes back to the pictures: the cart it showed is cleared with the session.
  await invoke('display.show', { stage: 'idle' }, { quiet: true });
  await invoke('auth.signOut', {}, { quiet: true });
  useSession.getState().clear();
  forgetLocaleChoice();
  applyLocale(useApp.getState().status?.locale ?? DEFAULT_LOCALE);
  useApp.getState().setHelpOpen(false);
  useApp.getState().navigate('checkout');
}

let focusBeforeLock: Element | null = null;

export async function lockScreen(): Promise<void> {
  focusBeforeLock = document.activeElement;
  const r = await invoke('auth.lock', {});
  if (r.ok) {
    useApp.getState().setHelpOpen(false);
    useSession.getState().setLocked(true);
  }
}

/** Where focus goes after unlocking: back where it was, else the page heading. */
export function takeFocusBeforeLock(): Element | null {
  const el = focusBeforeLock;
  focusBeforeLock = null;
  return el;
}
