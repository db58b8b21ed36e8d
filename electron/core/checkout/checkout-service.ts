import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDate, localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { StaffService } from '../staff/staff-service.js';
import type { Session } from '../dispatch/sessions.js';
import type { CatalogueService } from '../catalogue/catalogue-service.js';
import type { CheckoutRulesStore } from './rules.js';
import type { Shifts } from '../till/shifts.js';
import type { SaleViews } from './sale-view.js';
import type { PrintQueue } from '../print/print-queue.js';
import type { Tiers } from '../members/tiers.js';
import type { Points } from '../rewards/points.js';
import type { RewardsRulesStore } from '../rewards/rules.js';
import type { StoredValue } from '../rewards/stored-value.js';
import type { Coupons } from '../rewards/coupons.js';
import type { CountCards } from '../rewards/count-cards.js';
import type { SpendGuard } from '../sync/spend-guard.js';
import type { Promotions } from '../promotions/promotions-service.js';
import type { StockLedger } from '../stock/stock-ledger.js';
import type { ScaleLines } from '../weighing/scale-lines.js';
import type { LineWeights } from '../weighing/line-weights.js';
import type { PaymentCodes } from '../payments/payment-codes.js';
import { weighedRefund } from '../weighing/refund-weights.js';
import { isMemberDay } from '../rewards/rules.js';
import { createReceiptNumbers } from '../till/receipt-numbers.js';
import { priceCart, cashierMarkdownPct, pointsFor, pointsToFen, fenToPoints, maxPointsDeduction, type PricingRules, type PricedCart } from '../../../shared/pricing.js';
import type { CartLineInput, Sale } from '../../../shared/contract/checkout.js';
import type { WeighedLine } from '../../../shared/contract/weighing.js';
import { quoteRefundAmounts } from '../../../shared/refunds.js';
import type { PaymentMethod } from '../../../shared/contract/receipt.js';
import { roleAllows } from '../../../shared/roles.js';

export interface CommitInput {
  clientRef: string;
  lines: CartLineInput[];
  memberId: number | null;
  payments: Array<{ method: PaymentMethod; amountFen: number; tenderedFen: number | null; code?: string | null }>;
  expectedTotalFen: number;
  approval: { staffId: number; pin: string } | null;
  print: boolean;
  /** Points the member spends on this sale (积分抵扣); their cash value comes off the total. */
  redeemPoints: number;
  couponCodes: string[];
}

export interface RefundInput {
  saleId: number;
  clientRef: string;
  /** `grams`: for a weighed line, the weight given back (none = all that is left). */
  lines: Array<{ lineId: number; qty: number; grams?: number | null }>;
  payments: Array<{ method: PaymentMethod; amountFen: number }>;
  reason: string;
  print: boolean;
}

/** Every method the till takes; stored value needs an attached member with the balance. */
const TILL_METHODS: ReadonlySet<PaymentMethod> = new Set(['cash', 'card', 'wechat', 'alipay', 'stored_value']);

export function createCheckoutService(deps: {
  db: Database; clock: Clock; audit: AuditLog; staff: StaffService; catalogue: CatalogueService;
  rules: CheckoutRulesStore; shifts: Shifts; sales: SaleViews; print: PrintQueue; tiers: Tiers;
  /** The printer settings' "open the drawer on cash" switch. */
  drawerOnCash: () => boolean;
  points: Points;
  rewardsRules: RewardsRulesStore;
  storedValue: StoredValue;
  coupons: Coupons;
  countCards: CountCards;
  /** With a shop server, spends of shared balances are authorised (or capped offline) first. */
  spends: SpendGuard;
  /** 促销: the promotions priced into every sale, recorded with it. */
  promotions: Promotions;
  /** Stock moves of the sale's lines, in the sale's transaction. */
  stock: Pick<StockLedger, 'afterSale' | 'afterRefund'>;
  /** 称重: weighed lines priced from their label or weight, and their weights recorded. */
  weighing: { lines: Pick<ScaleLines, 'resolve'>; weights: LineWeights };
  /** 付款码: code-paid payments checked and recorded with the sale. */
  paymentCodes: Pick<PaymentCodes, 'check' | 'record'>;
}) {
  const { db, clock, audit, staff, catalogue, rules, shifts, sales, print, tiers, drawerOnCash, points, rewardsRules, storedValue, coupons, countCards, spends, promotions, stock, weighing, paymentCodes } = deps;
  const nextReceiptNo = createReceiptNumbers(db);
  const memberTier = db.prepare<[number], { status: string; tier_id: number; price_pct: number; points_pct: number }>(
    'SELECT m.status, m.tier_id, t.price_pct, t.points_pct FROM members m JOIN tiers t ON t.id = m.tier_id WHERE m.id = ?');
  const insertSale = db.prepare(`INSERT INTO sales (receipt_no, kind, refund_of, business_date, sold_at, member_id, staff_id, shift_id,
      subtotal_fen, discount_fen, rounding_fen, total_fen, client_ref, points_earned)
    VALUES (@receiptNo, @kind, @refundOf, @businessDate, @soldAt, @memberId, @staffId, @shiftId, @subtotal, @discount, @rounding, @total, @clientRef, @points)`);
  const insertLine = db.prepare(`INSERT INTO sale_lines (sale_id, line_no, product_id, name, barcode, qty, unit_price_fen, discount_fen, total_fen, refund_of_line, count_card_id)
    VALUES (@saleId, @lineNo, @productId, @name, @barcode, @qty, @unitPrice, @discount, @total, @refundOfLine, @countCardId)`);
  const lineCard = db.prepare<[number], { count_card_id: number | null }>('SELECT count_card_id FROM sale_lines WHERE id = ?');
  const redeemedStmt = db.prepare<[number], { n: number }>("SELECT coalesce(-sum(delta), 0) AS n FROM points_ledger WHERE sale_id = ? AND reason = 'redeem'");
  const pointsRedeemedBy = (saleId: number) => redeemedStmt.get(saleId)!.n;
  const insertPayment = db.prepare('INSERT INTO sale_payments (sale_id, method, amount_fen, tendered_fen, change_fen) VALUES (?, ?, ?, ?, ?)');
  // Prepared once, not per sale (a statement's preparation costs more than its run).
  const referralOf = db.prepare<[number], { referrer_id: number | null; sales_count: number }>(
    'SELECT m.referrer_id, s.sales_count FROM members m JOIN member_stats s ON s.member_id = m.id WHERE m.id = ?');
  const memberStatus = db.prepare<[number], { status: string }>('SELECT status FROM members WHERE id = ?');

  /**
   * The receipt (which opens the drawer itself on cash), or just the drawer when the
   * customer wants no receipt but cash changed hands. Inside the sale's transaction.
   */
  function enqueuePrint(saleId: number, wantsReceipt: boolean, cash: boolean): number | null {
    if (wantsReceipt) return print.enqueue('receipt', saleId);
    if (cash && drawerOnCash()) return print.enqueue('drawer', saleId);
    return null;
  }

  /**
   * Prices a cart exactly as a commit would. `redeemPoints` becomes a deduction only up to
   * what the member can use and the shop's cap; asking for more is refused, not trimmed.
   */
  function price(lines: CartLineInput[], memberId: number | null, redeemPoints = 0, couponCodes: string[] = []): {
    cart: PricedCart; products: ReturnType<CatalogueService['get']>[]; pricing: PricingRules; pointsSpent: number; couponUses: Array<{ couponId: number; discountFen: number }>; weighed: Array<WeighedLine | null>;
    /** The settings this price was made with: a commit decides by the same ones, read once. */
    checkoutRules: ReturnType<CheckoutRulesStore['get']>; rewards: ReturnType<RewardsRulesStore['get']>;
  } {
    const products = lines.map((l) => {
      const p = catalogue.get(l.productId);
      if (!p.active) throw new DomainError('rule_violation', { rule: 'product_inactive', productId: p.id }, 'errors.product_inactive');
      return p;
    });
    const r = rules.get();
    let member: PricingRules['member'] = null;
    let tierId: number | null = null;
    if (memberId !== null) {
      const m = memberTier.get(memberId);
      if (!m) throw new DomainError('not_found', { entity: 'member', id: memberId });
      if (m.status !== 'active') throw new DomainError('rule_violation', { rule: 'member_not_active', status: m.status }, 'errors.member_not_active');
      member = { pricePct: m.price_pct, pointsPct: m.points_pct };
      tierId = m.tier_id;
    }
    const rr = rewardsRules.get();
    // Promotions that do not stack with a coupon or a points deduction sit out when the sale has one (the cashier's explicit choice).
    const promo = promotions.context(memberId, tierId, couponCodes.length > 0, redeemPoints > 0);
    const pricing: PricingRules = { rounding: r.rounding, member, pointsPerYuan: r.pointsPerYuan, promoPointsPct: isMemberDay(clock.now(), rr) ? rr.memberDayPointsPct : 100, promotions: promo };
    for (const l of lines) if (l.countCardId !== null) countCards.checkUse(l.countCardId, memberId, l.productId, l.qty);
    // A weighed line is quantity 1 at its line's price (the label's, or weight × unit price): see README › Pricing rule.
    const weighed = lines.map((l) => (l.weighed ? weighing.lines.resolve(l.productId, l.weighed, l.qty) : null));
    if (lines.some((l, i) => weighed[i] && l.countCardId !== null)) throw new DomainError('bad_input', { field: 'countCardId', rule: 'weighed_line_card' }, 'errors.scale_weighed_card');
    // A line paid by a count card (次卡) costs nothing at the till: the card was paid when sold.
    const pricingLines = lines.map((l, i) => ({
      key: String(i), productId: l.productId, name: products[i]!.name, unitPriceFen: l.countCardId !== null ? 0 : (weighed[i]?.lineFen ?? products[i]!.priceFen), qty: l.qty,
      pointsPct: products[i]!.pointsPct, priceOverrideFen: l.priceOverrideFen, discount: l.discount, categoryId: products[i]!.categoryId, weighed: weighed[i] !== null,
    }));
    let deduction = 0;
    let pointsSpent = 0;
    const linesTotal = priceCart(pricingLines, { ...pricing, rounding: 'none' }).totalFen;
    const couponsApplied = couponCodes.length > 0 ? coupons.apply(couponCodes, memberId, linesTotal) : { totalFen: 0, uses: [] };
    if (redeemPoints > 0) {
      if (memberId === null) throw new DomainError('rule_violation', { rule: 'points_need_member' }, 'errors.points_need_member');
      const usable = points.usable(memberId);
      const cap = maxPointsDeduction(linesTotal - couponsApplied.totalFen, usable, { pointsPerYuan: rr.redeemPointsPerYuan, maxSharePct: rr.redeemMaxSharePct });
      deduction = pointsToFen(redeemPoints, rr.redeemPointsPerYuan);
      if (redeemPoints > usable || deduction > cap) {
        throw new DomainError('rule_violation', { rule: 'points_over_limit', usable, maxDeductionFen: cap }, 'errors.points_over_limit');
      }
      pointsSpent = fenToPoints(deduction, rr.redeemPointsPerYuan);
    }
    const cart = priceCart(pricingLines, pricing, { couponFen: couponsApplied.totalFen, pointsDeductionFen: deduction });
    return { cart, products, pricing, pointsSpent, couponUses: couponsApplied.uses, weighed, checkoutRules: r, rewards: rr };
  }

  /** Mark-downs beyond the cashier's limit need a manager's PIN, typed at the till. */
  async function checkApproval(cart: PricedCart, session: Session, approval: CommitInput['approval'], limit: number): Promise<number | null> {
    const needs = cart.lines.some((l) => cashierMarkdownPct(l) > limit + 1e-9);
    if (!needs || roleAllows(session.role, 'manager')) return null;
    if (!approval) throw new DomainError('forbidden', { rule: 'approval_required', limitPct: limit }, 'errors.approval_required');
    const approver = await staff.verify(approval.staffId, approval.pin);
    if (!roleAllows(approver.role, 'manager')) throw new DomainError('forbidden', { rule: 'approver_not_manager' }, 'errors.approver_not_manager');
    return approver.id;
  }

  /** 推荐有礼: the referrer's bonus, once, when the member they brought completes a first purchase. */
  function referralBonus(memberId: number, saleId: number, bonus: number): void {
    if (bonus <= 0) return;
    const m = referralOf.get(memberId);
    if (!m?.referrer_id || m.sales_count !== 1) return;
    const referrer = memberStatus.get(m.referrer_id);
    if (referrer?.status !== 'active' && referrer?.status !== 'frozen') return;
    points.post(m.referrer_id, bonus, 'referral', { saleId, note: `#${memberId}` });
  }

  function checkPayments(total: number, payments: CommitInput['payments']) {
    const paid = payments.reduce((s, p) => s + p.amountFen, 0);
    if (paid !== total) throw new DomainError('rule_violation', { rule: 'payments_must_equal_total', totalFen: total, paidFen: paid }, 'errors.payments_mismatch');
    if (payments.filter((p) => p.method === 'cash').length > 1) throw new DomainError('bad_input', { field: 'payments', rule: 'one_cash_entry' });
    for (const p of payments) {
      if (!TILL_METHODS.has(p.method)) throw new DomainError('rule_violation', { rule: 'method_unavailable', method: p.method }, 'errors.method_unavailable');
      if (p.method !== 'cash' && p.tenderedFen !== null) throw new DomainError('bad_input', { field: 'payments', rule: 'tendered_cash_only' });
      if (p.method === 'cash' && p.tenderedFen !== null && p.tenderedFen < p.amountFen) {
        throw new DomainError('rule_violation', { rule: 'tendered_too_little', amountFen: p.amountFen, tenderedFen: p.tenderedFen }, 'errors.tendered_too_little');
      }
    }
  }

  return {
    price,

    /**
     * A sale of one line that is not a product (会费: a tier's fee): revenue, in the shift,
     * printed like any sale. `after` runs inside the same transaction with the new sale id.
     */
    commitFee(input: { clientRef: string; memberId: number; name: string; amountFen: number; method: PaymentMethod; tenderedFen: number | null }, session: Session, after: (saleId: number) => void): { sale: Sale; changeFen: number } {
      const done = sales.idForClientRef(input.clientRef);
      if (done !== null) return { sale: sales.get(done), changeFen: 0 };
      const payments = [{ method: input.method, amountFen: input.amountFen, tenderedFen: input.tenderedFen }];
      checkPayments(input.amountFen, payments);
      const result = db.transaction(() => {
        const shiftId = shifts.requireOpen();
        const now = clock.now();
        const businessDate = localDate(now);
        const saleId = Number(insertSale.run({
          receiptNo: nextReceiptNo(businessDate), kind: 'sale', refundOf: null, businessDate, soldAt: localDateTime(now), memberId: input.memberId,
          staffId: session.staffId, shiftId, subtotal: input.amountFen, discount: 0, rounding: 0, total: input.amountFen, clientRef: input.clientRef, points: 0,
        }).lastInsertRowid);
        insertLine.run({ saleId, lineNo: 1, productId: null, name: input.name, barcode: null, qty: 1, unitPrice: input.amountFen, discount: 0, total: input.amountFen, refundOfLine: null, countCardId: null });
        const tendered = input.method === 'cash' ? (input.tenderedFen ?? input.amountFen) : null;
        insertPayment.run(saleId, input.method, input.amountFen, tendered, tendered === null ? null : tendered - input.amountFen);
        after(saleId);
        enqueuePrint(saleId, true, input.method === 'cash');
        return { saleId, change: tendered === null ? 0 : tendered - input.amountFen };
      })();
      void print.kick();
      return { sale: sales.get(result.saleId), changeFen: result.change };
    },

    async commit(input: CommitInput, session: Session): Promise<{ sale: Sale; changeFen: number; printJobId: number | null; upgradedTo: string | null; belowZero: number[] }> {
      const done = sales.idForClientRef(input.clientRef);
      if (done !== null) {
        const sale = sales.get(done);
        return { sale, changeFen: sale.payments.reduce((s, p) => s + (p.changeFen ?? 0), 0), printJobId: null, upgradedTo: null, belowZero: [] };
      }
      const { cart, products, pricing, pointsSpent, couponUses, weighed, checkoutRules, rewards } = price(input.lines, input.memberId, input.redeemPoints, input.couponCodes);
      if (cart.totalFen !== input.expectedTotalFen) {
        throw new DomainError('conflict', { rule: 'price_changed', totalFen: cart.totalFen, expectedTotalFen: input.expectedTotalFen }, 'errors.price_changed');
      }
      checkPayments(cart.totalFen, input.payments);
      if (input.payments.some((p) => p.method === 'stored_value') && input.memberId === null) {
        throw new DomainError('rule_violation', { rule: 'stored_value_needs_member' }, 'errors.stored_value_needs_member');
      }
      paymentCodes.check(input.payments.map((p) => ({ method: p.method, code: p.code ?? null })));
      const approver = await checkApproval(cart, session, input.approval, checkoutRules.maxCashierDiscountPct);
      const cardUses = new Map<number, number>();
      for (const l of input.lines) if (l.countCardId !== null) cardUses.set(l.countCardId, (cardUses.get(l.countCardId) ?? 0) + l.qty);
      const pass = await spends.check({
        clientRef: input.clientRef, memberId: input.memberId, points: pointsSpent, couponIds: couponUses.map((c) => c.couponId),
        storedValueFen: input.payments.filter((p) => p.method === 'stored_value').reduce((s, p) => s + p.amountFen, 0),
        countCardUses: [...cardUses].map(([cardId, uses]) => ({ cardId, uses })),
      });

      let result;
      try {
        result = db.transaction(() => {
          // Re-checked inside the transaction: the hash above yielded the event loop.
          if (sales.idForClientRef(input.clientRef) !== null) return { saleId: sales.idForClientRef(input.clientRef)!, jobId: null, change: 0, upgradedTo: null, belowZero: [] as number[] };
          const shiftId = shifts.requireOpen();
          const now = clock.now();
          const businessDate = localDate(now);
          // Points are earned on what was paid by cash, card or phone: not on points, coupons or stored value.
          const paidBase = input.payments.filter((p) => p.method !== 'stored_value').reduce((s, p) => s + p.amountFen, 0);
          const earned = input.memberId !== null ? pointsFor(cart.lines, paidBase, pricing) : 0;
          const saleId = Number(insertSale.run({
            receiptNo: nextReceiptNo(businessDate), kind: 'sale', refundOf: null, businessDate, soldAt: localDateTime(now),
            memberId: input.memberId, staffId: session.staffId, shiftId, subtotal: cart.subtotalFen, discount: cart.discountFen,
            rounding: cart.roundingFen, total: cart.totalFen, clientRef: input.clientRef, points: earned,
          }).lastInsertRowid);
          for (const p of input.payments) if (p.method === 'stored_value') storedValue.pay(input.memberId!, p.amountFen, saleId, session.staffId);
          coupons.recordUses(couponUses, saleId);
          if (input.memberId !== null) {
            points.redeem(input.memberId, pointsSpent, saleId, session.staffId);
            points.post(input.memberId, earned, 'earn', { saleId, staffId: session.staffId });
            referralBonus(input.memberId, saleId, rewards.referralBonus);
          }
          const lineIds = cart.lines.map((l, i) => Number(insertLine.run({
            saleId, lineNo: i + 1, productId: l.productId, name: l.name, barcode: products[i]!.barcodes[0] ?? null, qty: l.qty,
            unitPrice: l.unitPriceFen, discount: l.lineDiscountFen + l.promoDiscountFen + l.memberDiscountFen, total: l.totalFen, refundOfLine: null,
            countCardId: input.lines[i]!.countCardId,
          }).lastInsertRowid));
          weighed.forEach((w, i) => { if (w) weighing.weights.sold(lineIds[i]!, w); });
          paymentCodes.record(saleId, shiftId, input.payments.map((p) => ({ method: p.method, amountFen: p.amountFen, code: p.code ?? null })), localDateTime(now));
          promotions.record(saleId, cart.promotions, new Map(cart.lines.map((l, i) => [l.key, i + 1])));
          countCards.afterSale(saleId, input.memberId, session.staffId, cart.lines.map((l, i) => ({ lineId: lineIds[i]!, productId: l.productId, qty: l.qty, countCardId: input.lines[i]!.countCardId })));
          // Selling below zero is allowed (the goods are in the customer's hand): the move is flagged and the till told.
          const belowZero = stock.afterSale(saleId, session.staffId, localDateTime(now), cart.lines.map((l, i) => ({ lineId: lineIds[i]!, productId: l.productId, qty: l.qty, grams: weighed[i]?.grams ?? null })));
          let change = 0;
          for (const p of input.payments) {
            const tendered = p.method === 'cash' ? (p.tenderedFen ?? p.amountFen) : null;
            const c = tendered === null ? null : tendered - p.amountFen;
            change += c ?? 0;
            insertPayment.run(saleId, p.method, p.amountFen, tendered, c);
          }
          // Crossing a tier threshold upgrades the member at once, in the sale's transaction.
          const upgradedTo = input.memberId !== null ? tiers.afterSale(input.memberId, saleId) : null;
          if (approver !== null) {
            audit.record({ staffId: approver, action: 'sales.approveMarkdown', entity: 'sale', entityId: saleId, details: { cashier: session.staffId, discountFen: cart.lineDiscountFen } });
          }
          spends.record(pass, saleId);
          const jobId = enqueuePrint(saleId, input.print, input.payments.some((p) => p.method === 'cash'));
          return { saleId, jobId, change, upgradedTo: upgradedTo?.name ?? null, belowZero };
        })();
      } catch (err) {
        spends.release(pass);
        throw err;
      }
      print.kick();
      return { sale: sales.get(result.saleId), changeFen: result.change, printJobId: result.jobId, upgradedTo: result.upgradedTo, belowZero: result.belowZero };
    },

    /**
     * What refunding `lines` pays back, by the cumulative rule in shared/refunds.ts: partial
     * refunds can never add up to more than was paid.
     */
    quoteRefund(saleId: number, lines: RefundInput['lines']) {
      const sale = sales.get(saleId);
      if (sale.kind !== 'sale') throw new DomainError('rule_violation', { rule: 'not_a_sale' }, 'errors.refund_not_a_sale');
      const byId = new Map(sale.lines.map((l) => [l.id, l]));
      const want = new Map<number, number>();
      for (const r of lines) {
        const line = byId.get(r.lineId);
        if (!line) throw new DomainError('not_found', { entity: 'sale_line', id: r.lineId });
        // A weighed line is refunded by weight (grams), by the same cumulative rule.
        want.set(r.lineId, (want.get(r.lineId) ?? 0) + (line.weighed ? (r.grams ?? line.weighed.refundableGrams) : r.qty));
      }
      for (const [lineId, qty] of want) {
        const line = byId.get(lineId)!;
        if (line.weighed) { weighedRefund.check(line, qty); continue; }
        if (qty > line.refundableQty) throw new DomainError('rule_violation', { rule: 'refund_qty_exceeded', lineId, refundableQty: line.refundableQty }, 'errors.refund_qty_exceeded');
      }
      const redeemed = sale.memberId === null ? 0 : pointsRedeemedBy(sale.id);
      const { lineAmounts, amountFen, pointsReversed, pointsReturned } = quoteRefundAmounts(
        sale.lines.map((l) => weighedRefund.refundable(l) ?? { id: l.id, qty: l.qty, totalFen: l.totalFen, refundedQty: l.qty - l.refundableQty }), want,
        { totalFen: sale.totalFen, refundedFen: sale.refundedFen, pointsEarned: sale.pointsEarned, pointsRedeemed: redeemed });
      return { sale, want, lineAmounts, amountFen, pointsReversed, pointsReturned };
    },

    async refund(input: RefundInput, session: Session): Promise<{ refund: Sale; printJobId: number | null }> {
      const done = sales.idForClientRef(input.clientRef);
      if (done !== null) return { refund: sales.get(done), printJobId: null };
      const result = db.transaction(() => {
        const { sale, want, lineAmounts, amountFen, pointsReversed, pointsReturned } = this.quoteRefund(input.saleId, input.lines);
        const paid = input.payments.reduce((s, p) => s + p.amountFen, 0);
        if (paid !== amountFen) throw new DomainError('rule_violation', { rule: 'payments_must_equal_total', totalFen: amountFen, paidFen: paid }, 'errors.payments_mismatch');
        for (const p of input.payments) {
          if (!TILL_METHODS.has(p.method)) throw new DomainError('rule_violation', { rule: 'method_unavailable', method: p.method }, 'errors.method_unavailable');
        }
        const shiftId = shifts.requireOpen();
        const now = clock.now();
        const businessDate = localDate(now);
        const linesValue = [...lineAmounts.values()].reduce((s, v) => s + v, 0);
        const refundId = Number(insertSale.run({
          receiptNo: nextReceiptNo(businessDate), kind: 'refund', refundOf: sale.id, businessDate, soldAt: localDateTime(now),
          memberId: sale.memberId, staffId: session.staffId, shiftId, subtotal: -linesValue, discount: 0,
          rounding: amountFen - linesValue, total: -amountFen, clientRef: input.clientRef,
          points: -pointsReversed,
        }).lastInsertRowid);
        if (sale.memberId !== null) {
          // May take the balance below zero if the member already spent them: see rewards/fifo.ts.
          points.post(sale.memberId, -pointsReversed, 'refund_reverse', { saleId: refundId, staffId: session.staffId });
          points.post(sale.memberId, pointsReturned, 'refund_return', { saleId: refundId, staffId: session.staffId });
        }
        let lineNo = 0;
        const stockLines: Array<{ lineId: number; originalLineId: number; originalQty: number; qty: number }> = [];
        for (const l of sale.lines) {
          const qty = want.get(l.id);
          if (!qty) continue;
          const refundLineId = Number(insertLine.run({
            saleId: refundId, lineNo: ++lineNo, productId: l.productId, name: l.name, barcode: l.barcode, qty: -(l.weighed ? weighedRefund.units(l, qty) : qty),
            unitPrice: l.unitPriceFen, discount: 0, total: -(lineAmounts.get(l.id) ?? 0), refundOfLine: l.id, countCardId: null,
          }).lastInsertRowid);
          if (l.weighed) weighing.weights.refunded(refundLineId, l.weighed, qty);
          stockLines.push({ lineId: refundLineId, originalLineId: l.id, originalQty: l.weighed ? l.weighed.grams : l.qty, qty });
        }
        stock.afterRefund(refundId, session.staffId, localDateTime(now), stockLines);
        countCards.afterRefund(refundId, session.staffId, [...want].filter(([lineId]) => !sale.lines.find((x) => x.id === lineId)?.weighed).map(([lineId, qty]) => ({ originalLineId: lineId, qty, countCardId: lineCard.get(lineId)!.count_card_id })));
        for (const p of input.payments) {
          insertPayment.run(refundId, p.method, -p.amountFen, null, null);
          // Money paid from a balance goes back to it, principal and bonus as the sale took them.
          if (p.method === 'stored_value') {
            if (sale.memberId === null) throw new DomainError('rule_violation', { rule: 'stored_value_needs_member' }, 'errors.stored_value_needs_member');
            storedValue.refund(sale.memberId, sale.id, refundId, p.amountFen, session.staffId);
          }
        }
        audit.record({
          staffId: session.staffId, action: 'sales.refund', entity: 'sale', entityId: sale.id,
          details: { refundId, amountFen, lines: input.lines, payments: input.payments, reason: input.reason },
        });
        const jobId = enqueuePrint(refundId, input.print, input.payments.some((p) => p.method === 'cash'));
        return { refundId, jobId };
      })();
      print.kick();
      return { refund: sales.get(result.refundId), printJobId: result.jobId };
    },
  };
}
export type CheckoutService = ReturnType<typeof createCheckoutService>;

