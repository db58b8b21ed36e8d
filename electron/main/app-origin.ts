/**
 * The app's own origin. The renderer is served on a custom privileged scheme, so
 * "is this ours?" is one comparison everywhere (navigation, IPC senders, requests).
 *
 * Compare scheme and host, not `URL.origin`: Node's URL parser gives a non-special
 * scheme the opaque origin "null", while Chromium (where the scheme is registered as
 * standard) gives "app://pos". Scheme and host mean the same to both.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'pos';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === ''
  );
}
