/**
 * Security policy of the main process, as plain functions over the Electron objects they
 * touch (typed with Electron's own types, imported as types only), so tests pass fakes.
 *
 * The page is our own code, but it renders data typed in at the counter and imported from
 * CSV files; if that ever turns into script, these rules keep it inside its window:
 * no navigation away, no new windows, no permissions, no remote requests, no webviews.
 */
import type { HandlerDetails, Session, WebContents, WindowOpenHandlerResponse } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';
import { isAppUrl } from './app-origin.js';

/**
 * Origins (e.g. 'https://help.counterpos.example') whose links may open in the system
 * browser. Empty: the app needs nothing outside itself. Add an origin only with a reason.
 */
export const EXTERNAL_LINK_ALLOW_LIST: readonly string[] = [];

/** Headers on every response the app protocol serves. The CSP is the same as the browser host's. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    // The files change only with an update; revalidating is cheap from disk and avoids
    // a stale bundle after one.
    'cache-control': 'no-cache',
  };
}

/** http(s) only, exact origin on the list, no credentials in the URL. */
export function isAllowedExternalUrl(url: string, allowList: readonly string[] = EXTERNAL_LINK_ALLOW_LIST): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  return allowList.includes(parsed.origin);
}

/**
 * Requests the page may make: its own files, inline data, and DevTools' own pages in
 * development. Everything else (http, https, ws, file, ftp…) is cancelled, so "no remote
 * content" holds even if a CSP were weakened by mistake.
 */
export function isAllowedRequestUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  return scheme === 'data:' || scheme === 'blob:' || scheme === 'devtools:';
}

export interface HardenOptions {
  /** shell.openExternal, injected so tests can see what would have opened. */
  openExternal: (url: string) => Promise<void>;
  allowList?: readonly string[];
  log?: (message: string) => void;
}

type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Applied to every webContents the app creates (from `app.on('web-contents-created')`), not
 * just the main window's, so nothing created later escapes the policy.
 */
export function hardenWebContents(contents: HardenableContents, options: HardenOptions): void {
  const log = options.log ?? ((m: string) => console.warn(m));
  const allowList = options.allowList ?? EXTERNAL_LINK_ALLOW_LIST;

  // The deprecated positional `url` is the fallback for older event shapes.
  const keepInApp = (kind: string) => (event: { url?: string; preventDefault(): void }, legacyUrl?: string) => {
    const url = event.url ?? legacyUrl ?? '';
    if (isAppUrl(url)) return;
    event.preventDefault();
    log(`security: blocked ${kind} to ${url.slice(0, 200)}`);
  };
  contents.on('will-navigate', keepInApp('navigation'));
  contents.on('will-redirect', keepInApp('redirect'));
  // Sub-frames too: the app has none, so any frame navigating elsewhere is not ours.
  contents.on('will-frame-navigate', keepInApp('frame navigation'));

  contents.setWindowOpenHandler((details: HandlerDetails): WindowOpenHandlerResponse => {
    if (isAllowedExternalUrl(details.url, allowList)) {
      options.openExternal(details.url).catch((err: unknown) => log(`security: could not open ${details.url}: ${String(err)}`));
    } else {
      log(`security: blocked window.open to ${details.url.slice(0, 200)}`);
    }
    return { action: 'deny' };
  });

  // webviewTag is off in webPreferences; this catches one attached any other way.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('security: blocked a <webview>');
  });
}

type PermissionSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

/**
 * The page needs no browser permission: printers, scanners and drawers are driven from
 * the main process. Deny requests, checks and device access alike.
 */
export function denyAllPermissions(session: PermissionSession, log: (m: string) => void = (m) => console.warn(m)): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`security: denied permission "${permission}"`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Cancels every request that is not to the app itself (see isAllowedRequestUrl). */
export function blockForeignRequests(session: Pick<Session, 'webRequest'>, log: (m: string) => void = (m) => console.warn(m)): void {
  session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    const allowed = isAllowedRequestUrl(details.url);
    if (!allowed) log(`security: cancelled request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
}
