import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDate, localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { Session } from '../dispatch/sessions.js';
import type { Shifts } from '../till/shifts.js';
import type { PrintQueue } from '../print/print-queue.js';
import type { Tiers } from '../members/tiers.js';
import type { StoredValue } from './stored-value.js';
import type { TopUpReceipt } from '../receipts/topup-template.js';
import { createReceiptNumbers } from '../till/receipt-numbers.js';
import { maskPhone } from '../../../shared/phone.js';

export interface TopUpInput {
  memberId: number; amountFen: number; method: 'cash' | 'card' | 'wechat' | 'alipay'; tenderedFen: number | null; clientRef: string; print: boolean;
}

/**
 * 充值: a member pays money in at the till. One transaction writes the top-up, its ledger
 * entry (principal + bonus), any tier it grants and its receipt's print job. The cash goes
 * into the shift's drawer count; it is a debt to the customer, not revenue.
 */
export function createTopUps(d: { db: Database; clock: Clock; shifts: Shifts; print: PrintQueue; tiers: Tiers; storedValue: StoredValue; shopName: () => string }) {
  const { db, clock, shifts, print, tiers, storedValue } = d;
  const nextReceiptNo = createReceiptNumbers(db);
  const byRef = db.prepare<[string], { id: number }>('SELECT id FROM topups WHERE client_ref = ?');
  const insert = db.prepare(`INSERT INTO topups (receipt_no, member_id, business_date, at, amount_fen, bonus_fen, method, tendered_fen, change_fen, staff_id, shift_id, client_ref)
    VALUES (@receiptNo, @memberId, @date, @at, @amount, @bonus, @method, @tendered, @change, @staffId, @shiftId, @clientRef)`);
  const row = db.prepare<[number], { receipt_no: string; member_id: number; at: string; amount_fen: number; bonus_fen: number; method: TopUpReceipt['method']; tendered_fen: number | null; change_fen: number | null; staff_name: string | null; phone: string | null; name: string; tier: string | null }>(`
    SELECT t.*, s.name AS staff_name, m.phone, m.name, (SELECT tr.name FROM member_tier_history h JOIN tiers tr ON tr.id = h.to_tier WHERE h.reason = 'topup' AND h.member_id = t.member_id AND h.at = t.at ORDER BY h.id DESC LIMIT 1) AS tier
    FROM topups t LEFT JOIN staff s ON s.id = t.staff_id JOIN members m ON m.id = t.member_id WHERE t.id = ?`);
  const balanceAfter = db.prepare<[number, number], { p: number; b: number }>(
    'SELECT coalesce(sum(principal_delta), 0) AS p, coalesce(sum(bonus_delta), 0) AS b FROM stored_value_ledger WHERE member_id = ? AND id <= (SELECT max(id) FROM stored_value_ledger WHERE topup_id = ?)');

  function grantedTier(amountFen: number) {
    const grants = storedValue.rules().tierGrants.filter((g) => amountFen >= g.minFen);
    const best = grants.map((g) => tiers.byId(g.tierId)).sort((a, b) => b.rank - a.rank)[0];
    return best ?? null;
  }

  return {
    quote(amountFen: number) {
      return { bonusFen: storedValue.bonusFor(amountFen, storedValue.rules()), tierName: grantedTier(amountFen)?.name ?? null };
    },

    /** What the top-up receipt prints, from the committed rows. */
    receipt(topupId: number): TopUpReceipt {
      const r = row.get(topupId);
      if (!r) throw new DomainError('not_found', { entity: 'topup', id: topupId });
      const b = balanceAfter.get(r.member_id, topupId)!;
      return {
        shopName: d.shopName(), receiptNo: r.receipt_no, at: r.at, cashier: r.staff_name ?? '', maskedPhone: maskPhone(r.phone), memberName: r.name,
        method: r.method, amountFen: r.amount_fen, bonusFen: r.bonus_fen, tenderedFen: r.tendered_fen, changeFen: r.change_fen,
        principalBalanceFen: b.p, bonusBalanceFen: b.b, tierName: r.tier,
      };
    },

    topUp(input: TopUpInput, session: Session) {
      const done = byRef.get(input.clientRef);
      const build = (id: number, printJobId: number | null) => {
        const r = this.receipt(id);
        return { receiptNo: r.receiptNo, bonusFen: r.bonusFen, changeFen: r.changeFen ?? 0, principalFen: r.principalBalanceFen, bonusBalanceFen: r.bonusBalanceFen, tierName: r.tierName, printJobId };
      };
      if (done) return build(done.id, null);
      const m = db.prepare<[number], { status: string }>('SELECT status FROM members WHERE id = ?').get(input.memberId);
      if (!m) throw new DomainError('not_found', { entity: 'member', id: input.memberId });
      if (m.status !== 'active') throw new DomainError('rule_violation', { rule: 'member_not_active', status: m.status }, 'errors.member_not_active');
      if (input.method !== 'cash' && input.tenderedFen !== null) throw new DomainError('bad_input', { field: 'tenderedFen', rule: 'tendered_cash_only' });
      const tendered = input.method === 'cash' ? (input.tenderedFen ?? input.amountFen) : null;
      if (tendered !== null && tendered < input.amountFen) throw new DomainError('rule_violation', { rule: 'tendered_too_little' }, 'errors.tendered_too_little');
      const result = db.transaction(() => {
        const shiftId = shifts.requireOpen();
        const now = clock.now();
        const at = localDateTime(now);
        const bonus = storedValue.bonusFor(input.amountFen, storedValue.rules());
        const id = Number(insert.run({
          receiptNo: nextReceiptNo(localDate(now)), memberId: input.memberId, date: localDate(now), at, amount: input.amountFen, bonus,
          method: input.method, tendered, change: tendered === null ? null : tendered - input.amountFen, staffId: session.staffId, shiftId, clientRef: input.clientRef,
        }).lastInsertRowid);
        storedValue.post(input.memberId, input.amountFen, bonus, 'topup', { method: input.method, staffId: session.staffId, topupId: id });
        const tier = grantedTier(input.amountFen);
        if (tier) tiers.raiseTo(input.memberId, tier.id, 'topup', session.staffId, at);
        const jobId = input.print ? print.enqueue('topup', id) : null;
        return { id, jobId };
      })();
      void print.kick();
      return build(result.id, result.jobId);
    },
  };
}
export type TopUps = ReturnType<typeof createTopUps>;
