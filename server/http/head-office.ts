import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import { statsContract } from '../../shared/contract/stats.js';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';
import { appError, type Result } from '../../shared/errors.js';
import { rendererFiles } from './static.js';
import type { Db } from '../db/pool.js';
import { SyncError } from '../errors.js';
import { branchesOf, createChainStats, resolveScope, UnknownBranchError, type Scope } from '../stats/service.js';
import { SESSION_HOURS, sessionValid, signIn, signOut } from '../stats/owner.js';
import { readJsonBody } from './body.js';
import { sendJson } from './respond.js';

/**
 * Head office in the browser (issue 15): the server's HTTPS also serves the built renderer
 * under /hq/, where it opens in head-office mode (renderer/src/head-office/): the owner signs
 * in with the head-office password (server/stats/owner.ts) and sees the till's report pages,
 * for the whole chain or one branch, answered by the same stats contract from PostgreSQL.
 *
 *   GET  /hq/…              the renderer build (strict CSP from shared/csp.ts)
 *   GET  /hq/api/session    { signedIn, branches } — the branch picker's list once signed in
 *   POST /hq/api/sign-in    { password } → a session cookie (HttpOnly, Secure, SameSite=Strict, Path=/hq)
 *   POST /hq/api/sign-out
 *   POST /hq/api/invoke     a contract envelope { method, input }; header x-pos-branch: B2 (none: the chain)
 *
 * Answers are the contract's Result objects. A POST must be JSON from this origin (a form or
 * another site cannot send it; the cookie is SameSite=Strict as well).
 */
export interface HeadOfficeOptions {
  db: Db;
  /** The built renderer (npm run build): dist/renderer by default. */
  rendererDir?: string;
}

const COOKIE = 'hq_session';
const HEADERS = (res: ServerResponse) => {
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('strict-transport-security', 'max-age=31536000');
};

/** The stats calls head office answers; the others (lists of members, the till's daily report …) stay on the tills. */
const SERVED = ['stats.overview', 'stats.series', 'stats.tills', 'stats.cohorts', 'stats.rfm'] as const;
type Served = (typeof SERVED)[number];
const Envelope = z.object({ method: z.string().max(64), input: z.unknown(), session: z.unknown().optional() });

function cookieOf(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return undefined;
}

function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  return origin === undefined || origin.toLowerCase() === `https://${(req.headers.host ?? '').toLowerCase()}`;
}

export function headOffice(o: HeadOfficeOptions) {
  const { db } = o;
  const stats = createChainStats(db);
  const dir = path.resolve(o.rendererDir ?? 'dist/renderer');
  let assets: ReturnType<typeof rendererFiles> | null | undefined;
  const assetsOrNull = () => (assets === undefined ? (assets = fs.existsSync(path.join(dir, 'index.html')) ? rendererFiles(dir, HEADERS) : null) : assets);

  const answer = (req: IncomingMessage, res: ServerResponse, status: number, body: Result<unknown>, headers: Record<string, string> = {}) => {
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    sendJson(req, res, status, body);
  };

  async function invoke(envelope: z.infer<typeof Envelope>, branch: string | undefined): Promise<Result<unknown>> {
    if (!(SERVED as readonly string[]).includes(envelope.method)) {
      return { ok: false, error: appError('unknown_method', { method: envelope.method }, 'errors.head_office_unsupported') };
    }
    const method = envelope.method as Served;
    const parsed = statsContract[method].input.safeParse(envelope.input);
    if (!parsed.success) return { ok: false, error: appError('bad_input', { issues: parsed.error.issues.slice(0, 3).map((i) => i.path.join('.')) }) };
    let scope: Scope;
    try {
      scope = await resolveScope(db, branch || null);
    } catch (err) {
      if (err instanceof UnknownBranchError) return { ok: false, error: appError('not_found', { entity: 'branch', code: err.code }) };
      throw err;
    }
    const input = parsed.data as never;
    const value = method === 'stats.overview' ? await stats.overview(scope, input)
      : method === 'stats.series' ? await stats.series(scope, input)
        : method === 'stats.tills' ? await stats.tills(scope, input)
          : method === 'stats.cohorts' ? await stats.cohorts(scope, input)
            : await stats.rfm(scope, (input as { asOf: string }).asOf);
    return { ok: true, value };
  }

  /** True when the request was head office's (answered here); false for the tills' API. */
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname !== '/hq' && !url.pathname.startsWith('/hq/')) return false;
    if (url.pathname === '/hq') {
      res.writeHead(308, { location: '/hq/' }).end();
      return true;
    }
    if (!url.pathname.startsWith('/hq/api/')) {
      const serve = assetsOrNull();
      if (!serve || req.method !== 'GET') {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(serve ? 'not found' : 'the report pages are not built on this server: run npm run build');
        return true;
      }
      req.url = req.url!.slice(3) || '/';
      serve(req, res, () => res.writeHead(404).end());
      return true;
    }
    res.setHeader('strict-transport-security', 'max-age=31536000');
    const route = `${req.method} ${url.pathname}`;
    const token = cookieOf(req);
    if (route === 'GET /hq/api/session') {
      const signedIn = await sessionValid(db, token);
      answer(req, res, 200, { ok: true, value: { signedIn, branches: signedIn ? await branchesOf(db) : [] } });
      return true;
    }
    if (req.method !== 'POST' || !['/hq/api/sign-in', '/hq/api/sign-out', '/hq/api/invoke'].includes(url.pathname)) {
      answer(req, res, 404, { ok: false, error: appError('not_found') });
      return true;
    }
    if (!sameOrigin(req) || !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      answer(req, res, 403, { ok: false, error: appError('forbidden', { reason: 'origin' }) });
      return true;
    }
    if (url.pathname === '/hq/api/sign-in') {
      const body = z.object({ password: z.string().min(1).max(200) }).safeParse(await readJsonBody(req, 4096));
      if (!body.success) {
        answer(req, res, 400, { ok: false, error: appError('bad_input', { field: 'password' }) });
        return true;
      }
      const r = await signIn(db, body.data.password);
      if (r.ok) {
        answer(req, res, 200, { ok: true, value: { signedIn: true, branches: await branchesOf(db) } },
          { 'set-cookie': `${COOKIE}=${r.token}; HttpOnly; Secure; SameSite=Strict; Path=/hq; Max-Age=${SESSION_HOURS * 3600}` });
      } else if (r.reason === 'locked') {
        answer(req, res, 403, { ok: false, error: appError('account_locked', { until: r.until.toISOString().slice(0, 16).replace('T', ' ') }) });
      } else if (r.reason === 'wrong_password') {
        answer(req, res, 401, { ok: false, error: appError('wrong_pin', { attemptsLeft: r.attemptsLeft }) });
      } else {
        answer(req, res, 403, { ok: false, error: appError('not_set_up', {}, 'errors.head_office_no_password') });
      }
      return true;
    }
    if (url.pathname === '/hq/api/sign-out') {
      await signOut(db, token);
      answer(req, res, 200, { ok: true, value: null }, { 'set-cookie': `${COOKIE}=; HttpOnly; Secure; SameSite=Strict; Path=/hq; Max-Age=0` });
      return true;
    }
    if (!(await sessionValid(db, token))) {
      answer(req, res, 401, { ok: false, error: appError('not_signed_in') });
      return true;
    }
    let envelope: z.infer<typeof Envelope>;
    try {
      envelope = Envelope.parse(await readJsonBody(req, 64 * 1024));
    } catch (err) {
      if (err instanceof SyncError) throw err;
      answer(req, res, 400, { ok: false, error: appError('bad_input', { reason: 'envelope' }) });
      return true;
    }
    const branch = req.headers['x-pos-branch'];
    answer(req, res, 200, await invoke(envelope, typeof branch === 'string' ? branch : undefined));
    return true;
  };
}
