import https from 'node:https';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import type { ClientRequestArgs } from 'node:http';
import type { z } from 'zod';
import {
  AuthoriseAnswer, FeedAnswer, MemberLookupAnswer, PairAnswer, PairingCode, PushAnswer, ReleaseAnswer, ServerStatus, SyncErrorBody, SYNC_PROTOCOL_VERSION,
  type AuthoriseRequest, type MemberLookupRequest, type PushItem, type SyncErrorCode,
} from '../../../shared/sync/protocol.js';
import { pairingKey, sameDigest, serverProof, tillProof } from '../../../server/pairing-proof.js';

/**
 * The till's side of the shop-server wire (plain Node https, no Electron). The server's
 * certificate is self-signed; trust is its SHA-256 fingerprint, learnt at pairing (trust on
 * first use, backed by the pairing proof) and pinned after. The fingerprint is checked on
 * every new connection before a single request byte is written: a different certificate is
 * refused with 'pinning'. Every call has a short deadline, so a dead or slow server makes the
 * till offline rather than freezing the counter.
 */
export type ServerClientErrorCode = 'offline' | 'pinning' | SyncErrorCode;

export class ServerClientError extends Error {
  constructor(readonly code: ServerClientErrorCode, message?: string, readonly status?: number) {
    super(message ?? code);
    this.name = 'ServerClientError';
  }
}

export interface ServerClientOptions {
  /** https://host:port of the shop server. */
  url: string;
  /** The pinned certificate fingerprint (hex, lower-case, no colons); learnt by pair(). */
  fingerprint?: string;
  /** This till's token; given by pair(). */
  token?: string;
  /** Deadline per call, connection included (default 3 s). */
  timeoutMs?: number;
}

export interface ServerClient {
  pair(code: string, tillName: string): Promise<PairAnswer & { fingerprint: string }>;
  status(): Promise<ServerStatus>;
  push(items: PushItem[]): Promise<PushAnswer>;
  /** `waitMs`: a long poll — the server answers at its next commit or after that long. */
  feed(after: number, limit?: number, waitMs?: number, waiting?: number): Promise<FeedAnswer>;
  authorise(request: AuthoriseRequest): Promise<AuthoriseAnswer>;
  release(clientRef: string): Promise<void>;
  /** A member from the chain's directory, with their history (the till applies it even after the counter stopped waiting). */
  lookupMember(request: MemberLookupRequest): Promise<MemberLookupAnswer>;
  /** Closes kept-alive connections. */
  close(): void;
}

/** A member's history may take longer than a push: the counter stops waiting at its own deadline, the answer is still applied. */
const LOOKUP_EXTRA_MS = 7_000;
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;
const normalise = (fp: string) => fp.replaceAll(':', '').toLowerCase();

/** Keeps connections alive, and admits a new one only when its certificate is the pinned one. */
class PinnedAgent extends https.Agent {
  constructor(private readonly expected: () => string | undefined, private readonly connectTimeoutMs: number) {
    // No TLS session cache: every new connection shows its certificate again.
    super({ keepAlive: true, maxSockets: 4, maxCachedSessions: 0 });
  }

  override createConnection(options: ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const socket = tls.connect({ ...(options as tls.ConnectionOptions), rejectUnauthorized: false });
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      callback?.(err, socket);
    };
    // A peer that takes the connection but never finishes the handshake must not hold a socket slot.
    const timer = setTimeout(() => {
      socket.destroy();
      fail(new ServerClientError('offline', `no TLS handshake within ${this.connectTimeoutMs} ms`));
    }, this.connectTimeoutMs);
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      socket.off('error', fail);
      clearTimeout(timer);
      settled = true;
      const pinned = this.expected();
      const seen = normalise(socket.getPeerCertificate().fingerprint256 ?? '');
      if (!pinned || seen !== pinned) {
        socket.destroy();
        callback?.(new ServerClientError('pinning', pinned ? 'the server certificate is not the one this till paired with' : 'no pinned certificate: pair first'), socket);
        return;
      }
      callback?.(null, socket);
    });
    return undefined; // the callback hands the socket over once checked
  }
}

/** The fingerprint of whatever certificate answers at url, read on a throw-away connection. */
function peekFingerprint(url: URL, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: url.hostname, port: Number(url.port || 443), rejectUnauthorized: false, ...(isIp(url.hostname) ? {} : { servername: url.hostname }) });
    const timer = setTimeout(() => socket.destroy(new ServerClientError('offline', 'the server did not answer in time')), timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const fp = normalise(socket.getPeerCertificate().fingerprint256 ?? '');
      socket.end();
      resolve(fp);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err instanceof ServerClientError ? err : new ServerClientError('offline', err.message));
    });
  });
}

const isIp = (host: string) => /^[\d.]+$/.test(host) || host.includes(':');

export function connectServer(options: ServerClientOptions): ServerClient {
  const base = new URL(options.url);
  if (base.protocol !== 'https:') throw new ServerClientError('bad_request', 'the shop server address must start with https://');
  const timeoutMs = options.timeoutMs ?? 3_000;
  let fingerprint = options.fingerprint ? normalise(options.fingerprint) : undefined;
  let token = options.token;
  const agent = new PinnedAgent(() => fingerprint, timeoutMs);

  function call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, answer: S, body?: unknown, retried = false, extraMs = 0): Promise<z.infer<S>> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
    return new Promise((resolveOnce, rejectOnce) => {
      // Settles once: the deadline answers 'offline' by itself, whatever the socket does after.
      let settled = false;
      const resolve = (v: z.infer<S>) => void (settled || ((settled = true), clearTimeout(timer), resolveOnce(v)));
      const reject = (e: unknown) => void (settled || ((settled = true), clearTimeout(timer), rejectOnce(e)));
      const req = https.request({
        agent,
        host: base.hostname,
        port: Number(base.port || 443),
        ...(isIp(base.hostname) ? {} : { servername: base.hostname }),
        method,
        path,
        headers: {
          accept: 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
      });
      const timer = setTimeout(() => {
        const err = new ServerClientError('offline', `no answer within ${timeoutMs + extraMs} ms`);
        reject(err);
        req.destroy(err);
      }, timeoutMs + extraMs);
      req.once('error', (err) => {
        clearTimeout(timer);
        // A kept-alive socket the server had just closed: try once on a fresh one (every call
        // is safe to repeat: a push sent twice answers duplicate).
        if (!retried && req.reusedSocket && (err as NodeJS.ErrnoException).code === 'ECONNRESET') {
          call(method, path, answer, body, true, extraMs).then(resolve, reject);
          return;
        }
        reject(err instanceof ServerClientError ? err : new ServerClientError('offline', err.message));
      });
      req.once('response', (res) => {
        res.once('close', () => {
          if (res.complete) return;
          clearTimeout(timer);
          reject(new ServerClientError('offline', 'the answer was cut off'));
        });
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_ANSWER_BYTES) req.destroy(new ServerClientError('protocol', 'answer too large'));
          else chunks.push(c);
        });
        res.once('end', () => {
          clearTimeout(timer);
          let json: unknown;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            reject(new ServerClientError('protocol', `status ${res.statusCode}: the answer is not JSON`, res.statusCode));
            return;
          }
          if (res.statusCode === 200) {
            const parsed = answer.safeParse(json);
            if (parsed.success) resolve(parsed.data);
            else reject(new ServerClientError('protocol', 'the answer does not match the protocol', 200));
            return;
          }
          const error = SyncErrorBody.safeParse(json);
          reject(error.success ? new ServerClientError(error.data.error.code, error.data.error.message, res.statusCode) : new ServerClientError('protocol', `status ${res.statusCode}`, res.statusCode));
        });
      });
      req.end(payload);
    });
  }

  return {
    async pair(code, tillName) {
      const parsedCode = PairingCode.safeParse(code);
      if (!parsedCode.success) throw new ServerClientError('bad_request', 'a pairing code is three groups of four letters or digits');
      // The proof covers the certificate this till sees: a machine in the middle shows another
      // one, and the server (which knows its own) finds no code that matches.
      const seen = await peekFingerprint(base, timeoutMs);
      if (fingerprint && seen !== fingerprint) throw new ServerClientError('pinning', 'the server certificate is not the one this till paired with');
      const previous = fingerprint;
      fingerprint = seen; // the pairing request itself goes only to that same certificate
      const key = pairingKey(parsedCode.data);
      try {
        const answer = await call('POST', '/v1/pair', PairAnswer, { tillName, proof: tillProof(key, seen), protocol: SYNC_PROTOCOL_VERSION });
        if (!sameDigest(answer.serverProof, serverProof(key, seen, answer.tillId))) {
          throw new ServerClientError('pairing_refused', 'the server could not prove it knows the code');
        }
        token = answer.token;
        return { ...answer, fingerprint: seen };
      } catch (err) {
        fingerprint = previous;
        throw err;
      }
    },
    status: () => call('GET', '/v1/status', ServerStatus),
    push: (items) => call('POST', '/v1/push', PushAnswer, { items }),
    feed: (after, limit, waitMs, waiting) => call('GET',
      `/v1/feed?after=${after}${limit === undefined ? '' : `&limit=${limit}`}${waitMs ? `&wait=${waitMs}` : ''}${waiting === undefined ? '' : `&waiting=${waiting}`}`,
      FeedAnswer, undefined, false, waitMs ?? 0),
    authorise: (request) => call('POST', '/v1/authorise', AuthoriseAnswer, request),
    release: async (clientRef) => { await call('POST', '/v1/release', ReleaseAnswer, { clientRef }); },
    lookupMember: (request) => call('POST', '/v1/members/lookup', MemberLookupAnswer, request, false, LOOKUP_EXTRA_MS),
    close: () => agent.destroy(),
  };
}
