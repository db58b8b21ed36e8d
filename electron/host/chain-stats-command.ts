import path from 'node:path';
import { parseArgs } from 'node:util';
import { Period } from '../../shared/contract/stats.js';
import { localDate } from '../core/lib/clock.js';
import { addDays } from '../../shared/dates.js';
import { printStats } from './stats-command.js';
import { migrateServer } from '../../server/db/migrate.js';
import { openDb } from '../../server/db/pool.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../server/embedded.js';
import { createChainStats, resolveScope, UnknownBranchError } from '../../server/stats/service.js';

/**
 * `npm run pos -- stats --server URL|DIR [--branch B2] [--from D --to D] [--json]`: the
 * head-office figures, printed exactly as the till's `pos stats` prints its own (the same JSON
 * object with --json). Run on the head-office machine: `--server` is the server's database —
 * its PostgreSQL URL (as given to `server --pg`), or the folder given to `server --embedded`
 * (the running server's cluster is used, or started for the look and stopped after). The
 * database's credentials never leave that machine; a till cannot ask this.
 * Without --from/--to: the last 30 days to today.
 */
export async function chainStatsCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: { server: { type: 'string' }, branch: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const server = typeof values.server === 'string' ? values.server : '';
  if (!server) {
    console.error('stats: --server needs the server database: a postgres:// URL or the --embedded folder');
    return 2;
  }
  const today = localDate(new Date());
  const to = typeof values.to === 'string' ? values.to : today;
  const from = typeof values.from === 'string' ? values.from : addDays(to, -29);
  const period = Period.safeParse({ from, to });
  if (!period.success) {
    console.error('stats: --from and --to must be dates YYYY-MM-DD with from ≤ to');
    return 2;
  }
  let cluster: EmbeddedPostgres | undefined;
  let url = server;
  if (!/^postgres(ql)?:\/\//.test(server)) {
    cluster = await startEmbeddedPostgres(path.resolve(server));
    url = cluster.url;
  }
  const db = openDb(url, { max: 4, statementTimeoutMs: 600_000 });
  try {
    await migrateServer(db);
    const scope = await resolveScope(db, typeof values.branch === 'string' ? values.branch : null);
    const out = await createChainStats(db).json(scope, period.data);
    if (values.json) process.stdout.write(`${JSON.stringify(out)}\n`);
    else {
      console.log(scope.code ? `branch ${scope.code} ${scope.name}` : 'the whole chain');
      printStats(out);
    }
    return 0;
  } catch (err) {
    if (err instanceof UnknownBranchError) {
      console.error(`stats: ${err.message} (branches are B1, B2 … as \`server branches\` lists them)`);
      return 2;
    }
    throw err;
  } finally {
    await db.close();
    await cluster?.stop();
  }
}
