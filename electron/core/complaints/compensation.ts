import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDate, localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import { addMonths } from '../lib/dates.js';

/**
 * How a complaint's compensation (补偿) reaches the member: always through the ledgers, in
 * the caller's transaction (the complaint's timeline entry and audit row commit with it).
 * The rewards module implements this port with its own rules (points expiry, coupon issue);
 * `createLedgerCompensation` is the minimal default until then.
 * Implementations throw DomainError to refuse; nothing is booked then.
 */
export interface CompensationPort {
  points(memberId: number, points: number, staffId: number, reason: string, complaintId: number): void;
  /** Goes to the bonus (赠送) balance: it is a gift, not money the customer paid in. */
  storedValue(memberId: number, fen: number, staffId: number, reason: string, complaintId: number): void;
  coupon(memberId: number, templateId: number, staffId: number, reason: string, complaintId: number): void;
}

export function couponsUnavailable(): DomainError {
  return new DomainError('rule_violation', { rule: 'coupons_unavailable' }, 'errors.coupons_unavailable');
}

/**
 * Default compensation: a `points_ledger` row (reason `compensation`, expiring like earned
 * points after `pointsExpiryMonths`), or a `stored_value_ledger` bonus row. Coupons do not
 * exist yet: refused with rule_violation `coupons_unavailable`.
 */
export function createLedgerCompensation(db: Database, clock: Clock, opts: { pointsExpiryMonths: number } = { pointsExpiryMonths: 12 }): CompensationPort {
  const points = db.prepare("INSERT INTO points_ledger (member_id, at, delta, reason, sale_id, staff_id, expires_on, note) VALUES (?, ?, ?, 'compensation', NULL, ?, ?, ?)");
  const value = db.prepare("INSERT INTO stored_value_ledger (member_id, at, principal_delta, bonus_delta, reason, staff_id, note) VALUES (?, ?, 0, ?, 'compensation', ?, ?)");
  const note = (complaintId: number, reason: string) => `complaint #${complaintId}${reason ? `: ${reason}` : ''}`;
  return {
    points(memberId, n, staffId, reason, complaintId) {
      const now = clock.now();
      points.run(memberId, localDateTime(now), n, staffId, addMonths(localDate(now), opts.pointsExpiryMonths), note(complaintId, reason));
    },
    storedValue(memberId, fen, staffId, reason, complaintId) {
      value.run(memberId, localDateTime(clock.now()), fen, staffId, note(complaintId, reason));
    },
    coupon() {
      throw couponsUnavailable();
    },
  };
}
