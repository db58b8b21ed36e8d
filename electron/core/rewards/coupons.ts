import { randomInt } from 'node:crypto';
import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDate, localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { AuditLog } from '../audit/audit-log.js';
import { ean13 } from '../../../shared/barcode.js';
import { addDays } from '../lib/dates.js';
import { couponFen } from '../../../shared/pricing.js';
import type { Coupon, CouponTemplate } from '../../../shared/contract/coupons.js';

interface TemplateRow { id: number; name: string; kind: 'amount' | 'percent'; value: number; min_spend_fen: number; valid_days: number; active: number }
interface CouponRow { id: number; code: string; template_id: number; member_id: number | null; reason: string; valid_from: string; valid_to: string; name: string; kind: 'amount' | 'percent'; value: number; min_spend_fen: number; used_receipt: string | null; used: number }

const template = (t: TemplateRow): CouponTemplate => ({ id: t.id, name: t.name, kind: t.kind, value: t.value, minSpendFen: t.min_spend_fen, validDays: t.valid_days, active: t.active === 1 });

/**
 * Coupons (优惠券): a value or a percentage off, a minimum spend, a validity window, single
 * use. Codes are EAN-13 in the in-store range 28 (member cards use 29), random, so a printed
 * coupon scans at any till and cannot be guessed from another. A use is its own row.
 */
export function createCoupons(db: Database, clock: Clock, audit: AuditLog) {
  // Used when it has a use; the sale it was used in may be another branch's, not on this till.
  const SELECT = `SELECT c.*, t.name, t.kind, t.value, t.min_spend_fen, s.receipt_no AS used_receipt, u.coupon_id IS NOT NULL AS used
    FROM coupons c JOIN coupon_templates t ON t.id = c.template_id LEFT JOIN coupon_uses u ON u.coupon_id = c.id LEFT JOIN sales s ON s.id = u.sale_id`;
  const byCode = db.prepare<[string], CouponRow>(`${SELECT} WHERE c.code = ?`);
  const tplById = db.prepare<[number], TemplateRow>('SELECT * FROM coupon_templates WHERE id = ?');
  const codeTaken = db.prepare<[string], { id: number }>('SELECT id FROM coupons WHERE code = ?');
  const insertCoupon = db.prepare(`INSERT INTO coupons (code, template_id, member_id, reason, issued_at, valid_from, valid_to, issued_by, note)
    VALUES (@code, @templateId, @memberId, @reason, @at, @from, @to, @by, @note)`);
  const insertUse = db.prepare('INSERT INTO coupon_uses (coupon_id, sale_id, discount_fen, at) VALUES (?, ?, ?, ?)');

  function status(c: CouponRow, today: string): Coupon['status'] {
    if (c.used) return 'used';
    if (today < c.valid_from) return 'not_yet_valid';
    if (today > c.valid_to) return 'expired';
    return 'valid';
  }
  const view = (c: CouponRow): Coupon => ({
    id: c.id, code: c.code, name: c.name, kind: c.kind, value: c.value, minSpendFen: c.min_spend_fen, memberId: c.member_id, reason: c.reason,
    validFrom: c.valid_from, validTo: c.valid_to, status: status(c, localDate(clock.now())), usedReceiptNo: c.used_receipt,
  });

  function newCode(): string {
    for (;;) {
      const code = ean13(`28${String(randomInt(0, 1e10)).padStart(10, '0')}`);
      if (!codeTaken.get(code)) return code;
    }
  }

  /** The discount a coupon gives on `linesTotalFen`, or the typed reason it cannot be used. */
  function check(code: string, memberId: number | null, linesTotalFen: number): { coupon: CouponRow; discountFen: number } {
    const c = byCode.get(code);
    if (!c) throw new DomainError('not_found', { entity: 'coupon', code }, 'errors.coupon_not_found');
    const s = status(c, localDate(clock.now()));
    if (s === 'used') {
      throw c.used_receipt
        ? new DomainError('rule_violation', { rule: 'coupon_used', receiptNo: c.used_receipt }, 'errors.coupon_used')
        : new DomainError('rule_violation', { rule: 'coupon_used' }, 'errors.coupon_used_elsewhere');
    }
    if (s === 'expired') throw new DomainError('rule_violation', { rule: 'coupon_expired', validTo: c.valid_to }, 'errors.coupon_expired');
    if (s === 'not_yet_valid') throw new DomainError('rule_violation', { rule: 'coupon_not_yet_valid', validFrom: c.valid_from }, 'errors.coupon_not_yet_valid');
    if (c.member_id !== null && c.member_id !== memberId) throw new DomainError('rule_violation', { rule: 'coupon_other_member' }, 'errors.coupon_other_member');
    if (linesTotalFen < c.min_spend_fen) throw new DomainError('rule_violation', { rule: 'coupon_min_spend', minSpendFen: c.min_spend_fen }, 'errors.coupon_min_spend');
    const discountFen = couponFen(c, linesTotalFen);
    return { coupon: c, discountFen };
  }

  return {
    templates: () => (db.prepare('SELECT * FROM coupon_templates ORDER BY active DESC, name').all() as TemplateRow[]).map(template),
    saveTemplate(input: { id?: number | undefined; name: string; kind: 'amount' | 'percent'; value: number; minSpendFen: number; validDays: number; active: boolean }, staffId: number): CouponTemplate {
      const id = db.transaction(() => {
        const params = { name: input.name, kind: input.kind, value: input.value, min: input.minSpendFen, days: input.validDays, active: input.active ? 1 : 0 };
        let id = input.id;
        if (id) {
          if (!tplById.get(id)) throw new DomainError('not_found', { entity: 'coupon_template', id });
          db.prepare('UPDATE coupon_templates SET name=@name, kind=@kind, value=@value, min_spend_fen=@min, valid_days=@days, active=@active WHERE id=@id').run({ ...params, id });
        } else {
          id = Number(db.prepare('INSERT INTO coupon_templates (name, kind, value, min_spend_fen, valid_days, active) VALUES (@name, @kind, @value, @min, @days, @active)').run(params).lastInsertRowid);
        }
        audit.record({ staffId, action: 'coupons.saveTemplate', entity: 'coupon_template', entityId: id, details: { ...input } });
        return id;
      })();
      return template(tplById.get(id)!);
    },

    /** Issues one coupon per member (inside the caller's transaction when there is one). */
    issue(templateId: number, memberIds: number[], reason: string, staffId: number | null, opts: { validFrom?: string | undefined; note?: string } = {}): string[] {
      const t = tplById.get(templateId);
      if (!t) throw new DomainError('not_found', { entity: 'coupon_template', id: templateId });
      if (t.active !== 1) throw new DomainError('rule_violation', { rule: 'coupon_template_inactive' }, 'errors.coupon_template_inactive');
      const from = opts.validFrom ?? localDate(clock.now());
      const to = addDays(from, t.valid_days - 1);
      const at = localDateTime(clock.now());
      const codes: string[] = [];
      db.transaction(() => {
        for (const memberId of memberIds) {
          const m = db.prepare<[number], { status: string }>('SELECT status FROM members WHERE id = ?').get(memberId);
          if (!m || (m.status !== 'active' && m.status !== 'frozen')) throw new DomainError('not_found', { entity: 'member', id: memberId });
          const code = newCode();
          insertCoupon.run({ code, templateId, memberId, reason, at, from, to, by: staffId, note: opts.note ?? '' });
          codes.push(code);
        }
        audit.record({ staffId, action: 'coupons.issue', entity: 'coupon_template', entityId: templateId, details: { members: memberIds.length, reason } });
      })();
      return codes;
    },

    forMember(memberId: number, includeSpent: boolean): Coupon[] {
      const rows = db.prepare<[number], CouponRow>(`${SELECT} WHERE c.member_id = ? ORDER BY c.valid_to, c.id`).all(memberId).map(view);
      return includeSpent ? rows : rows.filter((c) => c.status === 'valid' || c.status === 'not_yet_valid');
    },

    check(code: string, memberId: number | null, linesTotalFen: number) {
      const r = check(code, memberId, linesTotalFen);
      return { coupon: view(r.coupon), discountFen: r.discountFen };
    },

    /**
     * Coupons for a cart: each checked against what is left after the ones before it, so two
     * coupons never take more than the lines are worth. Returns what to record on commit.
     */
    apply(codes: string[], memberId: number | null, linesTotalFen: number): { totalFen: number; uses: Array<{ couponId: number; discountFen: number }> } {
      if (new Set(codes).size !== codes.length) throw new DomainError('bad_input', { field: 'couponCodes', rule: 'duplicate' });
      let left = linesTotalFen;
      const uses: Array<{ couponId: number; discountFen: number }> = [];
      for (const code of codes) {
        // Minimum spend is judged on the whole cart; the discount on what is left.
        const r = check(code, memberId, linesTotalFen);
        const discountFen = Math.min(r.discountFen, left);
        left -= discountFen;
        uses.push({ couponId: r.coupon.id, discountFen });
      }
      return { totalFen: linesTotalFen - left, uses };
    },

    /** Records the uses inside the sale's transaction (a coupon used twice fails on its primary key). */
    recordUses(uses: Array<{ couponId: number; discountFen: number }>, saleId: number): void {
      const at = localDateTime(clock.now());
      for (const u of uses) insertUse.run(u.couponId, saleId, u.discountFen, at);
    },
  };
}
export type Coupons = ReturnType<typeof createCoupons>;
