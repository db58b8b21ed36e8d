import type { Database } from '../db/open.js';
import type { MemberFigure, RfmSegment } from '../../../shared/contract/stats.js';
import { maskPhone } from '../../../shared/phone.js';
import { birthdayOf } from '../members/members-service.js';
import { addDays } from '../lib/dates.js';
import { previousPeriod, type Period } from './periods.js';
import { SCORED_CTE, cellsOf, rfmWindow } from './rfm.js';

export interface ListRules { lapseDays: number; highValueSpendFen: () => number | null }

interface Row {
  id: number; card_no: string; phone: string | null; name: string; tier: string; status: string; spend_fen: number | null;
  sales_count: number | null; last_sale_on: string | null; enrolled_at: string; birthday_md: string | null; birth_year: number | null;
  period_sales: number | null; period_spend: number | null;
}

/**
 * The members behind each dashboard figure ("every figure links to the rows it counts"):
 * the same conditions as the figure, as an id set with optional period sales and spend,
 * joined to the member columns one page at a time.
 */
export function createMemberLists(db: Database) {
  const memberCols = `m.id, m.card_no, m.phone, m.name, t.name AS tier, m.status, s.spend_fen, s.sales_count, s.last_sale_on,
    m.enrolled_at, m.birthday_md, m.birth_year`;
  const join = 'JOIN members m ON m.id = x.member_id JOIN tiers t ON t.id = m.tier_id LEFT JOIN member_stats s ON s.member_id = m.id';

  /** SQL producing (member_id, period_sales, period_spend, sort) for a figure, and its parameters. */
  function source(figure: MemberFigure, p: Period, rules: ListRules, segment?: RfmSegment): { cte: string; sql: string; params: Record<string, unknown>; order: string; indexOrdered?: true } {
    const n = rules.lapseDays;
    const recent = { recentFrom: addDays(p.to, -n), to: p.to };
    const active = `SELECT member_id, sum(sales) AS period_sales, sum(revenue_fen) AS period_spend FROM member_daily
       WHERE day BETWEEN @from AND @to AND sales > 0 GROUP BY member_id`;
    const period = { from: p.from, to: p.to };
    switch (figure) {
      case 'active':
        return { cte: '', sql: active, params: period, order: 'x.period_spend DESC, m.id' };
      case 'repeat':
        return { cte: '', sql: `SELECT * FROM (${active}) WHERE period_sales >= 2`, params: period, order: 'x.period_sales DESC, x.period_spend DESC, m.id' };
      case 'top': // best customers of all time, by net spend: a page walks the spend index
        return {
          cte: '', sql: 'SELECT member_id, NULL AS period_sales, NULL AS period_spend, spend_fen FROM member_stats WHERE spend_fen > 0 ORDER BY spend_fen DESC, member_id',
          params: {}, order: 'x.spend_fen DESC, x.member_id', indexOrdered: true,
        };
      case 'retained': {
        const prev = previousPeriod(p);
        return {
          cte: '',
          sql: `SELECT member_id, sum(CASE WHEN day >= @from THEN sales END) AS period_sales, sum(CASE WHEN day >= @from THEN revenue_fen END) AS period_spend
                FROM member_daily WHERE day BETWEEN @prevFrom AND @to AND sales > 0 GROUP BY member_id HAVING min(day) <= @prevTo AND max(day) >= @from`,
          params: { from: p.from, to: p.to, prevFrom: prev.from, prevTo: prev.to }, order: 'x.period_spend DESC, m.id',
        };
      }
      case 'new':
        return {
          cte: '',
          sql: `SELECT id AS member_id, NULL AS period_sales, NULL AS period_spend FROM members WHERE enrolled_at >= @from AND enrolled_at < @toNext AND status <> 'merged'`,
          params: { from: p.from, toNext: addDays(p.to, 1) }, order: 'm.enrolled_at DESC, m.id DESC',
        };
      case 'lapsed':
      case 'lapsed_high_value': {
        const min = figure === 'lapsed_high_value' ? rules.highValueSpendFen() ?? Number.MAX_SAFE_INTEGER : null;
        return {
          cte: '',
          sql: `SELECT member_id, NULL AS period_sales, NULL AS period_spend FROM member_stats ms
                WHERE ms.first_sale_on <= @edge ${min === null ? '' : 'AND ms.spend_fen >= @min'}
                  AND NOT EXISTS (SELECT 1 FROM member_daily d WHERE d.member_id = ms.member_id AND d.day BETWEEN @recentFrom AND @to AND d.sales > 0)`,
          params: { ...recent, edge: addDays(p.to, -n - 1), ...(min === null ? {} : { min }) }, order: 'coalesce(s.spend_fen, 0) DESC, m.id',
        };
      }
      case 'at_risk':
        return {
          cte: '',
          sql: `SELECT member_id, NULL AS period_sales, NULL AS period_spend FROM member_daily WHERE day BETWEEN @recentFrom AND @to AND sales > 0
                GROUP BY member_id HAVING max(day) <= @riskEdge`,
          params: { ...recent, riskEdge: addDays(p.to, -Math.floor(n / 2) - 1) }, order: 'coalesce(s.spend_fen, 0) DESC, m.id',
        };
      case 'birthdays_week': {
        const days = Array.from({ length: 7 }, (_, i) => addDays(p.to, i).slice(5));
        return {
          cte: '',
          sql: `SELECT id AS member_id, NULL AS period_sales, NULL AS period_spend FROM members
                WHERE birthday_md IN (${days.map((_, i) => `@d${i}`).join(',')}) AND status = 'active'`,
          params: Object.fromEntries(days.map((d, i) => [`d${i}`, d])), order: 'm.birthday_md, m.id',
        };
      }
      case 'rfm': {
        const cells = cellsOf(segment ?? 'champions');
        return {
          cte: SCORED_CTE,
          sql: `SELECT member_id, NULL AS period_sales, spend AS period_spend FROM scored WHERE ${cells.map(([r, f]) => `(r = ${r} AND f = ${f})`).join(' OR ')}`,
          params: rfmWindow(p.to), order: 'x.period_spend DESC, m.id',
        };
      }
    }
  }

  return {
    list(figure: MemberFigure, p: Period, rules: ListRules, offset: number, limit: number, segment?: RfmSegment) {
      const src = source(figure, p, rules, segment);
      // The total rides along with the page (one evaluation of the figure's query), except where
      // the page can walk an index in order and a count of its own is cheaper than sorting all.
      const counted = src.indexOrdered ? '' : ', count(*) OVER () AS total_rows';
      const rows = db.prepare(`${src.cte} SELECT ${memberCols}, x.period_sales, x.period_spend${counted} FROM (${src.sql}) x ${join}
        ORDER BY ${src.order} LIMIT @limit OFFSET @offset`).all({ ...src.params, limit, offset }) as Array<Row & { total_rows?: number }>;
      const total = rows[0]?.total_rows
        ?? (db.prepare(`${src.cte} SELECT count(*) AS n FROM (${src.sql})`).get(src.params) as { n: number }).n;
      return {
        total,
        items: rows.map((r) => ({
          id: r.id, cardNo: r.card_no, maskedPhone: maskPhone(r.phone), name: r.name, tier: r.tier, status: r.status,
          spendFen: r.spend_fen ?? 0, visits: r.sales_count ?? 0, lastVisit: r.last_sale_on, enrolledAt: r.enrolled_at, birthday: birthdayOf(r),
          periodSales: r.period_sales, periodSpendFen: r.period_spend,
        })),
      };
    },
  };
}
