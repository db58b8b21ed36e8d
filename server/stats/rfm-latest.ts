import type { PoolClient } from 'pg';

/**
 * RFM cells as of the latest day pushed, from the members' rolling sums (hq_rfm_members,
 * migration 006), without sorting the scope's members. ntile(5) over N rows makes the first
 * N mod 5 quintiles one row larger, so quintile k + 1 starts at a known position; the key
 * there ((last visit, member) for R, (sales, member) for F) is read from an index in index
 * order (migration 008), and one index-only pass counts each member's cell by comparing its
 * keys with those. The same cells as `ntile(5) OVER (ORDER BY last, member)` and
 * `… OVER (ORDER BY freq, member)` (ties broken by member), which sorted every member twice:
 * at the chain's size that took longer than a full scan of the sales.
 */

/** Where quintiles 2–5 start among n rows in order (0-based), as ntile(5) divides them. */
export function quintileStarts(n: number): number[] {
  const size = Math.floor(n / 5);
  const larger = n % 5;
  const starts: number[] = [];
  let at = 0;
  for (let k = 1; k < 5; k++) {
    at += size + (k <= larger ? 1 : 0);
    starts.push(at);
  }
  return starts;
}

type Cell = { r: number; f: number; members: string; revenue: string };

/** Runs in the caller's read-only transaction (REPEATABLE READ: the three reads see one state). */
export async function rfmLatestCells(c: PoolClient, scope: string): Promise<Cell[]> {
  const n = Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM hq_rfm_members WHERE scope = $1 AND freq > 0', [scope])).rows[0]!.n);
  if (n === 0) return [];
  const starts = quintileStarts(n).filter((p) => p < n);
  const keysAt = async (col: 'last_day' | 'freq') => (await c.query<{ k: string; member: string }>(
    `SELECT k, member FROM (
       SELECT ${col} AS k, member, row_number() OVER (ORDER BY ${col}, member) - 1 AS at
       FROM hq_rfm_members WHERE scope = $1 AND freq > 0) ranked
     WHERE at = ANY($2::bigint[]) ORDER BY at`, [scope, starts])).rows;
  const [rKeys, fKeys] = [await keysAt('last_day'), await keysAt('freq')];
  const values: unknown[] = [scope];
  const above = (cols: string, cast: string, keys: Array<{ k: string; member: string }>) =>
    ['1', ...keys.map((key) => {
      values.push(key.k, key.member);
      return `((${cols}) >= ($${values.length - 1}::${cast}, $${values.length}::uuid))::int`;
    })].join(' + ');
  const r = above('last_day, member', 'text', rKeys);
  const f = above('freq, member', 'integer', fKeys);
  return (await c.query<Cell>(
    `SELECT ${r} AS r, ${f} AS f, count(*) AS members, sum(spend) AS revenue
     FROM hq_rfm_members WHERE scope = $1 AND freq > 0 GROUP BY 1, 2 ORDER BY 1, 2`, values)).rows;
}
