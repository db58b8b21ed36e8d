/**
 * Serves the built renderer (dist/renderer) on app://pos/.
 *
 * Why a custom protocol rather than loadFile(): a file:// page has no real origin (so
 * "is this sender ours?" degrades to "is it any file on disk?"), may read other local
 * files, and gets no response headers. app://pos is one standard, secure origin that the
 * navigation, request and IPC checks compare against; this handler puts the CSP header on
 * every response and is the single place where a URL becomes a path, so path traversal
 * is refused here, once. Plain Request -> Response: no Electron import, testable in Node.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.js';
import { appResponseHeaders } from './security.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

/** File contents as Response accepts them (Node's Buffers are ArrayBuffer-backed). */
type Bytes = Uint8Array<ArrayBuffer>;

export interface AppProtocolOptions {
  /** The folder served as app://pos/ (dist/renderer). */
  rootDir: string;
  /** fs.promises.readFile by default; Electron's patched fs also reads inside app.asar. */
  readFile?: (file: string) => Promise<Bytes>;
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });
}

/**
 * Maps a request URL to a file under rootDir, or to a refusal. Exported for tests.
 * The check is on the resolved path, after decoding, so every spelling of "..", of a
 * backslash or of an absolute path (%2e%2e%2f, ..%5c, /C:/…) ends up outside and refused.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): { file: string } | { status: number; reason: string } {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 400, reason: 'bad url' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { status: 404, reason: 'not this app' };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400, reason: 'bad encoding' };
  }
  if (pathname.includes('\0')) return { status: 400, reason: 'nul byte' };
  const root = path.resolve(rootDir);
  const relative = pathname.replace(/^[/\\]+/, '') || 'index.html';
  const file = path.resolve(root, relative);
  if (!file.startsWith(root + path.sep)) return { status: 403, reason: 'outside the app' };
  return { file };
}

export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const readFile = options.readFile ?? ((file: string) => fs.readFile(file) as Promise<Bytes>);
  const indexFile = path.join(path.resolve(options.rootDir), 'index.html');

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    const target = resolveAppPath(options.rootDir, request.url);
    if ('status' in target) return plain(target.status, target.reason);

    let file = target.file;
    let body: Bytes;
    try {
      body = await readFile(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Client-side routes (no extension) fall back to the page, like the browser host.
      if ((code === 'ENOENT' || code === 'EISDIR') && path.extname(file) === '') {
        file = indexFile;
        try {
          body = await readFile(file);
        } catch {
          return plain(404, 'not found');
        }
      } else {
        return plain(404, 'not found');
      }
    }
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const headers = appResponseHeaders(type);
    if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
    return new Response(body, { status: 200, headers });
  };
}
