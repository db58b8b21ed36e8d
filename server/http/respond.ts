import type { IncomingMessage, ServerResponse } from 'node:http';
import { ZodError, type z } from 'zod';
import type { SyncErrorBody } from '../../shared/sync/protocol.js';

type ErrorBody = z.infer<typeof SyncErrorBody>;
import { SyncError } from '../errors.js';

const HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/**
 * Answers; when the request body was not read to its end (a refusal before or while reading
 * it), the connection is closed after the answer instead of reading what is left.
 */
export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  const unread = !req.complete;
  if (unread) lingerThenClose(req);
  res.writeHead(status, { ...HEADERS, 'content-length': Buffer.byteLength(text), ...(unread ? { connection: 'close' } : {}) });
  res.end(text);
}

/** How long a refused body's sender may go on sending (discarded) before the socket goes. */
const LINGER_MS = 1_000;

/**
 * Closing a socket that still has unread bytes makes TCP send a reset, and a reset can make
 * the peer throw away our answer before reading it (the till would see "offline" instead of
 * too_large). So after the answer this connection only half-closes (FIN), drops whatever
 * still arrives without parsing or keeping it, and is destroyed a moment later.
 */
function lingerThenClose(req: IncomingMessage): void {
  const socket = req.socket;
  // node:http ends a `connection: close` response with socket.destroySoon(): replace it here.
  socket.destroySoon = () => {
    socket.end();
    req.removeAllListeners('data');
    req.resume();
    socket.on('data', () => {});
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
}

// Codes node-postgres gives when the database cannot be reached or gave up on us: the till
// hears "unavailable" and retries later. Everything else unexpected is "internal".
const UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', '57P01', '57P02', '57P03', '53300', '40001', '40P01', '57014']);

function codeOf(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/** Any failure as SyncErrorBody: a typed code and a short message, never a stack trace. */
export function errorAnswer(err: unknown): { status: number; body: ErrorBody; unexpected: boolean } {
  if (err instanceof SyncError) return { status: err.status, body: { error: { code: err.code, message: err.message } }, unexpected: false };
  if (err instanceof ZodError) {
    const first = err.issues[0];
    const where = first?.path.length ? first.path.join('.') + ': ' : '';
    return { status: 400, body: { error: { code: 'bad_request', message: `${where}${first?.message ?? 'invalid'}`.slice(0, 200) } }, unexpected: false };
  }
  const code = codeOf(err);
  if ((code && UNAVAILABLE.has(code)) || (err instanceof Error && /timeout exceeded when trying to connect|Connection terminated/i.test(err.message))) {
    return { status: 503, body: { error: { code: 'unavailable', message: 'the shop database is not reachable; try again' } }, unexpected: true };
  }
  return { status: 500, body: { error: { code: 'internal' } }, unexpected: true };
}
