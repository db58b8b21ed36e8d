import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { ShiftReport, PaymentMethod } from '../../../shared/contract/receipt.js';
import { PaymentMethod as PaymentMethods } from '../../../shared/contract/receipt.js';

interface ShiftRow { id: number; staff_id: number; staff_name: string; opened_at: string; opening_float_fen: number; closed_at: string | null; counted_cash_fen: number | null; expected_cash_fen: number | null }

/**
 * Shifts (班次 / 交班): the till has at most one open shift; every sale and refund belongs
 * to it. Closing counts the drawer against what the shift's cash movements say it holds.
 */
export function createShifts(db: Database, clock: Clock, audit: AuditLog, shopName: () => string) {
  // This till's open shift: with a shop server, other tills' shifts are in the file too.
  const current = db.prepare<[], ShiftRow>(`SELECT sh.*, st.name AS staff_name FROM shifts sh JOIN staff st ON st.id = sh.staff_id
    WHERE sh.closed_at IS NULL AND sh.till_code = (SELECT till_code FROM sync_state)`);
  const byId = db.prepare<[number], ShiftRow>(`SELECT sh.*, st.name AS staff_name FROM shifts sh JOIN staff st ON st.id = sh.staff_id WHERE sh.id = ?`);
  const last = db.prepare<[], ShiftRow>(`SELECT sh.*, st.name AS staff_name FROM shifts sh JOIN staff st ON st.id = sh.staff_id
    WHERE sh.till_code = (SELECT till_code FROM sync_state) ORDER BY sh.id DESC LIMIT 1`);
  const totals = db.prepare<[number], { kind: 'sale' | 'refund'; method: PaymentMethod; amount: number }>(`
    SELECT s.kind, p.method, sum(p.amount_fen) AS amount FROM sales s JOIN sale_payments p ON p.sale_id = s.id
    WHERE s.shift_id = ? GROUP BY s.kind, p.method`);
  const topups = db.prepare<[number], { method: PaymentMethod; amount: number }>('SELECT method, sum(amount_fen) AS amount FROM topups WHERE shift_id = ? GROUP BY method');
  const counts = db.prepare<[number], { sales: number; refunds: number }>(`
    SELECT count(*) FILTER (WHERE kind = 'sale') AS sales, count(*) FILTER (WHERE kind = 'refund') AS refunds FROM sales WHERE shift_id = ?`);

  const view = (r: ShiftRow) => ({ id: r.id, staffName: r.staff_name, openedAt: r.opened_at, openingFloatFen: r.opening_float_fen, closedAt: r.closed_at });

  function report(r: ShiftRow): ShiftReport {
    const rows = totals.all(r.id);
    const ups = topups.all(r.id);
    const byMethod = PaymentMethods.options
      .map((method) => ({
        method,
        salesFen: rows.find((x) => x.kind === 'sale' && x.method === method)?.amount ?? 0,
        refundsFen: rows.find((x) => x.kind === 'refund' && x.method === method)?.amount ?? 0,
        topUpsFen: ups.find((x) => x.method === method)?.amount ?? 0,
      }))
      .filter((m) => m.salesFen !== 0 || m.refundsFen !== 0 || m.topUpsFen !== 0);
    const cash = byMethod.find((m) => m.method === 'cash');
    // Cash is stored net of change and refunds are negative: the drawer holds float + sales + refunds + top-ups.
    const expected = r.opening_float_fen + (cash?.salesFen ?? 0) + (cash?.refundsFen ?? 0) + (cash?.topUpsFen ?? 0);
    const c = counts.get(r.id)!;
    return {
      shiftId: r.id, shopName: shopName(), staffName: r.staff_name, openedAt: r.opened_at, closedAt: r.closed_at,
      openingFloatFen: r.opening_float_fen, salesCount: c.sales, refundsCount: c.refunds, byMethod,
      expectedCashFen: r.expected_cash_fen ?? expected,
      countedCashFen: r.counted_cash_fen,
      differenceFen: r.counted_cash_fen === null ? null : r.counted_cash_fen - (r.expected_cash_fen ?? expected),
    };
  }

  return {
    current: () => { const r = current.get(); return r ? view(r) : null; },
    /** The open shift's id, or a refusal the cashier understands. */
    requireOpen(): number {
      const r = current.get();
      if (!r) throw new DomainError('rule_violation', { rule: 'no_open_shift' }, 'errors.no_open_shift');
      return r.id;
    },
    open(openingFloatFen: number, staffId: number) {
      return db.transaction(() => {
        if (current.get()) throw new DomainError('rule_violation', { rule: 'shift_already_open' }, 'errors.shift_already_open');
        const id = Number(db.prepare('INSERT INTO shifts (staff_id, opened_at, opening_float_fen, till_code) VALUES (?, ?, ?, (SELECT till_code FROM sync_state))').run(staffId, localDateTime(clock.now()), openingFloatFen).lastInsertRowid);
        audit.record({ staffId, action: 'shifts.open', entity: 'shift', entityId: id, details: { openingFloatFen } });
        return view(byId.get(id)!);
      })();
    },
    close(countedCashFen: number, staffId: number): ShiftReport {
      return db.transaction(() => {
        const r = current.get();
        if (!r) throw new DomainError('rule_violation', { rule: 'no_open_shift' }, 'errors.no_open_shift');
        const expected = report(r).expectedCashFen;
        db.prepare('UPDATE shifts SET closed_at = ?, closed_by = ?, counted_cash_fen = ?, expected_cash_fen = ? WHERE id = ?')
          .run(localDateTime(clock.now()), staffId, countedCashFen, expected, r.id);
        const result = report(byId.get(r.id)!);
        audit.record({ staffId, action: 'shifts.close', entity: 'shift', entityId: r.id, details: { expected, counted: countedCashFen, difference: result.differenceFen } });
        return result;
      })();
    },
    report(shiftId?: number): ShiftReport {
      const r = shiftId ? byId.get(shiftId) : (current.get() ?? last.get());
      if (!r) throw new DomainError('not_found', { entity: 'shift' });
      return report(r);
    },
  };
}
export type Shifts = ReturnType<typeof createShifts>;
