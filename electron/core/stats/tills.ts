import type { Database } from '../db/open.js';
import type { TillFigures } from '../../../shared/contract/stats.js';
import { divideRounded, type Period } from './periods.js';

/** Till codes in their natural order: T1, T2 … T10; '' (a till without a server) first. */
const tillOrder = (a: string, b: string) => (Number(a.slice(1)) || 0) - (Number(b.slice(1)) || 0) || a.localeCompare(b);

/** The period's sales grouped by the till of their shift (tests check its plan: a range of sales_business_date). */
export const PER_TILL_SQL = `SELECT CASE WHEN s.shift_id IS NULL THEN NULL WHEN sh.till_code = '' THEN @own ELSE sh.till_code END AS code,
    sum(s.kind = 'sale') AS sales, sum(s.kind = 'refund') AS refunds, sum(s.total_fen) AS revenue
  FROM sales s LEFT JOIN shifts sh ON sh.id = s.shift_id
  WHERE s.business_date BETWEEN @from AND @to
  GROUP BY 1`;

/**
 * The period's revenue, sales and average ticket per till (issue 14: "per till where useful").
 *
 * A sale belongs to the till whose shift took it: shifts.till_code is a shared column, set when
 * the shift opens and the same on every till, so every till answers the same. A shift with
 * till_code '' was opened before this till was paired and is this till's own (pairing renames
 * them, so only an unpaired till still has them). A refund is the till's that paid it back (its
 * own shift), as the drawer counts it. Sales without a shift (imported or demo history) are no
 * till's: in a shop with several tills they are their own row (till null), since the file they
 * were imported into no longer says which till that was.
 *
 * How it stays fast: a shop whose shifts know one till (every single-till shop, the 2,000,000-
 * sale bench shop included) is that till, whole: the shop's figures from sales_daily, no read of
 * sales at all. With several tills the period's sales are read through sales_business_date
 * with each shift by its primary key — a range of the period, never all sales; a per-till
 * column on sales_daily would make this a summary read too (proposed, not done here: the
 * summary triggers are the performance owner's).
 */
export function createTillFigures(db: Database) {
  const ownCode = db.prepare<[], { code: string }>('SELECT till_code AS code FROM sync_state');
  // Shifts are one or two a day per till: a few thousand rows in five years.
  const shiftTills = db.prepare<{ own: string }, { code: string }>(
    "SELECT DISTINCT CASE WHEN till_code = '' THEN @own ELSE till_code END AS code FROM shifts");
  const shopSum = db.prepare<Period, { sales: number; refunds: number; revenue: number }>(
    `SELECT coalesce(sum(sales), 0) AS sales, coalesce(sum(refunds), 0) AS refunds, coalesce(sum(revenue_fen), 0) AS revenue
     FROM sales_daily WHERE day BETWEEN @from AND @to`);
  const perTill = db.prepare<Period & { own: string }, { code: string | null; sales: number; refunds: number; revenue: number }>(PER_TILL_SQL);

  const row = (till: string | null, own: string, s: { sales: number; refunds: number; revenue: number }): TillFigures => ({
    till, thisTill: till === own, revenueFen: s.revenue, sales: s.sales, refunds: s.refunds,
    averageTicketFen: s.sales ? divideRounded(s.revenue, s.sales) : null,
  });

  return {
    /** Every till the shifts know (zeros where one sold nothing in P), then the sales no till took. */
    compute(p: Period): TillFigures[] {
      const own = ownCode.get()?.code ?? '';
      const known = new Set([own, ...shiftTills.all({ own }).map((r) => r.code)]);
      if (known.size === 1) return [row(own, own, shopSum.get(p)!)];
      const got = new Map(perTill.all({ ...p, own }).map((r) => [r.code, r]));
      const zero = { sales: 0, refunds: 0, revenue: 0 };
      const out = [...known].sort(tillOrder).map((code) => row(code, own, got.get(code) ?? zero));
      const none = got.get(null);
      if (none) out.push(row(null, own, none));
      return out;
    },
  };
}
