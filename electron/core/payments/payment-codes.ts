import { createHash } from 'node:crypto';
import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Shifts } from '../till/shifts.js';
import { classifyPaymentCode, codeTail } from '../../../shared/payment-codes.js';
import { matchStatement } from '../../../shared/payments/statement-match.js';
import type { PaymentCodeRow } from '../../../shared/contract/payment-codes.js';
import type { PaymentMethod } from '../../../shared/contract/receipt.js';
import { readStatement } from './statement-csv.js';

const hashOf = (code: string) => createHash('sha256').update(code).digest('hex');

interface Row { id: number; sale_id: number; receipt_no: string; method: 'wechat' | 'alipay'; amount_fen: number; code_tail: string; scanned_at: string; statement_ref: string | null }
const toDto = (r: Row): PaymentCodeRow => ({
  id: r.id, saleId: r.sale_id, receiptNo: r.receipt_no, method: r.method, amountFen: r.amount_fen, codeTail: r.code_tail, scannedAt: r.scanned_at,
  status: r.statement_ref === null ? 'unchecked' : 'matched', statementRef: r.statement_ref,
});

/**
 * Code-paid payments (付款码): checked before a sale is written (the right platform's code,
 * each code once), recorded in the sale's transaction, listed at the shift close and matched
 * with the platform's statement there.
 */
export function createPaymentCodes(db: Database, clock: Clock, audit: AuditLog, shifts: Pick<Shifts, 'current'>) {
  const used = db.prepare<[string], { id: number }>('SELECT id FROM payment_codes WHERE code_hash = ?');
  const insert = db.prepare('INSERT INTO payment_codes (sale_id, shift_id, method, amount_fen, code_tail, code_hash, scanned_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const byShift = db.prepare<[number], Row>(`SELECT c.id, c.sale_id, s.receipt_no, c.method, c.amount_fen, c.code_tail, c.scanned_at, k.statement_ref
    FROM payment_codes c JOIN sales s ON s.id = c.sale_id LEFT JOIN payment_code_checks k ON k.payment_code_id = c.id WHERE c.shift_id = ? ORDER BY c.id`);
  const insertCheck = db.prepare('INSERT INTO payment_code_checks (payment_code_id, statement_ref, statement_at, statement_amount_fen, checked_at, staff_id) VALUES (?, ?, ?, ?, ?, ?)');

  function shiftOf(shiftId: number | undefined): number {
    const id = shiftId ?? shifts.current()?.id;
    if (id === undefined) throw new DomainError('rule_violation', { rule: 'no_open_shift' }, 'errors.no_open_shift');
    return id;
  }

  return {
    /** Before the sale's transaction: every code is its method's, and none is scanned twice (in this sale or ever). */
    check(payments: ReadonlyArray<{ method: PaymentMethod; code: string | null }>): void {
      const seen = new Set<string>();
      for (const p of payments) {
        if (p.code === null) continue;
        const kind = classifyPaymentCode(p.code);
        if (kind === null || kind !== p.method) throw new DomainError('bad_input', { field: 'payments', rule: 'payment_code_method', method: p.method }, 'errors.payment_code_method');
        if (seen.has(p.code) || used.get(hashOf(p.code))) throw new DomainError('conflict', { field: 'payments', rule: 'payment_code_twice', tail: codeTail(p.code) }, 'errors.payment_code_twice');
        seen.add(p.code);
      }
    },
    /** Inside the sale's transaction. */
    record(saleId: number, shiftId: number, payments: ReadonlyArray<{ method: PaymentMethod; amountFen: number; code: string | null }>, at: string): void {
      for (const p of payments) if (p.code !== null) insert.run(saleId, shiftId, p.method, p.amountFen, codeTail(p.code), hashOf(p.code), at);
    },
    list: (shiftId?: number) => byShift.all(shiftOf(shiftId)).map(toDto),
    importStatement(bytes: Uint8Array, shiftId: number | undefined, staffId: number) {
      const read = readStatement(bytes);
      if (!read.ok) throw new DomainError('bad_input', { field: 'fileBase64', rule: `statement_${read.reason}` }, `errors.payment_statement_${read.reason}`);
      const id = shiftOf(shiftId);
      return db.transaction(() => {
        const rows = byShift.all(id).map(toDto);
        const open = rows.filter((r) => r.status === 'unchecked');
        const result = matchStatement(open.map((r) => ({ id: r.id, method: r.method, amountFen: r.amountFen, at: r.scannedAt })), read.entries);
        const now = localDateTime(clock.now());
        for (const m of result.matched) insertCheck.run(m.payment.id, m.entry.ref, m.entry.at.replace(' ', 'T'), m.entry.amountFen, now, staffId);
        audit.record({ staffId, action: 'paymentCodes.importStatement', entity: 'shift', entityId: id, details: { matched: result.matched.length, unmatchedTill: result.unmatchedTill.length, unmatchedStatement: result.unmatchedStatement.length } });
        const after = new Map(byShift.all(id).map((r) => [r.id, toDto(r)]));
        return {
          matched: result.matched.map((m) => after.get(m.payment.id)!),
          unmatchedTill: result.unmatchedTill.map((p) => after.get(p.id)!),
          unmatchedStatement: result.unmatchedStatement,
          skippedLines: read.skippedLines,
        };
      })();
    },
  };
}
export type PaymentCodes = ReturnType<typeof createPaymentCodes>;
