import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { CheckoutService } from './checkout-service.js';
import type { CheckoutRulesStore } from './rules.js';
import type { Shifts } from '../till/shifts.js';
import type { SaleViews } from './sale-view.js';
import type { HeldOrders } from './held-orders.js';
import type { PrintQueue } from '../print/print-queue.js';
import type { AuditLog } from '../audit/audit-log.js';
import { DomainError } from '../lib/domain-error.js';
import type { ReceiptData } from '../../../shared/contract/receipt.js';
import type { ReceiptPreviewer } from '../print/job-renderer.js';

export function checkoutHandlers(d: {
  checkout: CheckoutService; rules: CheckoutRulesStore; shifts: Shifts; sales: SaleViews; held: HeldOrders; print: PrintQueue; audit: AuditLog;
  receiptData: (saleId: number, reprint: boolean) => ReceiptData; previewer: ReceiptPreviewer; paperWidth: () => 58 | 80;
}): PartialHandlers<
  | 'checkout.rules' | 'checkout.setRules' | 'shifts.current' | 'shifts.open' | 'shifts.close' | 'shifts.report'
  | 'sales.commit' | 'sales.get' | 'sales.list' | 'sales.refund' | 'sales.refundQuote'
  | 'held.list' | 'held.hold' | 'held.resume' | 'held.discard' | 'print.receipt' | 'print.retry' | 'print.jobs' | 'receipts.preview'
> {
  return {
    'checkout.rules': () => d.rules.get(),
    'checkout.setRules': (patch, ctx) => {
      const before = d.rules.get();
      const after = d.rules.set(patch);
      d.audit.record({ staffId: ctx.session!.staffId, action: 'checkout.setRules', details: { before, after } });
      return after;
    },
    'shifts.current': () => d.shifts.current(),
    'shifts.open': ({ openingFloatFen }, ctx) => d.shifts.open(openingFloatFen, ctx.session!.staffId),
    'shifts.close': ({ countedCashFen, print }, ctx) => {
      const report = d.shifts.close(countedCashFen, ctx.session!.staffId);
      if (print && d.print.enqueue('shift_report', report.shiftId) !== null) void d.print.kick();
      return report;
    },
    'shifts.report': ({ shiftId }) => d.shifts.report(shiftId),
    'sales.commit': (input, ctx) => d.checkout.commit(input, ctx.session!),
    'sales.get': (input) => {
      if ('id' in input) return d.sales.get(input.id);
      if ('receiptNo' in input) return d.sales.byReceiptNo(input.receiptNo);
      const id = d.sales.idForClientRef(input.clientRef);
      if (id === null) throw new DomainError('not_found', { entity: 'sale' });
      return d.sales.get(id);
    },
    'sales.list': (q) => d.sales.list(q),
    'sales.refund': (input, ctx) => d.checkout.refund(input, ctx.session!),
    'sales.refundQuote': ({ saleId, lines }) => ({ amountFen: d.checkout.quoteRefund(saleId, lines).amountFen }),
    'held.list': () => d.held.list(),
    'held.hold': ({ label, cart }, ctx) => {
      // The total shown on the held list is priced now, by the same rules as a commit.
      const { cart: priced } = d.checkout.price(cart.lines, cart.memberId);
      return d.held.hold(label, cart, priced.totalFen, ctx.session!.staffId);
    },
    'held.resume': ({ id }) => d.held.resume(id),
    'held.discard': ({ id }) => { d.held.discard(id); return {}; },
    'print.receipt': ({ saleId }) => {
      d.sales.get(saleId);
      const id = d.print.enqueue('receipt', saleId, { reprint: true });
      if (id === null) throw new DomainError('rule_violation', { rule: 'printer_not_configured' }, 'errors.printer_not_configured');
      void d.print.kick();
      return d.print.get(id);
    },
    'print.retry': ({ jobId }) => d.print.retry(jobId),
    'print.jobs': ({ status, limit }) => d.print.list(status, limit),
    'receipts.preview': ({ saleId, paperWidth }) => d.previewer.preview(d.receiptData(saleId, false), paperWidth ?? d.paperWidth()),
  };
}
