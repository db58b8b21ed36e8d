import http from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { format as formatMediaType, parse as parseMediaType } from 'content-type';
import type { Dispatcher } from '../core/dispatch/dispatcher.js';
import { appError } from '../../shared/errors.js';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';
import { staticFiles } from './static-files.js';
import { eventTickets } from './event-tickets.js';
import type { EventBus } from '../core/lib/event-bus.js';

export interface HostOptions {
  dispatcher: Dispatcher;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Per-launch secret; generated when omitted. */
  secret?: string;
  /** Pushed to pages as server-sent events on /api/events (opened with a ticket from /api/events-ticket). */
  events?: EventBus;
  /** Largest accepted request body (CSV imports travel through here). */
  maxBodyBytes?: number;
}

export interface RunningHost {
  url: string;
  /** The address to open: it carries the secret in the fragment, which browsers never send. */
  openUrl: string;
  port: number;
  /** The address the server is bound to (always loopback). */
  address: string;
  secret: string;
  close(): Promise<void>;
}


function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * A JSON body, judged on the parsed media type: `application/json` in any case, with any
 * parameters (the body is read as UTF-8 whatever they say). A prefix match would let
 * `application/jsonp` through and refuse `Application/JSON`. content-type's parse is lenient
 * since 2.0, so format re-checks what it found (type and parameter names are tokens,
 * values are text) and a malformed header is refused too.
 */
function isJson(header: string | undefined): boolean {
  if (header === undefined) return false;
  try {
    const media = parseMediaType(header);
    formatMediaType(media);
    return media.type === 'application/json';
  } catch {
    return false;
  }
}

function sameSecret(given: string | undefined, secret: Buffer): boolean {
  if (!given) return false;
  const g = Buffer.from(given);
  return g.length === secret.length && timingSafeEqual(g, secret);
}

/**
 * The browser host: serves the built renderer and the contract on 127.0.0.1 only.
 * Every API request must carry the per-launch secret (header `x-pos-secret`; the event
 * stream, which cannot send headers, a ticket bought with it), a Host
 * header naming this loopback port (defeats DNS rebinding) and, if the browser sends one,
 * an Origin of this same address (defeats cross-site requests). JSON bodies only.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const secretText = options.secret ?? randomBytes(24).toString('base64url');
  const secret = Buffer.from(secretText);
  const maxBody = options.maxBodyBytes ?? 32 * 1024 * 1024;
  let allowedHosts = new Set<string>();
  const tickets = eventTickets();

  const assets = staticFiles(options.staticDir, (res) => {
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
  });

  function streamEvents(req: http.IncomingMessage, res: http.ServerResponse) {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.write(': connected\n\n');
    const unsubscribe = options.events?.subscribe((e) => res.write(`data: ${JSON.stringify(e)}\n\n`));
    // A comment every 25 s keeps the connection from looking idle.
    const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.on('close', () => {
      clearInterval(ping);
      unsubscribe?.();
    });
  }

  const server = http.createServer((req, res) => {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(host)) return send(res, 421, { ok: false, error: appError('forbidden', { reason: 'host' }) });
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.has(origin.toLowerCase().replace(/^http:\/\//, ''))) {
      return send(res, 403, { ok: false, error: appError('forbidden', { reason: 'origin' }) });
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      // EventSource cannot set headers: the stream is opened with a single-use ticket in the
      // query, never with the secret (an address can end up in logs and history).
      if (url.pathname === '/api/events' && req.method === 'GET') {
        if (!tickets.redeem(url.searchParams.get('t'))) return send(res, 401, { ok: false, error: appError('forbidden', { reason: 'ticket' }) });
        return streamEvents(req, res);
      }
      if (!sameSecret(req.headers['x-pos-secret'] as string | undefined, secret)) {
        return send(res, 401, { ok: false, error: appError('forbidden', { reason: 'secret' }) });
      }
      if (url.pathname === '/api/events-ticket' && req.method === 'POST') return send(res, 200, { ticket: tickets.issue() });
      if (url.pathname !== '/api/invoke' || req.method !== 'POST') return send(res, 404, { ok: false, error: appError('not_found') });
      if (!isJson(req.headers['content-type'])) {
        return send(res, 415, { ok: false, error: appError('bad_input', { reason: 'content-type' }) });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let tooBig = false;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (tooBig) return;
        if (size > maxBody) {
          tooBig = true;
          chunks.length = 0;
          res.setHeader('connection', 'close');
          send(res, 413, { ok: false, error: appError('bad_input', { reason: 'too_large' }) });
        } else chunks.push(c);
      });
      req.on('end', () => {
        if (tooBig) return;
        let envelope: unknown;
        try {
          envelope = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return send(res, 400, { ok: false, error: appError('bad_input', { reason: 'json' }) });
        }
        if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
          return send(res, 400, { ok: false, error: appError('bad_input', { reason: 'envelope' }) });
        }
        options.dispatcher
          .invoke(envelope as { method: string; input: unknown; session?: string })
          .then((result) => send(res, 200, result))
          .catch(() => send(res, 500, { ok: false, error: appError('internal') }));
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { ok: false, error: appError('not_found') });
    assets(req, res, () => send(res, 404, { ok: false, error: appError('not_found') }));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}#k=${secretText}`,
    port,
    address: (server.address() as AddressInfo).address,
    secret: secretText,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
