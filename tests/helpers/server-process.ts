/**
 * The shop server in a child process, for the sync fault runs (tests/integration/sync-faults.test.ts):
 * the production pieces `npm run pos -- server` runs (migrateServer, loadOrCreateIdentity on a
 * data folder, startShopServer over one PostgreSQL), plus stdout marks so the parent can SIGKILL
 * it at a chosen moment of an ingest:
 *
 *   READY <fingerprint>       listening (on PORT, which every restart reuses: tills keep their URL)
 *   PUSH <tag>                a POST /v1/push arrived from the till whose token hashes to <tag>
 *   ANSWERED <tag>            its answer was written (or its socket closed)
 *   INGEST <n> <tag>          push transaction n began (the till's row is about to be locked)
 *   WRITTEN <n> ok=… dup=…    its facts are all inserted, not yet committed (held HOLD_MS ms)
 *   COMMITTED <n>             COMMIT returned
 *
 * Only what the marks need is added: the server's request listener is run inside a context
 * naming the pushing till, and the Db's `tx` is wrapped to mark the transactions run in that
 * context. Nothing else differs from the real server.
 *
 * env: PG_URL, DATA_DIR (certificate folder), PORT, HOLD_MS (default 0)
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { openDb } from '../../server/db/pool.js';
import { migrateServer } from '../../server/db/migrate.js';
import { startShopServer } from '../../server/http/server.js';
import { loadOrCreateIdentity } from '../../server/tls.js';

const out = (line: string) => process.stdout.write(`${line}\n`);
const hold = Number(process.env.HOLD_MS ?? 0);

/** The tag fault-procs.ts computes from a till's token too: enough to tell two tills apart. */
const tokenTag = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 8);

const db = openDb(process.env.PG_URL!, { max: 8, onError: () => {} });
await migrateServer(db);
const identity = await loadOrCreateIdentity(process.env.DATA_DIR!);

// The till whose push is being handled, seen from inside the handler's async calls: only its
// transaction gets the INGEST marks (an authorise or a pairing also runs in db.tx).
const pushing = new AsyncLocalStorage<string>();
const tx = db.tx;
let ingests = 0;
db.tx = ((fn, options) => {
  const tag = pushing.getStore();
  if (options || !tag) return tx(fn, options);
  const n = ++ingests;
  out(`INGEST ${n} ${tag}`);
  return tx(async (client) => {
    const result = await fn(client);
    const statuses = (result as { results?: Array<{ status: string }> } | undefined)?.results?.map((r) => r.status) ?? [];
    out(`WRITTEN ${n} ok=${statuses.filter((s) => s === 'ok').length} dup=${statuses.filter((s) => s === 'duplicate').length}`);
    // Widens the window between "all written" and COMMIT, so a kill can land in it.
    if (hold > 0) await new Promise((r) => setTimeout(r, hold));
    return result;
  }).then((r) => {
    out(`COMMITTED ${n}`);
    return r;
  });
}) as typeof db.tx;

const shop = await startShopServer({ db, identity, host: '127.0.0.1', port: Number(process.env.PORT), logger: { error: (m) => console.error(m) } });
// The server's own request listener, run inside the push's context (and watched).
const [handle] = shop.server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
shop.server.removeAllListeners('request');
shop.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
  if (req.method !== 'POST' || !req.url?.startsWith('/v1/push')) return handle!(req, res);
  const tag = tokenTag((req.headers.authorization ?? '').replace(/^Bearer /, ''));
  out(`PUSH ${tag}`);
  let told = false;
  const answered = () => void (told || ((told = true), out(`ANSWERED ${tag}`)));
  res.once('finish', answered);
  res.once('close', answered);
  pushing.run(tag, () => handle!(req, res));
});
out(`READY ${identity.fingerprint}`);
