/**
 * Sync figure: the shop server's ingest of a till's sales, in the till's own push batches, in
 * order and one at a time (as one till pushes them), through `ingestPush` over a real pool and
 * through the real HTTPS push, against a bare INSERT of the same batches into `facts` of a
 * fresh database in the same PostgreSQL (no till lock, no duplicate check, no feed counter,
 * no rules): the floor of storing those rows there. Each round starts from empty facts
 * everywhere, and the three paths take turns batch by batch, so they share the machine.
 */
import { randomUUID } from 'node:crypto';
import type { PushAnswer, PushItem } from '../../shared/sync/protocol.js';
import { openDb, type Db } from '../../server/db/pool.js';
import { migrateServer } from '../../server/db/migrate.js';
import { ingestPush } from '../../server/ingest.js';
import { testDatabase } from '../../tests/helpers/postgres.js';
import type { TestShopServer } from '../../tests/helpers/shop-server.js';
import { nowMs } from '../lib/measure.js';
import type { Row } from '../lib/table.js';

interface Tally { items: number; ms: number }

/** `server` takes the HTTPS pushes; `bare` is a migrated database for the baseline. */
export async function ingestFigures(o: { server: TestShopServer; bare: Db; batches: PushItem[][]; totalMs: number; pg: string; log: (m: string) => void }): Promise<Row[]> {
  const ingestDatabase = await testDatabase();
  const ingest = openDb(ingestDatabase.url);
  try {
    await migrateServer(ingest);
    const direct = await addTill(ingest);
    const bareTill = await addTill(o.bare);
    const https = await o.server.pairTill('bench push');
    const items = o.batches.reduce((n, b) => n + b.length, 0);
    const tally = { ingest: { items: 0, ms: 0 }, https: { items: 0, ms: 0 }, bare: { items: 0, ms: 0 } };
    const answers = new Map<string, number>();
    const count = (answer: PushAnswer) => { for (const r of answer.results) answers.set(r.status, (answers.get(r.status) ?? 0) + 1); };
    const timed = async (acc: Tally, n: number, fn: () => Promise<unknown>) => {
      const t = nowMs();
      await fn();
      acc.ms += nowMs() - t;
      acc.items += n;
    };
    let rounds = 0;
    while (Math.min(tally.ingest.ms, tally.https.ms, tally.bare.ms) < o.totalMs) {
      await Promise.all([resetServer(ingest), resetServer(o.server.db), o.bare.query('TRUNCATE facts, feed_replays')]);
      let feedNo = 0;
      for (const [i, batch] of o.batches.entries()) {
        const first = feedNo;
        const steps = [
          () => timed(tally.ingest, batch.length, async () => count(await ingestPush(ingest, direct, batch))),
          () => timed(tally.https, batch.length, async () => count(await https.client.push(batch))),
          () => timed(tally.bare, batch.length, () => bareInsert(o.bare, bareTill, first, batch)),
        ];
        feedNo += batch.length;
        // A different one first each time: none always runs on a cache the others warmed.
        for (let k = 0; k < steps.length; k++) await steps[(i + k) % steps.length]!();
      }
      rounds++;
    }
    const rate = (t: Tally) => (t.items * 1000) / t.ms;
    const bareRate = rate(tally.bare);
    o.log(`sync ingest: ${rounds} rounds of ${items} items in ${o.batches.length} batches; ingestPush ${rate(tally.ingest).toFixed(0)}/s, https ${rate(tally.https).toFixed(0)}/s, bare ${bareRate.toFixed(0)}/s`);
    // A fresh server knows none of the shop's balances, so a table rule may flag what a real one would not: say so.
    const answered = [...answers].map(([status, n]) => `${status} ${n}`).join(', ');
    const note = `${rounds} × ${items} sale items (${o.batches.length} batches of the till's own cut), answered (both paths) ${answered}; ${o.pg}`;
    const baseline = 'bare INSERT of the same rows into facts, same batches';
    return [
      {
        id: 'sync.ingest', figure: 'server ingest of sales, ingestPush over a pool', value: rate(tally.ingest), unit: 'items/s',
        baseline, baselineValue: bareRate, ratio: rate(tally.ingest) / bareRate, target: '≥ 0.3× baseline', met: rate(tally.ingest) / bareRate >= 0.3, note,
      },
      {
        id: 'sync.ingest.https', figure: 'server ingest of sales, HTTPS push from a till client (same process)', value: rate(tally.https), unit: 'items/s',
        baseline, baselineValue: bareRate, ratio: rate(tally.https) / bareRate, target: '≥ 0.3× baseline', met: rate(tally.https) / bareRate >= 0.3,
        note: `${note}; includes the client's JSON and TLS, sharing the 2 cores with the server`,
      },
    ];
  } finally {
    await ingest.close();
    await ingestDatabase.drop();
  }
}

/** Each bench till's branch, for the baseline's rows (ingest copies it from the till row). */
const branchOf = new Map<string, string>();

/** A till row as pairing makes it (the token is never used: ingestPush is called directly). */
async function addTill(db: Db): Promise<string> {
  const tillId = randomUUID();
  const { rows } = await db.query<{ branch_id: string }>(
    "INSERT INTO tills (till_id, code, name, token_sha256, branch_id) VALUES ($1, 'T9', 'bench', sha256($2::bytea), (SELECT branch_id FROM branches WHERE code = 'B1')) RETURNING branch_id",
    [tillId, Buffer.from(tillId)],
  );
  branchOf.set(tillId, rows[0]!.branch_id);
  return tillId;
}

/**
 * Back to a server that has taken no push: every table pushes fill (facts, exceptions, whatever
 * a table rule keeps) emptied, the feed counter at 0, every till at the start of its stream.
 */
async function resetServer(db: Db) {
  const { rows } = await db.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'
    AND tablename NOT IN ('schema_migrations', 'shop', 'branches', 'tills', 'pairing_codes', 'feed_counter')`);
  // Every table at once with triggers off: migration 006's TRUNCATE triggers empty tables that
  // are in this same list (PostgreSQL refuses that), and there is nothing left for them to keep.
  await db.query(`BEGIN; SET LOCAL session_replication_role = replica;
    TRUNCATE ${rows.map((r) => `"${r.t}"`).join(', ')}; UPDATE feed_counter SET n = 0; UPDATE tills SET last_seq = 0; COMMIT`);
}

/**
 * The same rows and columns ingest stores, one statement per batch with feed numbers counted
 * here. The rows travel as one JSON document (jsonb_to_recordset), as ingest sends them: on
 * this machine that is ~30% faster than a multi-row VALUES with 5,000 parameters, so the
 * baseline is the faster of the two.
 */
async function bareInsert(db: Db, tillId: string, feedNo: number, batch: PushItem[]) {
  const rows = batch.map((item, i) => ({ gid: item.gid, row_gid: item.rowGid, feed_no: feedNo + i + 1, seq: item.seq, tbl: item.table, op: item.op, row: item.row, hlc: item.hlc, txn_end: item.txnEnd }));
  await db.query(
    `INSERT INTO facts (gid, row_gid, feed_no, till_id, till_seq, tbl, op, row, hlc, txn_end, branch_id)
     SELECT x.gid, x.row_gid, x.feed_no, $2, x.seq, x.tbl, x.op, x.row, x.hlc, x.txn_end, $3
       FROM jsonb_to_recordset($1::jsonb) AS x(gid uuid, row_gid uuid, feed_no bigint, seq bigint, tbl text, op text, row jsonb, hlc text, txn_end boolean)`,
    [JSON.stringify(rows), tillId, branchOf.get(tillId)],
  );
}
