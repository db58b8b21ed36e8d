import type { Db } from '../../../server/db/pool.js';
import { migrateServer } from '../../../server/db/migrate.js';
import { REBUILD_HQ_SQL } from '../../../server/db/migrations/005-chain-stats.js';
import { GENERATED_UNTIL, YEARS } from '../shape.js';

/**
 * The chain for `npm run bench -- --chain`: at scale 1, 2,000,000 members, 20,000,000 sales and
 * 50 branches (two tills each) over the shop bench's five years, ending GENERATED_UNTIL.
 *
 * The documented bulk path (README, "Head-office figures"): the facts are written by
 * PostgreSQL itself (INSERT … SELECT over generate_series, in chunks, no row through Node),
 * exactly as ingest stores them (tbl, op, row jsonb, the pushing till and its branch), and the
 * summaries are then built by the SQL migration 005 runs on a server that already holds facts
 * (REBUILD_HQ_SQL) — which server/stats/chain-stats.test.ts proves equal to what ingest keeps.
 *
 * Shape: members enrol evenly over the five years (member i on day ⌊i·D/M⌋) at a home branch,
 * each with a distinct phone and card number (the member directory is filled as ingest would);
 * sales grow from 0.8× to 1.3× over the years; 70% are members' (one enrolled by that day, half
 * picked evenly, half leaning to recent members), 85% of those in the member's home branch and
 * the rest anywhere (members who visit several branches); 2% are refunded the same day; each
 * member sale earns points (1 per ¥1), 3% of members' sales redeem some; 1% of sales bring a
 * complaint (70% resolved within hours), 3% an NPS answer.
 */
export const CHAIN_GENERATOR_VERSION = 5;
export const CHAIN_BRANCHES = 50;
export const TILLS_PER_BRANCH = 2;
export const CHAIN_DAYS = YEARS * 365 + 1;
/** A branch's sales per day at full scale (20,000,000 over five years and 50 branches): the ingest figure's day. */
export const BRANCH_DAY_SALES = Math.round(20_000_000 / CHAIN_DAYS / CHAIN_BRANCHES);

export interface ChainCounts { members: number; sales: number; branches: number; tills: number; facts: number }

/** Member i's phone (11 digits, distinct, last four spread evenly) and card number, as SQL of i. */
export const phoneOf = (i: string) => `'13' || lpad(((${i}::bigint * 7919 + 12345) % 1000000000)::text, 9, '0')`;
export const cardOf = (i: string) => `'8' || lpad((${i})::text, 9, '0')`;

/** Deterministic ids (uuidv7-shaped, as the protocol wants them), so sales can name their member and a rebuild finds the same rows. */
export const memberGid = (i: string) => `('10000000-0000-7000-8000-' || lpad(to_hex(${i}), 12, '0'))::uuid`;
const factGid = (feedNo: string) => `('20000000-0000-7000-8000-' || lpad(to_hex(${feedNo}), 12, '0'))::uuid`;
export const tillGid = (k: number) => `30000000-0000-7000-8000-${k.toString(16).padStart(12, '0')}`;

export async function generateChain(db: Db, o: { scale: number; seed: number; log: (m: string) => void }): Promise<ChainCounts> {
  const M = Math.max(100, Math.round(2_000_000 * o.scale));
  const S = Math.max(1000, Math.round(20_000_000 * o.scale));
  const D = CHAIN_DAYS;
  const first = `date '${GENERATED_UNTIL}' - ${D - 1}`;
  await migrateServer(db);
  const c = await db.pool.connect();
  try {
    // One session, no parallel workers: setseed makes random() repeatable.
    await c.query('SET max_parallel_workers_per_gather = 0; SET statement_timeout = 0');
    await c.query('SELECT setseed($1)', [(o.seed % 1000) / 1000]);
    await c.query(`INSERT INTO branches (code, name) SELECT 'B' || b, '分店' || b FROM generate_series(2, ${CHAIN_BRANCHES}) b ON CONFLICT (code) DO NOTHING`);
    for (let k = 1; k <= CHAIN_BRANCHES * TILLS_PER_BRANCH; k++) {
      await c.query(`INSERT INTO tills (till_id, code, name, token_sha256, branch_id)
        VALUES ($1::uuid, $2, $3, sha256(convert_to($1::text, 'UTF8')), (SELECT branch_id FROM branches WHERE code = $4))`, [tillGid(k), `T${k}`, `收银台 ${k}`, `B${Math.ceil(k / TILLS_PER_BRANCH)}`]);
    }
    // Branch b's tills are 2b-1 and 2b: their ids from their numbers.
    await c.query(`CREATE TEMP TABLE bt AS SELECT b.code, substr(b.code, 2)::int AS b, t.till_id, (substr(t.code, 2)::int - 1) % ${TILLS_PER_BRANCH} AS k, b.branch_id
      FROM tills t JOIN branches b ON b.branch_id = t.branch_id; CREATE INDEX ON bt (b, k); ANALYZE bt`);
    let feed = 0;
    const insert = async (what: string, n: number, select: (from: number, to: number) => string) => {
      const chunk = 500_000;
      for (let a = 1; a <= n; a += chunk) {
        const b = Math.min(n, a + chunk - 1);
        // scope and member_gid as ingest places them (shared/sync/scopes.ts): members and their
        // points entries are the member's, the rest the branch's.
        const { rowCount } = await c.query(`INSERT INTO facts (gid, feed_no, till_id, till_seq, row_gid, tbl, op, row, hlc, txn_end, branch_id, scope, member_gid)
          SELECT ${factGid('f.feed_no')}, f.feed_no, f.till_id, f.feed_no, f.row_gid, f.tbl, 'insert', f.row, lpad(f.feed_no::text, 13, '0') || '-000000-' || f.till_id::text, true, f.branch_id,
            CASE WHEN f.tbl IN ('members', 'points_ledger') THEN 'member' ELSE 'branch' END,
            CASE f.tbl WHEN 'members' THEN f.row_gid WHEN 'points_ledger' THEN (f.row->>'member_id')::uuid END
          FROM (SELECT ${feed} + row_number() OVER () AS feed_no, x.* FROM (${select(a, b)}) x) f`);
        feed += rowCount ?? 0;
        o.log(`${what}: ${b.toLocaleString()} of ${n.toLocaleString()} (${feed.toLocaleString()} facts)`);
      }
    };
    // Members: enrolled evenly over the years at a home branch ((i·7919) mod 50 + 1), its first till.
    await insert('members', M, (a, b) => `
      SELECT bt.till_id, bt.branch_id, ${memberGid('i')} AS row_gid, 'members' AS tbl,
        jsonb_build_object('enrolled_at', to_char(${first} + ((i - 1) * ${D}::bigint / ${M})::int, 'YYYY-MM-DD') || 'T' || lpad((9 + i % 12)::text, 2, '0') || ':00:00',
          'status', 'active', 'name', '会员' || i, 'phone', ${phoneOf('i')}, 'card_no', ${cardOf('i')}) AS row
      FROM generate_series(${a}::bigint, ${b}::bigint) i JOIN bt ON bt.b = (i * 7919) % ${CHAIN_BRANCHES} + 1 AND bt.k = 0`);
    // Sales, in day order (the inverse of the growing density 0.8 + 0.5x), with their members.
    const picked = (a: number, b: number) => `
      SELECT j, d, CASE WHEN u1 < 0.7 THEN 1 + floor(greatest(1, ((d + 1) * ${M}::bigint / ${D})) * CASE WHEN u2 < 0.5 THEN u3 ELSE 1 - u3 * u3 END)::bigint END AS m,
             u4, u5, u6, u7
      FROM (SELECT j, least(${D - 1}, floor(${D} * (-0.8 + sqrt(0.64 + 1.05 * ((j - 0.5) / ${S}))) / 0.5))::int AS d,
                   random() AS u1, random() AS u2, random() AS u3, random() AS u4, random() AS u5, random() AS u6, random() AS u7
            FROM generate_series(${a}, ${b}) j) s`;
    const branchOf = `CASE WHEN p.m IS NOT NULL AND p.u4 < 0.85 THEN (p.m * 7919) % ${CHAIN_BRANCHES} + 1 ELSE 1 + floor(p.u5 * ${CHAIN_BRANCHES})::int END`;
    await c.query(`CREATE TEMP TABLE gen_sales (j bigint PRIMARY KEY, day text, m bigint, b int, k int, total int, u6 float8, u7 float8)`);
    for (let a = 1; a <= S; a += 1_000_000) {
      const b = Math.min(S, a + 999_999);
      await c.query(`INSERT INTO gen_sales SELECT p.j, to_char(${first} + p.d, 'YYYY-MM-DD'), p.m, ${branchOf}, (p.j % ${TILLS_PER_BRANCH})::int,
        (500 + floor(p.u6 * p.u6 * 19500))::int / 10 * 10, p.u6, p.u7 FROM (${picked(a, b)}) p`);
      o.log(`sales drawn: ${b.toLocaleString()} of ${S.toLocaleString()}`);
    }
    await c.query('ANALYZE gen_sales');
    // Each kind of fact drawn from the sales gets its own id prefix (the sale's number after it).
    const fromSales = (prefix: string, where: string, tbl: string, row: string) => (a: number, b: number) => `
      SELECT bt.till_id, bt.branch_id, ('${prefix}-0000-7000-8000-' || lpad(to_hex(s.j), 12, '0'))::uuid AS row_gid, '${tbl}' AS tbl, ${row} AS row
      FROM gen_sales s JOIN bt ON bt.b = s.b AND bt.k = s.k WHERE s.j BETWEEN ${a} AND ${b} ${where} ORDER BY s.j`;
    const member = `CASE WHEN s.m IS NULL THEN 'null'::jsonb ELSE to_jsonb(${memberGid('s.m')}::text) END`;
    const saleGid = "('40000000-0000-7000-8000-' || lpad(to_hex(s.j), 12, '0'))";
    const at = `s.day || 'T' || lpad((9 + s.j % 12)::text, 2, '0') || ':30:00'`;
    await insert('sales', S, fromSales('40000000', '', 'sales', `jsonb_build_object('kind', 'sale', 'business_date', s.day, 'total_fen', s.total, 'member_id', ${member})`));
    await insert('refunds (of sales)', S, fromSales('41000000', 'AND s.u7 < 0.02', 'sales',
      `jsonb_build_object('kind', 'refund', 'business_date', s.day, 'total_fen', -s.total, 'member_id', ${member}, 'refund_of', ${saleGid})`));
    await insert('points earned (of sales)', S, fromSales('42000000', 'AND s.m IS NOT NULL', 'points_ledger',
      `jsonb_build_object('member_id', ${memberGid('s.m')}::text, 'at', ${at}, 'delta', greatest(1, s.total / 100), 'reason', 'earn', 'sale_id', ${saleGid})`));
    await insert('points redeemed (of sales)', S, fromSales('43000000', 'AND s.m IS NOT NULL AND s.u7 BETWEEN 0.02 AND 0.05', 'points_ledger',
      `jsonb_build_object('member_id', ${memberGid('s.m')}::text, 'at', ${at}, 'delta', -100 * (1 + s.j % 5), 'reason', 'redeem', 'sale_id', ${saleGid})`));
    await insert('complaints (of sales)', S, fromSales('44000000', 'AND s.u7 BETWEEN 0.05 AND 0.06', 'complaints',
      `jsonb_build_object('logged_at', ${at}, 'member_id', ${member}, 'resolved_at', CASE WHEN s.u6 < 0.7 THEN s.day || 'T' || lpad((10 + s.j % 12)::text, 2, '0') || ':45:00' END)`));
    await insert('NPS answers (of sales)', S, fromSales('45000000', 'AND s.u7 BETWEEN 0.06 AND 0.09', 'feedback',
      `jsonb_build_object('answered_at', ${at}, 'score', (s.j * 7) % 11, 'member_id', ${member})`));
    await c.query('DROP TABLE gen_sales');
    await c.query('UPDATE feed_counter SET n = $1', [feed]);
    await c.query('UPDATE tills t SET last_seq = coalesce((SELECT max(till_seq) FROM facts f WHERE f.till_id = t.till_id), 0)');
    // The member directory and who each branch holds, as ingest keeps them (server/directory).
    o.log('member directory and branch members');
    await c.query(`INSERT INTO member_directory (member_gid, phone, card_no, last4, name)
        SELECT row_gid, row->>'phone', row->>'card_no', right(row->>'phone', 4), row->>'name' FROM facts WHERE tbl = 'members';
      UPDATE chain_settings SET members = (SELECT count(*) FROM member_directory);
      INSERT INTO member_branches (member_gid, branch_id, how)
        SELECT DISTINCT member_gid, branch_id, 'visit' FROM facts WHERE member_gid IS NOT NULL ON CONFLICT DO NOTHING`);
    await c.query('ANALYZE facts');
    o.log('summaries: the SQL migration 005 runs over existing facts (REBUILD_HQ_SQL)');
    await c.query('BEGIN');
    await c.query(REBUILD_HQ_SQL);
    await c.query('COMMIT');
    // As autovacuum would in time: the visibility map lets the figures' counts read indexes alone.
    o.log('VACUUM ANALYZE');
    await c.query('VACUUM ANALYZE');
    return { members: M, sales: S, branches: CHAIN_BRANCHES, tills: CHAIN_BRANCHES * TILLS_PER_BRANCH, facts: feed };
  } finally {
    c.release();
  }
}
