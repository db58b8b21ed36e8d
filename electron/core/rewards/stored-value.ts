import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDate, localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { SettingsStore } from '../shop/settings-store.js';
import type { TopUpRules } from '../../../shared/contract/stored-value.js';

export const DEFAULT_TOPUP_RULES: TopUpRules = { bonuses: [], tierGrants: [] };

/**
 * Stored value (储值) is money the shop owes its customers: exact to the fen, principal
 * (本金, what they paid in, refundable) kept apart from the bonus (赠送金额). Spending takes
 * from both in proportion to the balance, so the refundable share never shifts; refunds give
 * back to each the part the sale took from it.
 */
export function createStoredValue(db: Database, clock: Clock, audit: AuditLog, settings: SettingsStore) {
  const insert = db.prepare(`INSERT INTO stored_value_ledger (member_id, at, principal_delta, bonus_delta, reason, sale_id, method, staff_id, note, topup_id)
    VALUES (@memberId, @at, @principal, @bonus, @reason, @saleId, @method, @staffId, @note, @topupId)`);
  const bal = db.prepare<[number], { principal_fen: number; bonus_fen: number }>('SELECT principal_fen, bonus_fen FROM member_balances WHERE member_id = ?');
  const takenBy = db.prepare<[number], { p: number; b: number }>(
    "SELECT coalesce(-sum(principal_delta), 0) AS p, coalesce(-sum(bonus_delta), 0) AS b FROM stored_value_ledger WHERE sale_id = ? AND reason = 'payment'");
  const returnedFor = db.prepare<[number], { p: number; b: number }>(`SELECT coalesce(sum(l.principal_delta), 0) AS p, coalesce(sum(l.bonus_delta), 0) AS b
    FROM stored_value_ledger l JOIN sales r ON r.id = l.sale_id WHERE r.refund_of = ? AND l.reason = 'refund'`);

  function post(memberId: number, principal: number, bonus: number, reason: string, o: { saleId?: number | null; method?: string | null; staffId?: number | null; note?: string; topupId?: number | null } = {}) {
    if (principal === 0 && bonus === 0) return;
    insert.run({ memberId, at: localDateTime(clock.now()), principal, bonus, reason, saleId: o.saleId ?? null, method: o.method ?? null, staffId: o.staffId ?? null, note: o.note ?? '', topupId: o.topupId ?? null });
  }

  const balance = (memberId: number) => {
    const b = bal.get(memberId);
    const principalFen = b?.principal_fen ?? 0;
    const bonusFen = b?.bonus_fen ?? 0;
    return { principalFen, bonusFen, totalFen: principalFen + bonusFen };
  };

  return {
    post,
    balance,
    rules: (): TopUpRules => ({ ...DEFAULT_TOPUP_RULES, ...settings.get<Partial<TopUpRules>>('storedValue.rules', {}) }),
    setRules: (r: TopUpRules) => settings.set('storedValue.rules', r),
    bonusFor(amountFen: number, rules: TopUpRules): number {
      return rules.bonuses.filter((r) => amountFen >= r.minFen).reduce((best, r) => Math.max(best, r.bonusFen), 0);
    },

    /** Pays `amountFen` of a sale from the member's balance (inside the sale's transaction). */
    pay(memberId: number, amountFen: number, saleId: number, staffId: number): void {
      const b = balance(memberId);
      if (amountFen > b.totalFen) throw new DomainError('rule_violation', { rule: 'stored_value_insufficient', balanceFen: b.totalFen }, 'errors.stored_value_insufficient');
      const bonusPart = b.totalFen === 0 ? 0 : Math.floor((amountFen * b.bonusFen) / b.totalFen);
      post(memberId, -(amountFen - bonusPart), -bonusPart, 'payment', { saleId, staffId });
    },

    /**
     * Gives `amountFen` of a refund back to the balance, in the proportions the sale took:
     * cumulative over partial refunds, so a whole refund returns exactly what was taken.
     */
    refund(memberId: number, saleId: number, refundSaleId: number, amountFen: number, staffId: number): void {
      const taken = takenBy.get(saleId)!;
      const back = returnedFor.get(saleId)!;
      const takenTotal = taken.p + taken.b;
      if (amountFen > takenTotal - back.p - back.b) {
        throw new DomainError('rule_violation', { rule: 'stored_value_refund_exceeds_paid', paidFen: takenTotal - back.p - back.b }, 'errors.stored_value_refund_exceeds');
      }
      const after = back.p + back.b + amountFen;
      const bonusAfter = takenTotal === 0 ? 0 : Math.floor((after * taken.b) / takenTotal);
      const bonus = bonusAfter - back.b;
      post(memberId, amountFen - bonus, bonus, 'refund', { saleId: refundSaleId, staffId });
    },

    /** A merged duplicate's balance moves to the kept member, principal and bonus apart. */
    moveAll(fromId: number, toId: number): void {
      const b = balance(fromId);
      if (b.totalFen === 0) return;
      post(fromId, -b.principalFen, -b.bonusFen, 'merge_out', { note: `#${toId}` });
      post(toId, b.principalFen, b.bonusFen, 'merge_in', { note: `#${fromId}` });
    },

    adjust(memberId: number, principalDelta: number, bonusDelta: number, reason: string, staffId: number) {
      db.transaction(() => {
        const before = balance(memberId);
        if (before.principalFen + principalDelta < 0 || before.bonusFen + bonusDelta < 0) {
          throw new DomainError('rule_violation', { rule: 'stored_value_insufficient', balanceFen: before.totalFen }, 'errors.stored_value_insufficient');
        }
        post(memberId, principalDelta, bonusDelta, 'adjust', { staffId, note: reason });
        audit.record({ staffId, action: 'storedValue.adjust', entity: 'member', entityId: memberId, details: { before, principalDelta, bonusDelta, reason } });
      })();
      return balance(memberId);
    },

    statement(memberId: number, offset: number, limit: number) {
      const total = (db.prepare('SELECT count(*) AS n FROM stored_value_ledger WHERE member_id = ?').get(memberId) as { n: number }).n;
      const items = db.prepare(`SELECT * FROM (
          SELECT l.id, l.at, l.principal_delta AS principalDelta, l.bonus_delta AS bonusDelta, l.reason,
                 coalesce(s.receipt_no, t.receipt_no) AS receiptNo, st.name AS staffName, l.note,
                 sum(l.principal_delta) OVER (ORDER BY l.id) AS principalBalance, sum(l.bonus_delta) OVER (ORDER BY l.id) AS bonusBalance
          FROM stored_value_ledger l LEFT JOIN sales s ON s.id = l.sale_id LEFT JOIN topups t ON t.id = l.topup_id LEFT JOIN staff st ON st.id = l.staff_id
          WHERE l.member_id = ?)
        ORDER BY id DESC LIMIT ? OFFSET ?`).all(memberId, limit, offset) as Array<{
        id: number; at: string; principalDelta: number; bonusDelta: number; reason: string; receiptNo: string | null; staffName: string | null; note: string; principalBalance: number; bonusBalance: number;
      }>;
      return { total, items };
    },

    today: () => localDate(clock.now()),
  };
}
export type StoredValue = ReturnType<typeof createStoredValue>;
