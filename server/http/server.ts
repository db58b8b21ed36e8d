import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthoriseRequest, FeedQuery, MemberLookupRequest, PairRequest, PushRequest, ReleaseRequest, SYNC_PROTOCOL_VERSION, type ServerStatus } from '../../shared/sync/protocol.js';
import type { Db } from '../db/pool.js';
import { SyncError, badRequest } from '../errors.js';
import { readFeed } from '../feed.js';
import { lookupMember } from '../directory/directory.js';
import { branchInfo } from '../branches/branches.js';
import { createCommitSignal } from '../commit-signal.js';
import { ingestPush } from '../ingest.js';
import { pairTill } from '../pairing.js';
import { authoriseSpend, releaseSpend } from '../spend/authorise.js';
import type { TableRules } from '../rules/index.js';
import { tableRules } from '../rules/index.js';
import { tillByToken, touchTill, type Till } from '../tills.js';
import type { ServerIdentity } from '../tls.js';
import { readJsonBody } from './body.js';
import { errorAnswer, sendJson } from './respond.js';
import { headOffice } from './head-office.js';

export interface ShopServerOptions {
  db: Db;
  identity: ServerIdentity;
  rules?: TableRules;
  port?: number;
  host?: string;
  logger?: { error(message: string): void };
  /** The built renderer head office's report pages are served from (/hq/, head-office.ts); default dist/renderer. */
  rendererDir?: string;
}

export interface ShopServer {
  server: https.Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, url: URL) => Promise<unknown>;

/**
 * The shop server's HTTPS API (node:https, self-signed identity). Every answer is JSON;
 * every refusal a SyncErrorBody with a typed code. A request is authenticated (Bearer
 * token) before its body is read, so an unknown or revoked till costs us no parsing.
 */
export async function startShopServer(options: ShopServerOptions): Promise<ShopServer> {
  const { db, identity } = options;
  const rules = options.rules ?? tableRules;
  const logger = options.logger ?? { error: (m: string) => console.error(m) };
  const { rows } = await db.pool.query<{ shop_id: string }>('SELECT shop_id FROM shop');
  const shopId = rows[0]!.shop_id;
  const commits = createCommitSignal();
  let closing = false;
  const hq = headOffice({ db, ...(options.rendererDir ? { rendererDir: options.rendererDir } : {}) });

  const authed = async (req: IncomingMessage): Promise<Till> => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
    const till = match ? await tillByToken(db, match[1]!) : undefined;
    if (!till) throw new SyncError('unauthorized', 401, 'unknown or missing till token');
    if (till.revoked) throw new SyncError('revoked', 403, 'this till was revoked');
    return till;
  };

  const routes: Record<string, Handler> = {
    'POST /v1/pair': async (req) => {
      const body = await readJsonBody(req);
      if (typeof body === 'object' && body !== null && 'protocol' in body && body.protocol !== SYNC_PROTOCOL_VERSION) {
        throw new SyncError('protocol', 400, `this server speaks protocol ${SYNC_PROTOCOL_VERSION}`);
      }
      return pairTill(db, PairRequest.parse(body), identity.fingerprint);
    },
    'GET /v1/status': async (req) => {
      const till = await authed(req);
      const { rows: counter } = await db.pool.query<{ n: string }>('SELECT n FROM feed_counter');
      await touchTill(db, till.tillId);
      const status: ServerStatus = { shopId, serverTime: new Date().toISOString(), head: Number(counter[0]!.n), protocol: SYNC_PROTOCOL_VERSION };
      return status;
    },
    'POST /v1/push': async (req) => {
      const till = await authed(req);
      const { items } = PushRequest.parse(await readJsonBody(req));
      const answer = await ingestPush(db, till.tillId, items, rules);
      commits.notify();
      return answer;
    },
    'POST /v1/authorise': async (req) => {
      const till = await authed(req);
      return authoriseSpend(db, till, AuthoriseRequest.parse(await readJsonBody(req)));
    },
    'POST /v1/release': async (req) => {
      const till = await authed(req);
      return { released: await releaseSpend(db, till, ReleaseRequest.parse(await readJsonBody(req)).clientRef) };
    },
    'GET /v1/feed': async (req, url) => {
      const till = await authed(req);
      const query = FeedQuery.parse(Object.fromEntries(url.searchParams));
      const armed = query.wait > 0 && !closing ? commits.arm(query.wait) : undefined;
      // The member-jobs till (migration 007) reads the whole chain's feed; every other till its branch's view.
      const read = () => readFeed(db, query.after, query.limit, till.memberJobs ? undefined : till.branchId);
      let answer = await read();
      if (armed && answer.items.length === 0) {
        await armed.wait;
        if (!closing) answer = await read();
      } else {
        armed?.cancel();
      }
      await touchTill(db, till.tillId, query.waiting);
      // The branch as it is now (read at the request's start): a permission head office changed reaches the till.
      return { ...answer, branch: branchInfo(till) };
    },
    'POST /v1/members/lookup': async (req) => {
      const till = await authed(req);
      return lookupMember(db, till, MemberLookupRequest.parse(await readJsonBody(req)));
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const url = new URL(req.url ?? '/', 'https://shop-server');
      if (await hq(req, res, url)) return;
      const route = routes[`${req.method} ${url.pathname}`];
      if (!route) {
        const known = Object.keys(routes).some((k) => k.endsWith(` ${url.pathname}`));
        throw known ? new SyncError('bad_request', 405, 'method not allowed') : new SyncError('bad_request', 404, 'no such route');
      }
      if (req.method === 'GET' && url.searchParams.size > 0 && url.pathname !== '/v1/feed') throw badRequest('unexpected query');
      sendJson(req, res, 200, await route(req, url));
    } catch (err) {
      const answer = errorAnswer(err);
      if (answer.unexpected) logger.error(`shop server: ${req.method} ${req.url}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (!res.headersSent) sendJson(req, res, answer.status, answer.body);
      else res.destroy();
    }
  };

  const server = https.createServer({ cert: identity.cert, key: identity.key, minVersion: 'TLSv1.2' }, (req, res) => void handle(req, res));
  // A till gives up after a few seconds; do not let a silent peer hold a socket for long.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 30_000;
  server.on('tlsClientError', () => {}); // a scanner or a till that refused our certificate

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        commits.releaseAll();
        server.close(() => resolve());
        server.closeIdleConnections();
        // A request still running after a few seconds is cut: its transaction rolls back.
        setTimeout(() => server.closeAllConnections(), 3_000).unref();
      }),
  };
}
