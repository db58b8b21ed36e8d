/**
 * The renderer's Content-Security-Policy, one fact shared by the browser host (header), the build
 * (meta tag) and the Electron window (response header). Nothing inline, nothing remote:
 * the page talks only to its own origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
