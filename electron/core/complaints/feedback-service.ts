import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { Feedback, FeedbackSummary } from '../../../shared/contract/complaints.js';
import { addDays } from '../lib/dates.js';

interface Row {
  id: number; answered_at: string; score: number; comment: string; member_id: number | null; member_name: string | null;
  sale_id: number | null; receipt_no: string | null; rating_service: number | null; rating_product: number | null; rating_price: number | null;
  staff_name: string | null; source: 'till' | 'import';
}

const SELECT = `SELECT f.id, f.answered_at, f.score, f.comment, f.member_id, m.name AS member_name, f.sale_id, s.receipt_no,
    f.rating_service, f.rating_product, f.rating_price, st.name AS staff_name, f.source
  FROM feedback f LEFT JOIN members m ON m.id = f.member_id LEFT JOIN sales s ON s.id = f.sale_id LEFT JOIN staff st ON st.id = f.staff_id`;

/** NPS = % of 9–10 minus % of 0–6, an integer from −100 to 100 (halves round away from zero); null without answers. */
export function netPromoterScore(promoters: number, detractors: number, answers: number): number | null {
  if (answers === 0) return null;
  const x = (100 * (promoters - detractors)) / answers;
  return Math.sign(x) * Math.round(Math.abs(x)) || 0;
}

const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

/**
 * Satisfaction answers (满意度调查 / NPS): the 0–10 "would you recommend us" score after a
 * sale, an optional comment and optional 1–5 ratings of service, product and price.
 */
export function createFeedbackService(db: Database, clock: Clock) {
  const saleMember = db.prepare<[number], { member_id: number | null }>('SELECT member_id FROM sales WHERE id = ?');
  const memberStatus = db.prepare<[number], { status: string }>('SELECT status FROM members WHERE id = ?');
  const forSale = db.prepare<[number], { id: number }>('SELECT id FROM feedback WHERE sale_id = ?');
  const insert = db.prepare(`INSERT INTO feedback (answered_at, score, comment, member_id, sale_id, rating_service, rating_product, rating_price, staff_id, source)
    VALUES (@at, @score, @comment, @memberId, @saleId, @service, @product, @price, @staffId, 'till')`);
  const byId = db.prepare<[number], Row>(`${SELECT} WHERE f.id = ?`);

  function view(r: Row): Feedback {
    return {
      id: r.id, answeredAt: r.answered_at, score: r.score, comment: r.comment, memberId: r.member_id, memberName: r.member_id === null ? null : r.member_name,
      saleId: r.sale_id, receiptNo: r.receipt_no, ratings: { service: r.rating_service, product: r.rating_product, price: r.rating_price },
      staffName: r.staff_name, source: r.source,
    };
  }

  return {
    record(input: { score: number; comment: string; memberId: number | null; saleId: number | null; ratings: { service: number | null; product: number | null; price: number | null } }, staffId: number | null): Feedback {
      if (!Number.isInteger(input.score) || input.score < 0 || input.score > 10) throw new DomainError('bad_input', { field: 'score' });
      const id = db.transaction(() => {
        let memberId = input.memberId;
        if (input.saleId !== null) {
          const sale = saleMember.get(input.saleId);
          if (!sale) throw new DomainError('not_found', { entity: 'sale', id: input.saleId });
          if (forSale.get(input.saleId)) throw new DomainError('conflict', { field: 'saleId', saleId: input.saleId }, 'errors.feedback_already_recorded');
          memberId ??= sale.member_id;
        }
        if (memberId !== null) {
          const m = memberStatus.get(memberId);
          if (!m) throw new DomainError('not_found', { entity: 'member', id: memberId });
          if (m.status === 'erased' || m.status === 'merged') throw new DomainError('rule_violation', { rule: 'member_closed', status: m.status }, 'errors.member_closed');
        }
        return Number(insert.run({
          at: localDateTime(clock.now()), score: input.score, comment: input.comment, memberId, saleId: input.saleId,
          service: input.ratings.service, product: input.ratings.product, price: input.ratings.price, staffId,
        }).lastInsertRowid);
      })();
      return view(byId.get(id)!);
    },

    /** Answers newest first, with the NPS and average ratings over the same filter. */
    list(q: { from?: string | undefined; to?: string | undefined; memberId?: number | undefined; offset: number; limit: number }) {
      if (q.from && q.to && q.from > q.to) throw new DomainError('bad_input', { field: 'to', rule: 'date_range' }, 'errors.date_range_invalid');
      const w: string[] = [];
      const params: Record<string, unknown> = {};
      if (q.from) { w.push('f.answered_at >= @from'); params.from = q.from; }
      if (q.to) { w.push('f.answered_at < @toNext'); params.toNext = addDays(q.to, 1); }
      if (q.memberId) { w.push('f.member_id = @memberId'); params.memberId = q.memberId; }
      const sql = w.length ? `WHERE ${w.join(' AND ')}` : '';
      const s = db.prepare(`SELECT count(*) AS answers, coalesce(sum(score >= 9), 0) AS promoters, coalesce(sum(score BETWEEN 7 AND 8), 0) AS passives,
          coalesce(sum(score <= 6), 0) AS detractors, avg(score) AS avg_score, avg(rating_service) AS service, avg(rating_product) AS product, avg(rating_price) AS price
        FROM feedback f ${sql}`).get(params) as { answers: number; promoters: number; passives: number; detractors: number; avg_score: number | null; service: number | null; product: number | null; price: number | null };
      const rows = db.prepare(`${SELECT} ${sql} ORDER BY f.answered_at DESC, f.id DESC LIMIT @limit OFFSET @offset`).all({ ...params, limit: q.limit, offset: q.offset }) as Row[];
      const summary: FeedbackSummary = {
        answers: s.answers, promoters: s.promoters, passives: s.passives, detractors: s.detractors,
        nps: netPromoterScore(s.promoters, s.detractors, s.answers), averageScore: round2(s.avg_score),
        averageRatings: { service: round2(s.service), product: round2(s.product), price: round2(s.price) },
      };
      return { total: s.answers, items: rows.map(view), summary };
    },
  };
}
export type FeedbackService = ReturnType<typeof createFeedbackService>;
