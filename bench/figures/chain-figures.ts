/**
 * Chain figures (`npm run bench -- --chain`, issue 15): head office's figures on PostgreSQL,
 * each beside a same-run baseline on the same database — one full scan of the sales facts
 * (every sale's jsonb row read once: what computing any figure from the raw facts costs at the
 * least) — and the ingest of a branch's day after an offline day beside a bare INSERT of the
 * same batches.
 *
 * CHAIN_FIGURE_HOOKS below add the member lookups (bench/figures/chain-lookups.ts): at a branch
 * till by phone and by last four digits (p99 ≤ 1 ms / ≤ 5 ms from the till's replica) and the
 * on-demand member fetch from the server (p99 ≤ 50 ms on loopback) — each gets the cached chain
 * and returns its rows.
 */
import { randomUUID } from 'node:crypto';
import type { PushItem } from '../../shared/sync/protocol.js';
import { addDays, addMonths } from '../../shared/dates.js';
import { openDb } from '../../server/db/pool.js';
import { ingestPush } from '../../server/ingest.js';
import { createChainStats, resolveScope } from '../../server/stats/service.js';
import { GENERATED_UNTIL } from '../generate/shape.js';
import { BRANCH_DAY_SALES, TILLS_PER_BRANCH, tillGid } from '../generate/chain/generate-chain.js';
import { workingCopy, type CachedChain } from '../generate/chain/cached-chain.js';
import { nowMs } from '../lib/measure.js';
import type { Row } from '../lib/table.js';
import { serverFetch, tillLookups } from './chain-lookups.js';

/** Figures other modules add (see the header): each runs after these, on the same cached chain. */
export const CHAIN_FIGURE_HOOKS: Array<(o: { chain: CachedChain; log: (m: string) => void }) => Promise<Row[]>> = [tillLookups, serverFetch];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function chainFigures(o: { chain: CachedChain; runs: number; log: (m: string) => void }): Promise<Row[]> {
  const db = openDb(o.chain.url, { statementTimeoutMs: 0 }); // the server's own pool size (10)
  const rows: Row[] = [];
  try {
    const stats = createChainStats(db);
    const chain = await resolveScope(db, null);
    const branch = await resolveScope(db, 'B2');
    const until = GENERATED_UNTIL;
    const month = { from: addDays(until, -29), to: until };
    const cohortPeriod = { from: addMonths(`${until.slice(0, 7)}-01`, -11), to: until }; // the cohort table's 12 months (CohortTable's cohortPeriod)
    const scan = async () => {
      await db.query("SELECT count(*), sum((row->>'total_fen')::bigint) FROM facts WHERE tbl = 'sales'");
    };
    const dashboard = (s: typeof chain) => () => Promise.all([stats.overview(s, month), stats.series(s, month), stats.tills(s, month)]);
    const steps: Record<string, () => Promise<unknown>> = {
      scan,
      dashboard: dashboard(chain),
      dashboardBranch: dashboard(branch),
      cohorts: () => stats.cohorts(chain, cohortPeriod),
      rfm: () => stats.rfm(chain, until),
    };
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(steps).map((k) => [k, []]));
    await scan(); // warm the cache for everyone alike: the baseline is a scan of a warm table
    for (let r = 0; r < o.runs; r++) {
      // A different one first each round: none always runs on a cache the others warmed.
      const names = Object.keys(steps);
      for (let k = 0; k < names.length; k++) {
        const name = names[(r + k) % names.length]!;
        const t = nowMs();
        await steps[name]!();
        times[name]!.push(nowMs() - t);
      }
      o.log(`chain figures: round ${r + 1} of ${o.runs}: ${Object.entries(times).map(([k, v]) => `${k} ${v.at(-1)!.toFixed(0)} ms`).join(', ')}`);
    }
    const base = median(times.scan!);
    const c = o.chain.counts;
    const note = `${c.members.toLocaleString()} members, ${c.sales.toLocaleString()} sales, ${c.branches} branches, ${c.facts.toLocaleString()} facts; median of ${o.runs}; ${o.chain.describe}`;
    const row = (id: string, figure: string, name: string, target: number): Row => {
      const value = median(times[name]!);
      return {
        id, figure, value, unit: 'ms', baseline: "one full scan of the sales facts (SELECT count, sum of total_fen FROM facts WHERE tbl = 'sales')",
        baselineValue: base, ratio: value / base, target: `≤ ${target}× baseline`, met: value / base <= target, note,
      };
    };
    rows.push(
      row('chain.dashboard', 'head-office 30-day dashboard, whole chain (overview, charts, per till)', 'dashboard', 0.1),
      row('chain.dashboard.branch', 'head-office 30-day dashboard, one branch (B2)', 'dashboardBranch', 0.1),
      row('chain.cohorts', 'head-office cohorts, 12 enrolment months, whole chain', 'cohorts', 1),
      row('chain.rfm', 'head-office RFM over 365 days, whole chain', 'rfm', 1),
    );
  } finally {
    await db.close();
  }
  rows.push(await ingestFigure(o));
  for (const hook of CHAIN_FIGURE_HOOKS) rows.push(...(await hook(o)));
  return rows;
}

/**
 * A branch back from a day offline: its two tills push the offline day and the current one
 * (BRANCH_DAY_SALES sales a day, the full chain's per-branch day whatever the scale; each member
 * sale with its points entry) through ingestPush in the tills' own batches, both at once, into a
 * copy of the cached chain; then the same batches as bare INSERTs into facts.
 */
async function ingestFigure(o: { chain: CachedChain; log: (m: string) => void }): Promise<Row> {
  o.log('chain ingest: copying the cached chain (CREATE DATABASE … TEMPLATE)');
  const copy = await workingCopy(o.chain, 'ingest');
  try {
    const { rows: tills } = await copy.db.query<{ till_id: string; last_seq: string; branch_id: string }>(
      'SELECT till_id, last_seq, branch_id FROM tills WHERE till_id = ANY($1::uuid[]) ORDER BY code', [[tillGid(3), tillGid(4)]]);
    const members = o.chain.counts.members;
    const backlog = tills.map((t) => ({ till: t, items: [] as PushItem[], seq: Number(t.last_seq) }));
    let n = 0;
    for (const day of [addDays(GENERATED_UNTIL, 1), addDays(GENERATED_UNTIL, 2)]) {
      for (let i = 0; i < BRANCH_DAY_SALES; i++) {
        const b = backlog[i % TILLS_PER_BRANCH]!;
        const m = (n++ * 2_654_435_761) % 10 < 7 ? 1 + ((n * 40_503) % members) : null;
        const member = m === null ? null : `10000000-0000-7000-8000-${m.toString(16).padStart(12, '0')}`;
        const sale = randomUUID();
        const total = 500 + ((n * 7919) % 19_500);
        const hlc = `${String(1_900_000_000_000 + n).padStart(13, '0')}-000000-${b.till.till_id}`;
        b.items.push({ seq: ++b.seq, gid: randomUUID(), rowGid: sale, table: 'sales', op: 'insert', row: { kind: 'sale', business_date: day, total_fen: total, member_id: member }, hlc, txnEnd: member === null });
        if (member) b.items.push({ seq: ++b.seq, gid: randomUUID(), rowGid: randomUUID(), table: 'points_ledger', op: 'insert', row: { member_id: member, at: `${day}T12:00:00`, delta: Math.max(1, Math.floor(total / 100)), reason: 'earn', sale_id: sale }, hlc, txnEnd: true });
      }
    }
    // The till's outbox cuts batches of up to 200 here only at a transaction's end.
    const batches = (items: PushItem[]) => {
      const out: PushItem[][] = [[]];
      for (const item of items) {
        out.at(-1)!.push(item);
        if (item.txnEnd && out.at(-1)!.length >= 199) out.push([]);
      }
      return out.filter((b) => b.length > 0);
    };
    const items = backlog.reduce((k, b) => k + b.items.length, 0);
    let t = nowMs();
    await Promise.all(backlog.map(async (b) => { for (const batch of batches(b.items)) await ingestPush(copy.db, b.till.till_id, batch); }));
    const ingestMs = nowMs() - t;
    // The same rows, bare: no till lock, no duplicate check, no rules, no summaries.
    const head = Number((await copy.db.query<{ n: string }>('SELECT n FROM feed_counter')).rows[0]!.n);
    let feedNo = head;
    const plan = backlog.map((b) => ({ b, parts: batches(b.items).map((batch) => ({ batch, first: (feedNo += batch.length) - batch.length })) }));
    t = nowMs();
    await Promise.all(plan.map(async ({ b, parts }) => {
      for (const { batch, first } of parts) {
        const rows = batch.map((item, i) => ({ gid: randomUUID(), row_gid: item.rowGid, feed_no: first + i + 1, seq: item.seq + 1_000_000_000, tbl: item.table, op: item.op, row: item.row, hlc: item.hlc, txn_end: item.txnEnd }));
        await copy.db.query(
          `INSERT INTO facts (gid, row_gid, feed_no, till_id, till_seq, tbl, op, row, hlc, txn_end, branch_id)
           SELECT x.gid, x.row_gid, x.feed_no, $2, x.seq, x.tbl, x.op, x.row, x.hlc, x.txn_end, $3
             FROM jsonb_to_recordset($1::jsonb) AS x(gid uuid, row_gid uuid, feed_no bigint, seq bigint, tbl text, op text, row jsonb, hlc text, txn_end boolean)`,
          [JSON.stringify(rows), b.till.till_id, b.till.branch_id]);
      }
    }));
    const bareMs = nowMs() - t;
    const rate = (items * 1000) / ingestMs;
    const bare = (items * 1000) / bareMs;
    o.log(`chain ingest: ${items} items in ${ingestMs.toFixed(0)} ms (${rate.toFixed(0)}/s); bare ${bare.toFixed(0)}/s`);
    return {
      id: 'chain.ingest', figure: "ingest of a branch's day after an offline day (2 days, its 2 tills at once, ingestPush)", value: rate, unit: 'items/s',
      baseline: 'bare INSERT of the same batches into facts, same database', baselineValue: bare, ratio: rate / bare, target: '— (the issue sets none)', met: null,
      note: `${items} items (${2 * BRANCH_DAY_SALES} sales and their points entries) in batches of 200 onto the ${o.chain.counts.facts.toLocaleString()}-fact chain, summaries kept in the same transaction`,
    };
  } finally {
    await copy.drop();
  }
}
