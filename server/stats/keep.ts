import type { PoolClient } from 'pg';
import type { PushItem } from '../../shared/sync/protocol.js';
import { CHAIN_SCOPE } from '../db/migrations/005-chain-stats.js';

/**
 * Keeps the head-office summaries (migration 005) in the push's transaction, once per push:
 * the push's stored facts are folded into deltas here and written in one statement (rows as
 * one JSON document, as ingest stores facts), not one statement per sale. A fact is
 * counted in its till's branch and in the chain (CHAIN_SCOPE), and a sale also under its till.
 * Must equal REBUILD_HQ_SQL run over the same facts (server/stats/keep.test.ts checks it).
 */
export interface StoredFact { item: PushItem }

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const int = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));

type Sums = Record<string, number>;
function add(map: Map<string, Sums>, key: string, delta: Sums): void {
  const s = map.get(key);
  if (!s) map.set(key, { ...delta });
  else for (const [k, v] of Object.entries(delta)) s[k] = (s[k] ?? 0) + v;
}
const rowsOf = (map: Map<string, Sums>, names: string[]) =>
  [...map].map(([key, sums]) => ({ ...Object.fromEntries(key.split('|').map((v, i) => [names[i]!, v])), ...sums }));

const json = (rows: unknown[]) => JSON.stringify(rows);

/** The tables whose facts the summaries count. */
const COUNTED = new Set(['sales', 'members', 'points_ledger', 'complaints', 'feedback']);

export async function keepChainStats(tx: PoolClient, tillId: string, stored: readonly StoredFact[]): Promise<void> {
  if (!stored.some(({ item }) => COUNTED.has(item.table))) return;
  const { rows: [till] } = await tx.query<{ branch_id: string; member_jobs: boolean }>('SELECT branch_id, member_jobs FROM tills WHERE till_id = $1', [tillId]);
  const branchId = till!.branch_id;
  // The member-jobs till's entries (expiry, birthday points) are the chain's, no branch's.
  const scopes = till!.member_jobs ? [CHAIN_SCOPE] : [branchId, CHAIN_SCOPE];
  const days = new Map<string, Sums>();
  const memberDays = new Map<string, Sums>();
  const points = new Map<string, Sums>();
  const feedback = new Map<string, Sums>();
  const members: unknown[] = [];
  const memberUpdates: unknown[] = [];
  const complaints: unknown[] = [];
  const complaintUpdates: unknown[] = [];

  for (const { item } of stored) {
    const { row } = item;
    switch (item.table) {
      case 'sales': {
        if (item.op !== 'insert' || !str(row.business_date)) break;
        const day = String(row.business_date);
        const sale = row.kind === 'sale' ? 1 : 0;
        const total = int(row.total_fen);
        const member = str(row.member_id);
        const d = { sales: sale, refunds: 1 - sale, revenue: total, member_sales: member ? sale : 0, member_revenue: member ? total : 0 };
        for (const s of [tillId, ...scopes]) add(days, `${s}|${day}`, d);
        if (member) for (const s of scopes) add(memberDays, `${s}|${day}|${member}`, { sales: sale, revenue: total });
        break;
      }
      case 'members':
        if (item.op === 'insert' && str(row.enrolled_at) && str(row.status)) members.push({ member: item.rowGid, enrolled_at: row.enrolled_at, status: row.status, hlc: item.hlc });
        else if (item.op === 'update' && (str(row.enrolled_at) || str(row.status))) {
          memberUpdates.push({ member: item.rowGid, enrolled_at: str(row.enrolled_at), status: str(row.status), hlc: item.hlc });
        }
        break;
      case 'points_ledger':
        if (item.op !== 'insert' || !str(row.at)) break;
        for (const s of scopes) add(points, `${s}|${String(row.at).slice(0, 10)}|${String(row.reason)}`, { points: int(row.delta) });
        break;
      case 'complaints':
        if (item.op === 'insert' && str(row.logged_at)) complaints.push({ complaint: item.rowGid, logged_at: row.logged_at, resolved_at: row.resolved_at ?? null, hlc: item.hlc });
        else if (item.op === 'update' && 'resolved_at' in row) complaintUpdates.push({ complaint: item.rowGid, resolved_at: row.resolved_at ?? null, hlc: item.hlc });
        break;
      case 'feedback': {
        if (item.op !== 'insert' || !str(row.answered_at)) break;
        const score = int(row.score);
        for (const s of scopes) add(feedback, `${s}|${String(row.answered_at).slice(0, 10)}`, { responses: 1, promoters: score >= 9 ? 1 : 0, detractors: score <= 6 ? 1 : 0 });
        break;
      }
    }
  }

  // Members first: a sale in this same push then finds its member's cohort.
  if (members.length) await newMembers(tx, branchId, members);
  if (memberUpdates.length) await updateMembers(tx, memberUpdates);
  if (memberDays.size) {
    // RFM's rolling window (migration 006) moves to the push's latest day before the push's member-days are added.
    const latest = [...memberDays.keys()].reduce((m, k) => { const d = k.split('|')[1]!; return d > m ? d : m; }, '');
    await tx.query('SELECT hq_rfm_roll($1)', [latest]);
  }
  if (days.size || points.size || feedback.size) {
    await sums(tx, JSON.stringify({
      days: rowsOf(days, ['scope', 'day']), visits: rowsOf(memberDays, ['scope', 'day', 'member']),
      points: rowsOf(points, ['scope', 'day', 'reason']), feedback: rowsOf(feedback, ['scope', 'day']),
    }));
  }
  if (complaints.length) {
    await tx.query(
      `INSERT INTO hq_complaints (complaint, branch_id, logged_at, resolved_at, resolved_hlc)
       SELECT complaint, $2, logged_at, resolved_at, hlc
         FROM jsonb_to_recordset($1::jsonb) AS x(complaint uuid, logged_at text, resolved_at text, hlc text)
       ON CONFLICT (complaint) DO NOTHING`,
      [json(complaints), branchId]);
  }
  for (const u of complaintUpdates) {
    const { complaint, resolved_at, hlc } = u as { complaint: string; resolved_at: string | null; hlc: string };
    await tx.query(
      'UPDATE hq_complaints SET resolved_at = $2, resolved_hlc = $3 WHERE complaint = $1 AND resolved_hlc < $3',
      [complaint, resolved_at, hlc]);
  }
}

/**
 * The push's sums in ONE statement (a round trip per statement is most of a push's cost): days,
 * member-days, then for each visit (sales > 0) the member's first and last visit and — when it
 * is their first visit of that month in the scope — their cohort's cell for the month; points
 * and NPS days. Each part writes its own table, so data-modifying CTEs may run side by side.
 */
async function sums(tx: PoolClient, doc: string): Promise<void> {
  await tx.query(
    `WITH doc AS (SELECT $1::jsonb AS d),
     days AS (
       INSERT INTO hq_days (scope, day, sales, refunds, revenue_fen, member_sales, member_revenue_fen)
       SELECT scope, day, sales, refunds, revenue, member_sales, member_revenue
         FROM doc, jsonb_to_recordset(d->'days') AS x(scope uuid, day text, sales int, refunds int, revenue bigint, member_sales int, member_revenue bigint)
       ON CONFLICT (scope, day) DO UPDATE SET sales = hq_days.sales + excluded.sales, refunds = hq_days.refunds + excluded.refunds,
         revenue_fen = hq_days.revenue_fen + excluded.revenue_fen, member_sales = hq_days.member_sales + excluded.member_sales,
         member_revenue_fen = hq_days.member_revenue_fen + excluded.member_revenue_fen),
     visits AS (SELECT x.* FROM doc, jsonb_to_recordset(d->'visits') AS x(scope uuid, day text, member uuid, sales int, revenue bigint)),
     -- Each visiting member's visits in the scope linked again (previous and next visit), as
     -- they will be after this push: their days here and the push's, merged. Written in the
     -- same upsert as the push's member-days, so migration 006's triggers see each row change
     -- once (a second statement relinking them made the triggers group every visit twice more).
     touched AS (SELECT DISTINCT scope, member FROM visits WHERE sales > 0),
     known AS (SELECT d.scope, d.member, d.day, d.sales, d.prev_day, d.next_day FROM touched t JOIN hq_member_days d ON d.scope = t.scope AND d.member = t.member),
     merged AS (
       SELECT scope, member, day, sum(sales) AS sales FROM (
         SELECT scope, member, day, sales FROM known
         UNION ALL SELECT v.scope, v.member, v.day, v.sales FROM visits v JOIN touched t ON t.scope = v.scope AND t.member = v.member) x
       GROUP BY 1, 2, 3),
     linked AS (
       SELECT scope, member, day, lag(day) OVER w AS p, lead(day) OVER w AS n FROM merged WHERE sales > 0
       WINDOW w AS (PARTITION BY scope, member ORDER BY day)),
     writes AS (
       SELECT v.scope, v.day, v.member, v.sales, v.revenue, l.p, l.n
         FROM visits v LEFT JOIN linked l ON l.scope = v.scope AND l.member = v.member AND l.day = v.day
       UNION ALL
       SELECT k.scope, k.day, k.member, 0, 0, l.p, l.n
         FROM known k JOIN linked l ON l.scope = k.scope AND l.member = k.member AND l.day = k.day
        WHERE (k.prev_day IS DISTINCT FROM l.p OR k.next_day IS DISTINCT FROM l.n)
          AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.scope = k.scope AND v.member = k.member AND v.day = k.day)),
     member_days AS (
       INSERT INTO hq_member_days (scope, day, member, sales, revenue_fen, prev_day, next_day) SELECT scope, day, member, sales, revenue, p, n FROM writes
       ON CONFLICT (scope, day, member) DO UPDATE SET sales = hq_member_days.sales + excluded.sales, revenue_fen = hq_member_days.revenue_fen + excluded.revenue_fen,
         -- A member with no sale in this push (a refund only) keeps their links.
         prev_day = CASE WHEN EXISTS (SELECT 1 FROM touched t WHERE t.scope = excluded.scope AND t.member = excluded.member) THEN excluded.prev_day ELSE hq_member_days.prev_day END,
         next_day = CASE WHEN EXISTS (SELECT 1 FROM touched t WHERE t.scope = excluded.scope AND t.member = excluded.member) THEN excluded.next_day ELSE hq_member_days.next_day END
       RETURNING scope, day, member, sales),
     -- A day becomes a visit when its sales go from 0 to more, a repeat visit when they reach 2
     -- (sales only grow: what the push added is subtracted to get what there was).
     visits_days AS (
       INSERT INTO hq_visits_days (scope, day, visits, repeat_visits)
       SELECT m.scope, m.day, count(*) FILTER (WHERE m.sales > 0 AND m.sales = v.sales), count(*) FILTER (WHERE m.sales >= 2 AND m.sales - v.sales < 2)
       FROM member_days m JOIN visits v ON v.scope = m.scope AND v.day = m.day AND v.member = m.member
       GROUP BY 1, 2 HAVING count(*) FILTER (WHERE m.sales > 0 AND m.sales = v.sales) > 0 OR count(*) FILTER (WHERE m.sales >= 2 AND m.sales - v.sales < 2) > 0
       ON CONFLICT (scope, day) DO UPDATE SET visits = hq_visits_days.visits + excluded.visits, repeat_visits = hq_visits_days.repeat_visits + excluded.repeat_visits),
     span AS (
       INSERT INTO hq_member_span (scope, member, first_day, last_day)
       SELECT scope, member, min(day), max(day) FROM visits WHERE sales > 0 GROUP BY scope, member
       ON CONFLICT (scope, member) DO UPDATE SET first_day = least(hq_member_span.first_day, excluded.first_day),
         last_day = greatest(hq_member_span.last_day, excluded.last_day)
       RETURNING scope, xmax = 0 AS fresh),
     customers AS (
       INSERT INTO hq_scope_customers (scope, customers) SELECT scope, count(*) FROM span WHERE fresh GROUP BY scope
       ON CONFLICT (scope) DO UPDATE SET customers = hq_scope_customers.customers + excluded.customers),
     fresh AS (
       INSERT INTO hq_member_months (scope, member, month) SELECT DISTINCT scope, member, substr(day, 1, 7) FROM visits WHERE sales > 0
       ON CONFLICT DO NOTHING RETURNING scope, member, month),
     cohorts AS (
       INSERT INTO hq_cohorts (scope, cohort, month, members)
       SELECT f.scope, substr(m.enrolled_at, 1, 7), f.month, count(*) FROM fresh f JOIN hq_members m ON m.member = f.member
       WHERE f.scope = '${CHAIN_SCOPE}' OR m.branch_id = f.scope GROUP BY 1, 2, 3
       ON CONFLICT (scope, cohort, month) DO UPDATE SET members = hq_cohorts.members + excluded.members),
     points AS (
       INSERT INTO hq_points_days (scope, day, reason, points)
       SELECT scope, day, reason, points FROM doc, jsonb_to_recordset(d->'points') AS x(scope uuid, day text, reason text, points bigint)
       ON CONFLICT (scope, day, reason) DO UPDATE SET points = hq_points_days.points + excluded.points),
     feedback AS (
       INSERT INTO hq_feedback_days (scope, day, responses, promoters, detractors)
       SELECT scope, day, responses, promoters, detractors FROM doc, jsonb_to_recordset(d->'feedback') AS x(scope uuid, day text, responses int, promoters int, detractors int)
       ON CONFLICT (scope, day) DO UPDATE SET responses = hq_feedback_days.responses + excluded.responses,
         promoters = hq_feedback_days.promoters + excluded.promoters, detractors = hq_feedback_days.detractors + excluded.detractors)
     SELECT 1`,
    [doc]);
}

/** A member new to the server; months they already visited (their sales came first) join their cohort now. */
async function newMembers(tx: PoolClient, branchId: string, rows: unknown[]): Promise<void> {
  const { rows: added } = await tx.query<{ member: string }>(
    `INSERT INTO hq_members (member, branch_id, enrolled_at, status, enrolled_hlc, status_hlc)
     SELECT member, $2, enrolled_at, status, hlc, hlc FROM jsonb_to_recordset($1::jsonb) AS x(member uuid, enrolled_at text, status text, hlc text)
     ON CONFLICT (member) DO NOTHING RETURNING member`,
    [json(rows), branchId]);
  if (added.length) await cohortCells(tx, added.map((r) => r.member), 1);
}

/** Adds (sign 1) or takes away (-1) the members' visited months from their cohorts' cells. */
async function cohortCells(tx: PoolClient, members: string[], sign: 1 | -1): Promise<void> {
  await tx.query(
    `INSERT INTO hq_cohorts (scope, cohort, month, members)
     SELECT mm.scope, substr(m.enrolled_at, 1, 7), mm.month, $2 * count(*) FROM hq_member_months mm JOIN hq_members m ON m.member = mm.member
     WHERE mm.member = ANY($1::uuid[]) AND (mm.scope = '${CHAIN_SCOPE}' OR m.branch_id = mm.scope) GROUP BY 1, 2, 3
     ON CONFLICT (scope, cohort, month) DO UPDATE SET members = hq_cohorts.members + excluded.members`,
    [members, sign]);
}

/** Later edits: the newer writer by hlc wins per field; a changed enrolment month moves the member's cohort cells. */
async function updateMembers(tx: PoolClient, rows: unknown[]): Promise<void> {
  for (const r of rows as Array<{ member: string; enrolled_at: string | null; status: string | null; hlc: string }>) {
    if (r.status !== null) {
      await tx.query('UPDATE hq_members SET status = $2, status_hlc = $3 WHERE member = $1 AND status_hlc < $3', [r.member, r.status, r.hlc]);
    }
    if (r.enrolled_at === null) continue;
    const { rows: moved } = await tx.query<{ old: string }>(
      `UPDATE hq_members m SET enrolled_at = $2, enrolled_hlc = $3 FROM hq_members o
       WHERE m.member = $1 AND o.member = m.member AND m.enrolled_hlc < $3 RETURNING o.enrolled_at AS old`,
      [r.member, r.enrolled_at, r.hlc]);
    if (!moved[0] || moved[0].old.slice(0, 7) === r.enrolled_at.slice(0, 7)) continue;
    // Out of the old cohort (computed as it was), into the new one.
    await tx.query(
      `UPDATE hq_cohorts c SET members = c.members - 1 FROM hq_member_months mm, hq_members m
       WHERE mm.member = $1 AND m.member = $1 AND c.scope = mm.scope AND c.cohort = $2 AND c.month = mm.month
         AND (mm.scope = '${CHAIN_SCOPE}' OR m.branch_id = mm.scope)`,
      [r.member, moved[0].old.slice(0, 7)]);
    await tx.query('DELETE FROM hq_cohorts WHERE members = 0');
    await cohortCells(tx, [r.member], 1);
  }
}
