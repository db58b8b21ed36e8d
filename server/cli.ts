import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDb, type Db } from './db/pool.js';
import { migrateServer } from './db/migrate.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded.js';
import { startShopServer } from './http/server.js';
import { lanIPv4Addresses } from './net.js';
import { createPairingCode, PAIRING_CODE_TTL_MS } from './pairing.js';
import { listTills, revokeTill } from './tills.js';
import { BRANCH_USAGE, branchCommand } from './branches/cli.js';
import { branchByCode } from './branches/branches.js';
import { loadOrCreateIdentity } from './tls.js';
import { memberJobsPairingCode, scheduleMemberJobs, type MemberJobsTillFactory } from './jobs/member-jobs.js';

/**
 * `npm run pos -- server …`: the shop server and the owner's commands for it. The database is
 * either an existing PostgreSQL (--pg URL) or one the app runs itself (--embedded DIR). Its
 * credentials stay on this machine: nothing here prints them, and tills never receive them.
 */
export const SERVER_USAGE = `usage: npm run pos -- server [--pg URL | --embedded DIR] [options]

  server                       run the shop server (prints its addresses, fingerprint and a pairing code)
  server status [--json]       the paired tills: last contact, backlog, last seq, open exceptions
  server pair-code             a new one-time pairing code (valid 30 minutes)
  server revoke T2             revoke a till: its token stops working at once
${BRANCH_USAGE}
  server owner-password        set the owner's head-office password (read from stdin) for the report pages at https://…/hq/

options:
  --pg URL                     an existing PostgreSQL (postgres://user:password@host:port/db)
  --embedded DIR               PostgreSQL run by the app, its data in DIR/pg (made on first start)
  --data-dir DIR               the server's own folder (certificate); default DIR of --embedded, else ~/.counter-pos-server
  --port N                     HTTPS port (default 8443; 0 picks a free one)
  --host ADDR                  listen address (default 0.0.0.0: every interface)
`;

interface Options {
  pg?: string;
  embedded?: string;
  dataDir: string;
  port: number;
  host: string;
  json: boolean;
  branch?: string;
  localProducts: boolean;
}

function parse(argv: string[]): { command: string; rest: string[]; options: Options } | string {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      pg: { type: 'string' },
      embedded: { type: 'string' },
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '8443' },
      host: { type: 'string', default: '0.0.0.0' },
      json: { type: 'boolean', default: false },
      branch: { type: 'string' },
      'local-products': { type: 'boolean', default: false },
    },
  });
  if (!values.pg === !values.embedded) return 'give either --pg URL or --embedded DIR';
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return '--port must be a number from 0 to 65535';
  const embedded = values.embedded ? path.resolve(values.embedded) : undefined;
  const dataDir = path.resolve(values['data-dir'] ?? embedded ?? path.join(os.homedir(), '.counter-pos-server'));
  const [command = 'run', ...rest] = positionals;
  return { command, rest, options: { ...(values.pg ? { pg: values.pg } : {}), ...(embedded ? { embedded } : {}), dataDir, port, host: values.host, json: values.json, ...(values.branch ? { branch: values.branch } : {}), localProducts: values['local-products'] } };
}

/** The database, migrated; `done` closes it (and stops an embedded cluster this process started). */
async function openShopDatabase(options: Options, ownSignals = false): Promise<{ db: Db; describe: string; done(): Promise<void> }> {
  let cluster: EmbeddedPostgres | undefined;
  let url = options.pg;
  let describe: string;
  if (options.embedded) {
    cluster = await startEmbeddedPostgres(options.embedded, { ownSignals });
    url = cluster.url;
    describe = `embedded PostgreSQL in ${path.join(options.embedded, 'pg')} (127.0.0.1:${cluster.port}${cluster.started ? '' : ', already running'})`;
  } else {
    const u = new URL(url!);
    describe = `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`; // never the password
  }
  const db = openDb(url!);
  try {
    await migrateServer(db);
  } catch (err) {
    await db.close();
    await cluster?.stop();
    throw err;
  }
  return {
    db,
    describe,
    async done() {
      await db.close();
      await cluster?.stop();
    },
  };
}

const until = (d: Date) => d.toTimeString().slice(0, 5);

/** `memberJobs`: the composition root's member-jobs till (electron/host/cli.ts); without it the server runs no daily member jobs. */
export async function serverCommand(argv: string[], hooks: { memberJobs?: (dataDir: string) => MemberJobsTillFactory } = {}): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    console.log(SERVER_USAGE);
    return 0;
  }
  const parsed = parse(argv);
  if (typeof parsed === 'string') {
    console.error(`server: ${parsed}\n\n${SERVER_USAGE}`);
    return 2;
  }
  const { command, rest, options } = parsed;
  switch (command) {
    case 'run':
      return run(options, hooks.memberJobs?.(options.dataDir));
    case 'status':
      return withDb(options, async (db) => status(db, options.json));
    case 'pair-code':
      return withDb(options, async (db) => {
        const branch = options.branch ? await branchByCode(db, options.branch) : undefined;
        if (options.branch && !branch) {
          console.error(`no branch ${options.branch.toUpperCase()}: \`npm run pos -- server branch list\` shows them`);
          return 1;
        }
        const { code, expiresAt } = await createPairingCode(db, PAIRING_CODE_TTL_MS, branch?.branchId);
        console.log(`pairing code: ${code} (one till${branch ? ` of ${branch.code} ${branch.name}` : ''}, until ${until(expiresAt)})`);
        return 0;
      });
    case 'branch':
      return withDb(options, async (db) => branchCommand(db, rest, { json: options.json, localProducts: options.localProducts }));
    case 'revoke': {
      const [code] = rest;
      if (!code || !/^T\d{1,3}$/i.test(code)) {
        console.error('usage: npm run pos -- server revoke T2 (--pg URL | --embedded DIR)');
        return 2;
      }
      return withDb(options, async (db) => {
        if (await revokeTill(db, code)) {
          console.log(`${code.toUpperCase()} revoked: its token no longer works`);
          return 0;
        }
        console.error(`no active till ${code.toUpperCase()}`);
        return 1;
      });
    }
    case 'owner-password':
      return withDb(options, async (db) => {
        const { ownerPasswordCommand } = await import('./stats/owner-cli.js');
        return ownerPasswordCommand(db);
      });
    default:
      console.error(`server: unknown command "${command}"\n\n${SERVER_USAGE}`);
      return 2;
  }
}

async function withDb(options: Options, fn: (db: Db) => Promise<number>): Promise<number> {
  const shop = await openShopDatabase(options);
  try {
    return await fn(shop.db);
  } finally {
    await shop.done();
  }
}

async function status(db: Db, json: boolean): Promise<number> {
  const tills = await listTills(db);
  const { rows } = await db.pool.query<{ head: string; open: string }>('SELECT (SELECT n FROM feed_counter) AS head, (SELECT count(*) FROM exceptions WHERE resolved_at IS NULL) AS open');
  const head = Number(rows[0]!.head);
  const open = Number(rows[0]!.open);
  if (json) {
    console.log(JSON.stringify({ head, openExceptions: open, tills }));
    return 0;
  }
  console.log(`feed head ${head}; open exceptions ${open}`);
  if (tills.length === 0) console.log('no tills paired yet: `npm run pos -- server pair-code` gives a code');
  for (const t of tills) {
    const seen = t.lastSeenAt ? t.lastSeenAt.toLocaleString() : 'never';
    const state = t.revokedAt ? `revoked ${t.revokedAt.toLocaleString()}` : 'active';
    console.log(`  ${t.code.padEnd(5)} ${t.branch.padEnd(4)} ${t.name.padEnd(12)} last contact ${seen}; backlog ${t.backlog}; last seq ${t.lastSeq}; open exceptions ${t.openExceptions}; ${state}`);
  }
  return 0;
}

async function run(options: Options, memberJobs?: MemberJobsTillFactory): Promise<number> {
  const shop = await openShopDatabase(options, true);
  let server;
  let jobs: ReturnType<typeof scheduleMemberJobs> | undefined;
  try {
    const identity = await loadOrCreateIdentity(options.dataDir);
    server = await startShopServer({ db: shop.db, identity, port: options.port, host: options.host });
    const { code, expiresAt } = await createPairingCode(shop.db);
    const hosts = options.host === '0.0.0.0' ? [...lanIPv4Addresses(), '127.0.0.1'] : [options.host];
    console.log('Counter POS shop server');
    console.log(`  database: ${shop.describe}`);
    console.log(`  data folder: ${options.dataDir}`);
    for (const h of hosts) console.log(`  address: https://${h}:${server.port}`);
    console.log(`  head-office reports: https://${hosts[0]}:${server.port}/hq/ (owner password: server owner-password)`);
    console.log(`  certificate fingerprint (SHA-256): ${identity.fingerprint}`);
    console.log(`  pairing code: ${code} (one till, valid ${PAIRING_CODE_TTL_MS / 60_000} minutes, until ${until(expiresAt)})`);
    if (memberJobs) {
      // The chain's daily member jobs, once a day here (server/jobs/member-jobs.ts), over loopback.
      const till = memberJobs({ url: `https://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${server.port}`, pairingCode: () => memberJobsPairingCode(shop.db) });
      jobs = scheduleMemberJobs(till, { log: (m, err) => (err ? console.error(`shop server: ${m}: ${err instanceof Error ? err.message : String(err)}`) : console.log(`shop server: ${m}`)) });
      console.log(`  daily member jobs (points expiry, birthdays, count cards, tiers): run here, in ${path.join(options.dataDir, 'member-jobs')}`);
    }
  } catch (err) {
    await jobs?.stop();
    await server?.close();
    await shop.done();
    throw err;
  }
  const running = server;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`shop server: ${signal}, stopping`);
    // In order: no new requests, then the pool, then the database itself.
    void (jobs?.stop() ?? Promise.resolve())
      .then(() => running.close())
      .then(() => shop.done())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(`shop server: stopping failed: ${err instanceof Error ? err.message : String(err)}`);
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  // Only once the signals are ours: a Ctrl+C sent on seeing this line stops the server cleanly.
  console.log('Press Ctrl+C to stop.');
  return -1; // keep running
}
