import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberCard } from '../../../../shared/contract/members.js';
import type { Sale } from '../../../../shared/contract/checkout.js';
import { invoke } from '../../api/client.js';
import { focusLater } from '../../components/focus.js';
import { notifyError, notifySuccess } from '../../stores/notices.js';
import type { LineTerms } from './LineEditDialog.js';
import { MEMBER_INPUT_ID } from './MemberPanel.js';
import { linesFromHeld, needsApproval, toCartInput, type PricedSale } from './model/cart.js';
import { weighedOfHeld } from '../weighing/held-lines.js';
import type { SplitPlan } from './model/split.js';
import { isStorageError, outcomeUnclear, pendingSale } from './pending-sale.js';
import { SEARCH_INPUT_ID } from './ProductSearch.js';
import { useSaleSafety } from './SaleSafety.js';
import { SHIFT_FLOAT_ID } from './ShiftDialogs.js';
import { useCart, useTill, type Approval, type PointsInfo } from './store.js';
import { isApprovalError, loadTill, overlayOpen, pointsOf, productsById, reprice, type Refuse, type SetDialog } from './till-data.js';

export interface ApprovalAsk {
  reason: string;
  then: (a: Approval) => void;
}

/**
 * The sale's way to the core: checks before the payment dialog (a cart, an open shift,
 * coupons' minimum spends, a member for a count-card package, a manager for a discount
 * beyond the cashier's limit), the commit with one clientRef per attempt (so a lost answer is
 * retried safely) and its refusals, holding and resuming an order, and line terms that need
 * a manager's approval.
 */
export function useSaleFlow(d: {
  sale: PricedSale | null; isManager: boolean; money: (fen: number) => string; refuse: Refuse; setDialog: SetDialog;
  applyCoupon: (code: string) => Promise<'ok' | 'refused' | 'unknown'>;
}) {
  const { sale, isManager, money, refuse, setDialog, applyCoupon } = d;
  const { t } = useTranslation();
  const till = useTill();
  const [ask, setAsk] = useState<ApprovalAsk | null>(null);
  const [busy, setBusy] = useState(false);
  const attempt = useRef<string | null>(null);
  const safety = useSaleSafety(useCallback((found: Sale) => {
    attempt.current = null;
    useCart.getState().completed({ sale: found, changeFen: found.payments.reduce((n, p) => n + (p.changeFen ?? 0), 0), printJobId: null, upgradedTo: null, memberName: null });
  }, []));

  const askApproval = (reason: string, then: (a: Approval) => void) => setAsk({ reason, then });

  const startPay = () => {
    if (overlayOpen()) return;
    const { lines, approval } = useCart.getState();
    if (lines.length === 0 || !sale) {
      notifyError({ code: 'rule_violation', messageKey: 'checkout.pay.emptyCart' });
      return focusLater(SEARCH_INPUT_ID);
    }
    if (till.shift === null) {
      notifyError({ code: 'rule_violation', messageKey: 'errors.no_open_shift' });
      return focusLater(SHIFT_FLOAT_ID);
    }
    const short = sale.coupons.find((c) => c.short);
    if (short) {
      return refuse({ code: 'rule_violation', messageKey: 'checkout.coupon.shortPay', details: { name: short.coupon.name, min: money(short.coupon.minSpendFen) } });
    }
    if (!useCart.getState().member && lines.some((l) => till.cardTypes.some((ty) => ty.packageProductId === l.product.id))) {
      refuse({ code: 'rule_violation', messageKey: 'errors.count_card_needs_member' });
      return focusLater(MEMBER_INPUT_ID);
    }
    if (!isManager && !approval && till.rules && needsApproval(sale.cart, till.rules.maxCashierDiscountPct)) {
      return askApproval(t('checkout.approval.reason', { pct: till.rules.maxCashierDiscountPct }), (a) => {
        useCart.getState().setApproval(a);
        setDialog({ kind: 'pay' });
      });
    }
    // A sale still waiting for a clear answer is retried under its own clientRef.
    attempt.current = pendingSale.get()?.clientRef ?? null;
    setDialog({ kind: 'pay' });
  };

  const pay = async (plan: SplitPlan) => {
    if (busy || !sale) return;
    const { lines, member, approval } = useCart.getState();
    attempt.current ??= pendingSale.begin(sale.cart.totalFen).clientRef;
    setBusy(true);
    const r = await invoke(
      'sales.commit',
      {
        clientRef: attempt.current,
        lines: toCartInput(lines),
        memberId: member?.id ?? null,
        payments: plan.payments,
        expectedTotalFen: sale.cart.totalFen,
        approval: approval ? { staffId: approval.staffId, pin: approval.pin } : null,
        print: true,
        redeemPoints: sale.redeemPoints,
        couponCodes: useCart.getState().coupons.map((c) => c.code),
      },
      { quiet: true },
    );
    setBusy(false);
    if (r.ok) {
      attempt.current = null;
      pendingSale.clear();
      safety.dismiss();
      useCart.getState().completed({ ...r.value, memberName: member ? member.name || member.maskedPhone : null });
      setDialog(null);
      return;
    }
    const e = r.error;
    // A full disk or a failing drive: shown large on the page, and checked with the core.
    if (isStorageError(e)) {
      setDialog(null);
      if (!outcomeUnclear(e)) attempt.current = null;
      return void safety.report(e);
    }
    // A lost answer may still have been a sale: the same clientRef makes a retry safe.
    if (outcomeUnclear(e)) return notifyError(e);
    attempt.current = null;
    pendingSale.clear();
    if (e.details?.rule === 'price_changed') {
      setDialog(null);
      await reprice();
      const total = typeof e.details.totalFen === 'number' ? e.details.totalFen : null;
      notifyError({ code: 'conflict', messageKey: 'checkout.pay.priceChanged', details: { was: money(sale.cart.totalFen), now: total === null ? '' : money(total) } });
      return focusLater(SEARCH_INPUT_ID);
    }
    if (isApprovalError(e)) {
      useCart.getState().setApproval(null);
      notifyError(e);
      return askApproval(t('checkout.approval.reason', { pct: till.rules?.maxCashierDiscountPct ?? 0 }), (a) => {
        useCart.getState().setApproval(a);
      });
    }
    notifyError(e);
    if (e.messageKey === 'errors.no_open_shift') {
      setDialog(null);
      await loadTill();
      focusLater(SHIFT_FLOAT_ID);
    } else if (e.messageKey === 'errors.points_over_limit' && member) {
      useCart.setState({ points: await pointsOf(member.id) });
    }
  };

  const hold = async (label: string) => {
    const { lines, member, coupons, redeemWant } = useCart.getState();
    setBusy(true);
    const cart = { lines: toCartInput(lines), memberId: member?.id ?? null, coupons: coupons.map((c) => c.code), redeemPoints: redeemWant };
    const r = await invoke('held.hold', { label, cart });
    setBusy(false);
    if (!r.ok) return;
    useCart.getState().clear();
    useTill.getState().set({ heldCount: useTill.getState().heldCount + 1 });
    setDialog(null);
    notifySuccess('checkout.held.held', { label: r.value.label });
  };

  const resume = async (id: number) => {
    if (useCart.getState().lines.length > 0) {
      notifyError({ code: 'rule_violation', messageKey: 'checkout.held.cartBusy' });
      return;
    }
    const r = await invoke('held.resume', { id });
    if (!r.ok) return;
    const lines = linesFromHeld(r.value.lines, await productsById(r.value.lines.map((l) => l.productId)), await weighedOfHeld(r.value.lines));
    let member: MemberCard | null = null;
    let points: PointsInfo | null = null;
    if (r.value.memberId !== null) {
      const m = await invoke('members.card', { id: r.value.memberId }, { quiet: true });
      if (m.ok) {
        member = m.value;
        points = await pointsOf(m.value.id);
      }
    }
    useCart.getState().load(lines, member, points);
    useTill.getState().set({ heldCount: Math.max(0, useTill.getState().heldCount - 1) });
    setDialog(null);
    if (lines.length < r.value.lines.length) notifyError({ code: 'not_found', messageKey: 'checkout.held.missing' });
    notifySuccess('checkout.held.resumed', { lines: lines.length });
    focusLater(SEARCH_INPUT_ID);
    // The held coupons are checked again against the re-priced cart: one used or expired
    // meanwhile is refused with its reason, like a fresh scan. Points are capped again on screen.
    for (const code of r.value.coupons) await applyCoupon(code);
    if (member && r.value.redeemPoints > 0) useCart.getState().setRedeem(r.value.redeemPoints);
  };

  const saveLine = (key: string, terms: LineTerms, beyond: boolean) => {
    const apply = () => {
      const c = useCart.getState();
      c.setQty(key, terms.qty);
      c.setTerms(key, terms.priceOverrideFen, terms.discount);
      c.select(key);
      setDialog(null);
    };
    if (beyond && !isManager && !useCart.getState().approval) {
      askApproval(t('checkout.approval.reason', { pct: till.rules?.maxCashierDiscountPct ?? 0 }), (a) => {
        useCart.getState().setApproval(a);
        apply();
      });
      return;
    }
    apply();
  };

  return { ask, setAsk, busy, safety, startPay, pay, hold, resume, saveLine };
}
export type SaleFlow = ReturnType<typeof useSaleFlow>;
