import type { Database } from '../db/open.js';
import { maskPhone } from '../../../shared/phone.js';
import { birthdayOf } from './members-service.js';

export interface ListFilter {
  tierId?: number | undefined; tag?: string | undefined; birthdayMonth?: number | undefined;
  lastVisitFrom?: string | undefined; lastVisitTo?: string | undefined;
  minSpendFen?: number | undefined; maxSpendFen?: number | undefined;
  status?: 'active' | 'frozen' | 'erased' | 'merged' | undefined;
  sort: 'recent' | 'spend' | 'lastVisit' | 'name';
}

const ORDER: Record<ListFilter['sort'], string> = {
  recent: 'm.id DESC',
  spend: 'coalesce(s.spend_fen, 0) DESC, m.id DESC',
  lastVisit: 's.last_sale_on DESC NULLS LAST, m.id DESC',
  name: "m.name = '', m.name, m.id",
};

/** Builds the WHERE of a member filter; every condition is a bound parameter. */
export function memberWhere(f: ListFilter): { sql: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  where.push(f.status ? 'm.status = @status' : "m.status IN ('active','frozen')");
  if (f.status) params.status = f.status;
  if (f.tierId) { where.push('m.tier_id = @tierId'); params.tierId = f.tierId; }
  if (f.tag) { where.push('m.id IN (SELECT member_id FROM member_tags WHERE tag = @tag)'); params.tag = f.tag; }
  if (f.birthdayMonth) { where.push("m.birthday_md >= @bFrom AND m.birthday_md < @bTo"); params.bFrom = `${String(f.birthdayMonth).padStart(2, '0')}-`; params.bTo = `${String(f.birthdayMonth).padStart(2, '0')}.`; }
  if (f.lastVisitFrom) { where.push('s.last_sale_on >= @lvFrom'); params.lvFrom = f.lastVisitFrom; }
  if (f.lastVisitTo) { where.push('s.last_sale_on <= @lvTo'); params.lvTo = f.lastVisitTo; }
  if (f.minSpendFen !== undefined) { where.push('coalesce(s.spend_fen, 0) >= @minSpend'); params.minSpend = f.minSpendFen; }
  if (f.maxSpendFen !== undefined) { where.push('coalesce(s.spend_fen, 0) <= @maxSpend'); params.maxSpend = f.maxSpendFen; }
  return { sql: `WHERE ${where.join(' AND ')}`, params };
}

/**
 * The managers' member list: one page at a time (the table virtualises and asks for the
 * rows it shows), filtered by tier, tag, birthday month, last visit and spend.
 */
export function listMembers(db: Database, f: ListFilter, offset: number, limit: number) {
  const { sql, params } = memberWhere(f);
  const from = 'FROM members m LEFT JOIN member_stats s ON s.member_id = m.id JOIN tiers t ON t.id = m.tier_id';
  const total = (db.prepare(`SELECT count(*) AS n ${from} ${sql}`).get(params) as { n: number }).n;
  const rows = db.prepare(`SELECT m.id, m.card_no, m.phone, m.name, t.name AS tier, m.status, s.spend_fen, s.sales_count, s.last_sale_on, m.enrolled_at, m.birthday_md, m.birth_year
    ${from} ${sql} ORDER BY ${ORDER[f.sort]} LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as Array<{
    id: number; card_no: string; phone: string | null; name: string; tier: string; status: string; spend_fen: number | null;
    sales_count: number | null; last_sale_on: string | null; enrolled_at: string; birthday_md: string | null; birth_year: number | null;
  }>;
  return {
    total,
    items: rows.map((r) => ({
      id: r.id, cardNo: r.card_no, maskedPhone: maskPhone(r.phone), name: r.name, tier: r.tier, status: r.status,
      spendFen: r.spend_fen ?? 0, visits: r.sales_count ?? 0, lastVisit: r.last_sale_on, enrolledAt: r.enrolled_at, birthday: birthdayOf(r),
    })),
  };
}
