import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../../shared/contract/catalogue.js';
import type { MemberCard } from '../../../../shared/contract/members.js';
import type { MemberCountCard } from '../../../../shared/contract/count-cards.js';
import type { Coupon } from '../../../../shared/contract/coupons.js';
import type { AppError } from '../../../../shared/errors.js';
import type { Sale } from '../../../../shared/contract/checkout.js';
import { roleAllows } from '../../../../shared/roles.js';
import { invoke } from '../../api/client.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Modal } from '../../components/Modal.js';
import { PAGE_HEADING_ID, focusLater, isTypingTarget } from '../../components/focus.js';
import { usePosEvent } from '../../hooks/usePosEvent.js';
import { insertText, useWedgeScanner } from '../../hooks/useWedgeScanner.js';
import { formatTime } from '../../i18n/format.js';
import { notifyError, notifySuccess } from '../../stores/notices.js';
import { useOverlays } from '../../stores/overlays.js';
import { useSession } from '../../stores/session.js';
import { ApprovalDialog } from './ApprovalDialog.js';
import { CartTable } from './CartTable.js';
import { CountCardsDialog } from './CountCardsDialog.js';
import { CouponsDialog } from './CouponsDialog.js';
import { EnrolDialog } from './EnrolDialog.js';
import { HoldDialog, ResumeDialog } from './HeldDialogs.js';
import { LastSalePanel } from './LastSalePanel.js';
import { LineEditDialog, type LineTerms } from './LineEditDialog.js';
import { MEMBER_INPUT_ID, MemberPanel } from './MemberPanel.js';
import { PaymentDialog } from './PaymentDialog.js';
import { PointsDialog } from './PointsDialog.js';
import { ProductSearch, SEARCH_INPUT_ID, type CartKey } from './ProductSearch.js';
import { ReceiptPreviewDialog } from './ReceiptPreviewDialog.js';
import { RefundDialog } from './RefundDialog.js';
import { CloseShiftDialog, OpenShiftCard, SHIFT_FLOAT_ID } from './ShiftDialogs.js';
import { TopUpDialog } from './TopUpDialog.js';
import { TotalsPanel } from './TotalsPanel.js';
import { cardUsesInCart, linesFromHeld, needsApproval, priceSale, toCartInput } from './model/cart.js';
import type { AppliedCoupon } from './model/coupons.js';
import { TILL_ALT_KEYS, type TillAltAction } from './shortcuts.js';
import type { SplitPlan } from './model/split.js';
import { isCouponCode, isMemberCardCode, isReceiptCode, routeScan, useScanHandler } from './scan-router.js';
import { PrintRoot, printReceiptInPage } from './print.js';
import { useCart, useTill, type Approval, type PointsInfo } from './store.js';
import { useMoney } from './format.js';
import { isStorageError, outcomeUnclear, pendingSale } from './pending-sale.js';
import { StorageAlert, useSaleSafety } from './SaleSafety.js';
import './checkout.css';
import { promotionSnapshotNow, usePromotionSnapshot } from '../promotions/till-promotions.js';

type Dialog =
  | { kind: 'line'; key: string; focus: 'qty' | 'terms' }
  | { kind: 'pay' }
  | { kind: 'hold' }
  | { kind: 'resume' }
  | { kind: 'refund'; receipt: string }
  | { kind: 'closeShift' }
  | { kind: 'enrol'; phone: string }
  | { kind: 'points' }
  | { kind: 'coupons' }
  | { kind: 'cards' }
  | { kind: 'topup' }
  | { kind: 'preview'; saleId: number; receiptNo: string }
  | { kind: 'clear' };

interface ApprovalAsk {
  reason: string;
  then: (a: Approval) => void;
}

const overlayOpen = () => useOverlays.getState().stack.length > 0;

/**
 * The cart's lines total now (member prices, before coupons and points: what a coupon's
 * minimum spend is judged on), read from the stores rather than the last render, so a cart
 * replaced a moment ago (a resumed order) is judged as it is.
 */
function linesTotalNow(): number {
  const { lines, member } = useCart.getState();
  const { rules, rewards } = useTill.getState();
  return rules ? priceSale(lines, { rules, rewards, member, today: new Date(), promotions: promotionSnapshotNow() }, 0, 0).linesTotalFen : 0;
}
const isApprovalError = (e: AppError) =>
  e.code === 'wrong_pin' || e.code === 'account_locked' || e.messageKey === 'errors.approval_required' || e.messageKey === 'errors.approver_not_manager';

async function loadTill(): Promise<void> {
  const [rules, rewards, devices, shift, held, cardTypes] = await Promise.all([
    invoke('checkout.rules', {}),
    invoke('rewards.rules', {}, { quiet: true }),
    invoke('devices.config', {}, { quiet: true }),
    invoke('shifts.current', {}),
    invoke('held.list', {}, { quiet: true }),
    invoke('countCards.types', {}, { quiet: true }),
  ]);
  useTill.getState().set({
    ...(rules.ok ? { rules: rules.value } : {}),
    ...(rewards.ok ? { rewards: rewards.value } : {}),
    ...(devices.ok ? { devices: devices.value } : {}),
    ...(shift.ok ? { shift: shift.value } : {}),
    ...(held.ok ? { heldCount: held.value.length } : {}),
    ...(cardTypes.ok ? { cardTypes: cardTypes.value } : {}),
  });
}

async function pointsOf(memberId: number): Promise<PointsInfo | null> {
  const r = await invoke('points.summary', { memberId }, { quiet: true });
  return r.ok ? r.value : null;
}

/** What the till keeps of a coupon the core accepted. */
const appliedCoupon = (c: Coupon): AppliedCoupon => ({ code: c.code, name: c.name, kind: c.kind, value: c.value, minSpendFen: c.minSpendFen, memberId: c.memberId, validTo: c.validTo });

/** The coupon refusals the till words itself, with amounts and dates readable (the core's keys carry fen). */
const COUPON_REFUSALS: Record<string, string> = {
  'errors.coupon_not_found': 'checkout.coupon.refused.not_found',
  'errors.coupon_used': 'checkout.coupon.refused.used',
  'errors.coupon_expired': 'checkout.coupon.refused.expired',
  'errors.coupon_not_yet_valid': 'checkout.coupon.refused.not_yet_valid',
  'errors.coupon_other_member': 'checkout.coupon.refused.other_member',
  'errors.coupon_min_spend': 'checkout.coupon.refused.min_spend',
};

/**
 * 收银: the cashier's main screen. Scan or search to add, the cart with its lines, the
 * member, the totals with 应收 in large type, and payment — all from the keyboard: F8 member,
 * F9 hold, F10 resume, F12 (or Enter on an empty search) pay; a keyboard-wedge scanner works
 * wherever focus is and a serial scanner through the core's `scanner.code` events.
 */
export function CheckoutPage() {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const staff = useSession((s) => s.staff);
  const locked = useSession((s) => s.locked);
  const role = staff?.role ?? 'cashier';
  const isManager = roleAllows(role, 'manager');
  const cart = useCart();
  const till = useTill();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [ask, setAsk] = useState<ApprovalAsk | null>(null);
  const [busy, setBusy] = useState(false);
  const [flash, setFlash] = useState(false);
  const attempt = useRef<string | null>(null);
  const safety = useSaleSafety(useCallback((found: Sale) => {
    attempt.current = null;
    useCart.getState().completed({ sale: found, changeFen: found.payments.reduce((n, p) => n + (p.changeFen ?? 0), 0), printJobId: null, upgradedTo: null, memberName: null });
  }, []));
  const flashTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    void loadTill();
    return () => clearTimeout(flashTimer.current);
  }, []);

  const printerSet = (till.devices?.printer.type ?? 'none') !== 'none';
  const promotions = usePromotionSnapshot(cart.member?.id ?? null);
  const sale = useMemo(() => {
    if (!till.rules) return null;
    return priceSale(cart.lines, { rules: till.rules, rewards: till.rewards, member: cart.member, today: new Date(), promotions }, cart.redeemWant, cart.points?.usable ?? 0, cart.coupons);
  }, [cart.lines, cart.member, cart.redeemWant, cart.points, cart.coupons, till.rules, till.rewards, promotions]);
  const memberId = cart.member?.id ?? null;
  const [couponCount, setCouponCount] = useState<number | null>(null);
  const itemCount = cart.lines.reduce((n, l) => n + l.qty, 0);

  // After a sale (and whenever the last sale panel appears), the next scan or search starts at once.
  useEffect(() => {
    if (cart.lastSale) focusLater(SEARCH_INPUT_ID);
  }, [cart.lastSale]);

  const refuse = useCallback((error: AppError) => {
    notifyError(error);
    setFlash(true);
    clearTimeout(flashTimer.current);
    flashTimer.current = setTimeout(() => setFlash(false), 900);
  }, []);

  const attachMember = useCallback(async (m: MemberCard) => {
    if (m.status !== 'active') {
      refuse({ code: 'rule_violation', messageKey: 'errors.member_not_active' });
      return;
    }
    useCart.getState().setMember(m, null);
    focusLater(SEARCH_INPUT_ID);
    const points = await pointsOf(m.id);
    if (useCart.getState().member?.id === m.id) useCart.setState({ points });
  }, [refuse]);

  /** The attached member's count cards and usable coupons, read when the member changes and after a top-up. */
  const loadMemberExtras = useCallback(async (id: number) => {
    const [cards, coupons] = await Promise.all([invoke('countCards.forMember', { memberId: id }, { quiet: true }), invoke('coupons.forMember', { memberId: id }, { quiet: true })]);
    if (useCart.getState().member?.id !== id) return;
    if (cards.ok) useCart.setState({ cards: cards.value });
    setCouponCount(coupons.ok ? coupons.value.filter((c) => c.status === 'valid').length : null);
  }, []);
  useEffect(() => {
    setCouponCount(null);
    if (memberId !== null) void loadMemberExtras(memberId);
  }, [memberId, loadMemberExtras]);

  /**
   * 优惠券: the core checks the code against this cart (validity, use, owner, minimum spend);
   * an accepted coupon goes on the sale, a refused one is explained. 'unknown' = no such coupon.
   */
  const applyCoupon = useCallback(async (code: string, quietUnknown = false): Promise<'ok' | 'refused' | 'unknown'> => {
    const { member, coupons } = useCart.getState();
    if (coupons.some((c) => c.code === code)) {
      refuse({ code: 'conflict', messageKey: 'checkout.coupon.already' });
      return 'refused';
    }
    if (coupons.length >= 5) {
      refuse({ code: 'rule_violation', messageKey: 'checkout.coupon.tooMany' });
      return 'refused';
    }
    const r = await invoke('coupons.check', { code, memberId: member?.id ?? null, linesTotalFen: linesTotalNow() }, { quiet: true });
    if (!r.ok) {
      const e = r.error;
      if (quietUnknown && e.messageKey === 'errors.coupon_not_found') return 'unknown';
      const key = e.messageKey ? COUPON_REFUSALS[e.messageKey] : undefined;
      const d = e.details ?? {};
      refuse(key ? {
        ...e, messageKey: key, details: {
          ...d, code,
          min: typeof d.minSpendFen === 'number' ? money(d.minSpendFen) : '',
          date: typeof d.validTo === 'string' ? d.validTo : typeof d.validFrom === 'string' ? d.validFrom : '',
        },
      } : e);
      return 'refused';
    }
    useCart.getState().addCoupon(appliedCoupon(r.value.coupon));
    notifySuccess('checkout.coupon.added', { name: r.value.coupon.name, amount: money(r.value.discountFen) });
    return 'ok';
  }, [money, refuse]);

  /** 次卡: one visit of the card's service on this sale, paid by the card. */
  const addCardVisit = useCallback(async (card: MemberCountCard) => {
    if (card.remaining - cardUsesInCart(useCart.getState().lines, card.id) <= 0) {
      refuse({ code: 'rule_violation', messageKey: 'checkout.cards.noneLeft', details: { name: card.name } });
      return;
    }
    const p = await invoke('products.get', { id: card.serviceProductId });
    if (!p.ok) return;
    useCart.getState().add(p.value, 1, card.id);
    setDialog(null);
    focusLater(SEARCH_INPUT_ID);
  }, [refuse]);

  /** A count-card package on the sale: paying for it gives the attached member the card. */
  const sellCard = useCallback(async (productId: number) => {
    if (!useCart.getState().member) {
      refuse({ code: 'rule_violation', messageKey: 'errors.count_card_needs_member' });
      return;
    }
    const p = await invoke('products.get', { id: productId });
    if (!p.ok) return;
    useCart.getState().add(p.value);
    setDialog(null);
    focusLater(SEARCH_INPUT_ID);
  }, [refuse]);

  /** A scanned or typed code: a member card, a coupon, a receipt (refund), or a product's barcode / SKU. */
  const handleCode = useCallback(async (code: string, from: 'scan' | 'typed'): Promise<boolean> => {
    if (isMemberCardCode(code)) {
      const r = await invoke('members.find', { query: code, limit: 1 });
      const m = r.ok ? r.value.members[0] : undefined;
      if (m) await attachMember(m);
      else if (r.ok) refuse({ code: 'not_found', messageKey: 'checkout.scan.unknownCard', details: { code } });
      return true;
    }
    // A coupon's code applies it; a code in that range that is no coupon may still be a product.
    let unknownCoupon = false;
    if (isCouponCode(code)) {
      if ((await applyCoupon(code, true)) !== 'unknown') return true;
      unknownCoupon = true;
    }
    if (isReceiptCode(code)) {
      if (!isManager) refuse({ code: 'forbidden', messageKey: 'checkout.refund.managerOnly' });
      else setDialog({ kind: 'refund', receipt: code });
      return true;
    }
    const r = await invoke('products.byCode', { code });
    if (unknownCoupon && !(r.ok && r.value)) {
      refuse({ code: 'not_found', messageKey: COUPON_REFUSALS['errors.coupon_not_found']!, details: { code } });
      return true;
    }
    if (!r.ok) return from === 'scan';
    if (r.value) {
      if (!r.value.active) {
        refuse({ code: 'rule_violation', messageKey: 'errors.product_inactive' });
        return true;
      }
      useCart.getState().add(r.value);
      return true;
    }
    if (from === 'scan') refuse({ code: 'not_found', messageKey: 'checkout.scan.unknown', details: { code } });
    return false;
  }, [applyCoupon, attachMember, isManager, refuse]);

  // Scans reach the cart unless a dialog is open (a dialog that wants scans registers its own handler).
  useScanHandler((code) => {
    if (overlayOpen()) {
      refuse({ code: 'rule_violation', messageKey: 'checkout.scan.busy', details: { code } });
      return;
    }
    void handleCode(code, 'scan');
  });
  const wedge = till.devices?.scanner.wedge ?? null;
  useWedgeScanner(wedge, (code) => routeScan(code, 'wedge'), !locked);
  usePosEvent('scanner.code', (e) => routeScan(e.code, 'serial'), !locked);

  const openLine = (key: string | null, focus: 'qty' | 'terms') => {
    if (key && cart.lines.some((l) => l.key === key)) setDialog({ kind: 'line', key, focus });
  };

  const onCartKey = (k: CartKey) => {
    const { lines, currentKey } = useCart.getState();
    if (lines.length === 0) return;
    const i = Math.max(0, lines.findIndex((l) => l.key === currentKey));
    const current = lines[i]?.key ?? null;
    if (k === 'up' || k === 'down') useCart.getState().select(lines[Math.min(lines.length - 1, Math.max(0, i + (k === 'down' ? 1 : -1)))]!.key);
    else if (!current) return;
    else if (k === 'plus') useCart.getState().bump(current, 1);
    else if (k === 'minus') useCart.getState().bump(current, -1);
    else if (k === 'edit') openLine(current, 'qty');
    else if (k === 'remove') useCart.getState().remove(current);
  };

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

  /** Re-reads products, rules and the member after the core said the price changed. */
  const reprice = async () => {
    const { lines, member } = useCart.getState();
    const ids = [...new Set(lines.map((l) => l.product.id))];
    const products = await Promise.all(ids.map((id) => invoke('products.get', { id }, { quiet: true })));
    const byId = new Map<number, Product>();
    for (const r of products) if (r.ok) byId.set(r.value.id, r.value);
    useCart.setState({ lines: lines.filter((l) => byId.has(l.product.id)).map((l) => ({ ...l, product: byId.get(l.product.id)! })) });
    if (member) {
      const m = await invoke('members.card', { id: member.id }, { quiet: true });
      if (m.ok) useCart.setState({ member: m.value, points: await pointsOf(member.id) });
    }
    await loadTill();
  };

  /** Re-reads the attached member's card (balances) and extras, e.g. after a top-up. */
  const refreshMember = async (id: number) => {
    const m = await invoke('members.card', { id }, { quiet: true });
    if (m.ok && useCart.getState().member?.id === id) useCart.setState({ member: m.value, points: await pointsOf(id) });
    await loadMemberExtras(id);
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
    const ids = [...new Set(r.value.lines.map((l) => l.productId))];
    const found = await Promise.all(ids.map((pid) => invoke('products.get', { id: pid }, { quiet: true })));
    const products = new Map<number, Product>();
    for (const p of found) if (p.ok) products.set(p.value.id, p.value);
    const lines = linesFromHeld(r.value.lines, products);
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

  const openDrawer = async () => {
    const r = await invoke('devices.openDrawer', { reason: '' });
    if (r.ok) notifySuccess('checkout.drawer.opened');
  };

  /** Alt+P / Q / V / T: points, coupons, count cards, top-up for the attached member. */
  const rewardsKey = (action: TillAltAction) => {
    const member = useCart.getState().member;
    if (action === 'coupons') return setDialog({ kind: 'coupons' });
    if (!member) {
      refuse({ code: 'rule_violation', messageKey: `checkout.needMember.${action}` });
      return focusLater(MEMBER_INPUT_ID);
    }
    if (action === 'points') {
      if (till.rewards && useCart.getState().points && sale && sale.maxPoints > 0) setDialog({ kind: 'points' });
      else refuse({ code: 'rule_violation', messageKey: 'checkout.points.nothing' });
    } else if (action === 'cards') setDialog({ kind: 'cards' });
    else setDialog({ kind: 'topup' });
  };

  // The till's own keys. The shell's (F1–F7, Alt+1–6, Ctrl+L) and dialogs' keys are left alone.
  const keysRef = useRef({ startPay, setDialog, rewardsKey, cart: cart.lines.length });
  keysRef.current = { startPay, setDialog, rewardsKey, cart: cart.lines.length };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && !e.repeat) {
        const action = TILL_ALT_KEYS[e.code];
        if (!action) return;
        e.preventDefault();
        if (!useSession.getState().locked && !overlayOpen()) keysRef.current.rewardsKey(action);
        return;
      }
      if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      // Letters and digits typed while focus is on no text field (the heading, a button) go to the
      // search box — or, before the shift is open, digits go to the float.
      if (/^[\p{L}\p{N}]$/u.test(e.key) && !e.defaultPrevented && !isTypingTarget(e.target) && !overlayOpen() && !useSession.getState().locked) {
        const float = /^\d$/.test(e.key) ? document.getElementById(SHIFT_FLOAT_ID) : null;
        const target = float ?? document.getElementById(SEARCH_INPUT_ID);
        if (target && !(target as HTMLInputElement).disabled) {
          e.preventDefault();
          target.focus();
          insertText(target, e.key);
        }
        return;
      }
      if (e.shiftKey || !['F8', 'F9', 'F10', 'F12'].includes(e.key)) return;
      e.preventDefault();
      if (useSession.getState().locked || overlayOpen()) return;
      const k = keysRef.current;
      if (e.key === 'F8') {
        const input = document.getElementById(MEMBER_INPUT_ID) as HTMLInputElement | null;
        input?.focus();
        input?.select();
      } else if (e.key === 'F9') {
        if (k.cart === 0) notifyError({ code: 'rule_violation', messageKey: 'checkout.held.emptyCart' });
        else k.setDialog({ kind: 'hold' });
      } else if (e.key === 'F10') k.setDialog({ kind: 'resume' });
      else if (e.key === 'F12') k.startPay();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const closeDialog = () => setDialog(null);
  const lineInDialog = dialog?.kind === 'line' ? cart.lines.find((l) => l.key === dialog.key) : undefined;
  const shift = till.shift;

  return (
    <section className="page checkout" aria-labelledby={PAGE_HEADING_ID}>
      <div className="co-head">
        <PageHeading>{t('checkout.title')}</PageHeading>
        <p className={`co-shift${shift === null ? ' co-shift-none' : ''}`}>
          {shift === undefined ? null : shift === null ? (
            <span>{t('checkout.shift.none')}</span>
          ) : (
            t('checkout.shift.current', { name: shift.staffName, at: formatTime(shift.openedAt, i18n.language) })
          )}
        </p>
        <div className="co-tools" role="toolbar" aria-label={t('checkout.tools')}>
          <button type="button" className="btn btn-sm btn-outline" aria-keyshortcuts="F9" disabled={cart.lines.length === 0} onClick={() => setDialog({ kind: 'hold' })}>
            {t('checkout.held.hold')} <kbd aria-hidden="true">F9</kbd>
          </button>
          <button type="button" className="btn btn-sm btn-outline" aria-keyshortcuts="F10" onClick={() => setDialog({ kind: 'resume' })}>
            {t('checkout.held.resumeButton', { n: till.heldCount })} <kbd aria-hidden="true">F10</kbd>
          </button>
          <button type="button" className="btn btn-sm btn-outline" disabled={cart.lines.length === 0} onClick={() => setDialog({ kind: 'clear' })}>
            {t('checkout.clear.button')}
          </button>
          <button
            type="button"
            className="btn btn-sm btn-outline"
            aria-disabled={!isManager}
            aria-describedby={isManager ? undefined : 'co-refund-note'}
            onClick={() => (isManager ? setDialog({ kind: 'refund', receipt: '' }) : notifyError({ code: 'forbidden', messageKey: 'checkout.refund.managerOnly' }))}
          >
            {t('checkout.refund.button')}
          </button>
          <button type="button" className="btn btn-sm btn-outline" disabled={!shift} onClick={() => setDialog({ kind: 'closeShift' })}>
            {t('checkout.shift.closeButton')}
          </button>
          <button type="button" className="btn btn-sm btn-outline" onClick={() => void openDrawer()}>
            {t('checkout.drawer.open')}
          </button>
        </div>
        {isManager ? null : (
          <p id="co-refund-note" className="sr-only">
            {t('checkout.refund.managerOnly')}
          </p>
        )}
      </div>
      <div className="co-grid">
        <div className="co-main">
          {shift === null ? (
            <OpenShiftCard
              onOpened={() => {
                void loadTill();
                focusLater(SEARCH_INPUT_ID);
              }}
            />
          ) : null}
          {safety.trouble ? (
            <StorageAlert
              trouble={safety.trouble}
              onDismiss={() => {
                safety.dismiss();
                focusLater(SEARCH_INPUT_ID);
              }}
            />
          ) : null}
          <ProductSearch
            onPick={(p) => useCart.getState().add(p)}
            onCode={(text) => handleCode(text, 'typed')}
            onUnknown={(text) => refuse({ code: 'not_found', messageKey: 'checkout.search.nothing', details: { query: text } })}
            onEmptyEnter={startPay}
            onCartKey={onCartKey}
            flash={flash}
          />
          <CartTable
            lines={cart.lines}
            priced={sale?.cart.lines ?? []}
            currentKey={cart.currentKey}
            onSelect={(key) => useCart.getState().select(key)}
            onEdit={(key) => openLine(key, 'terms')}
            onBump={(key, d) => useCart.getState().bump(key, d)}
            onRemove={(key) => {
              useCart.getState().remove(key);
              focusLater(SEARCH_INPUT_ID);
            }}
            cardName={(id) => cart.cards?.find((c) => c.id === id)?.name ?? null}
          />
          <p className="co-keys small muted">{t('checkout.keysHint')}</p>
        </div>
        <aside className="co-side" aria-label={t('checkout.side')}>
          <div className="co-side-scroll">
            <MemberPanel
              member={cart.member}
              points={cart.points}
              redeemPoints={sale?.redeemPoints ?? 0}
              maxPoints={sale?.maxPoints ?? 0}
              canRedeem={!!till.rewards && (sale?.maxPoints ?? 0) > 0}
              onAttach={(m) => void attachMember(m)}
              onDetach={() => {
                useCart.getState().setMember(null);
                focusLater(MEMBER_INPUT_ID);
              }}
              onEnrol={(phone) => setDialog({ kind: 'enrol', phone })}
              onRedeem={() => setDialog({ kind: 'points' })}
              cards={cart.cards}
              cardUsesOnSale={(id) => cardUsesInCart(cart.lines, id)}
              couponCount={couponCount}
              onCoupons={() => rewardsKey('coupons')}
              onCards={() => rewardsKey('cards')}
              onTopUp={() => rewardsKey('topup')}
            />
            {cart.lastSale && cart.lines.length === 0 ? (
              <LastSalePanel
                key={cart.lastSale.sale.id}
                done={cart.lastSale}
                printerSet={printerSet}
                onPreview={() => setDialog({ kind: 'preview', saleId: cart.lastSale!.sale.id, receiptNo: cart.lastSale!.sale.receiptNo })}
                onPrintHere={() => void printReceiptInPage(cart.lastSale!.sale.id, t('checkout.receipt.alt', { receiptNo: cart.lastSale!.sale.receiptNo }))}
              />
            ) : sale ? (
              <TotalsPanel
                cart={sale.cart}
                itemCount={itemCount}
                redeemPoints={sale.redeemPoints}
                memberTier={cart.member?.tier.name ?? null}
                hasMember={!!cart.member}
                coupons={sale.coupons}
                onRemoveCoupon={(code) => useCart.getState().removeCoupon(code)}
              />
            ) : null}
          </div>
          <button type="button" className="btn btn-primary btn-xl btn-block co-pay-button" aria-keyshortcuts="F12" aria-disabled={cart.lines.length === 0} onClick={startPay}>
            {t('checkout.pay.button')} <kbd aria-hidden="true">F12</kbd>
          </button>
        </aside>
      </div>

      {dialog?.kind === 'line' && lineInDialog && sale ? (
        <LineEditDialog
          line={lineInDialog}
          rules={sale.rules}
          limitPct={till.rules?.maxCashierDiscountPct ?? 0}
          needsManager={!isManager}
          focus={dialog.focus}
          onSave={(terms, beyond) => saveLine(lineInDialog.key, terms, beyond)}
          onClose={closeDialog}
        />
      ) : null}
      {dialog?.kind === 'pay' && sale ? <PaymentDialog dueFen={sale.cart.totalFen} itemCount={itemCount} storedValueFen={cart.member && cart.member.storedValueFen > 0 ? cart.member.storedValueFen : null} busy={busy} onPay={(plan) => void pay(plan)} onClose={closeDialog} /> : null}
      {dialog?.kind === 'hold' && sale ? <HoldDialog totalFen={sale.cart.totalFen} lines={cart.lines.length} busy={busy} onHold={(label) => void hold(label)} onClose={closeDialog} /> : null}
      {dialog?.kind === 'resume' ? <ResumeDialog onResume={(id) => void resume(id)} onClose={closeDialog} onCount={(n) => useTill.getState().set({ heldCount: n })} /> : null}
      {dialog?.kind === 'refund' ? <RefundDialog initialReceipt={dialog.receipt} printerSet={printerSet} onClose={closeDialog} /> : null}
      {dialog?.kind === 'closeShift' ? <CloseShiftDialog onClosed={() => useTill.getState().set({ shift: null })} onClose={closeDialog} /> : null}
      {dialog?.kind === 'enrol' ? (
        <EnrolDialog
          phone={dialog.phone}
          onEnrolled={(m) => {
            setDialog(null);
            void attachMember(m);
          }}
          onClose={closeDialog}
        />
      ) : null}
      {dialog?.kind === 'points' && till.rewards && cart.points && sale ? (
        <PointsDialog
          usable={cart.points.usable}
          maxPoints={sale.maxPoints}
          current={sale.redeemPoints}
          rewards={till.rewards}
          onApply={(n) => {
            useCart.getState().setRedeem(n);
            setDialog(null);
          }}
          onClose={closeDialog}
        />
      ) : null}
      {dialog?.kind === 'coupons' ? (
        <CouponsDialog
          memberId={memberId}
          applied={cart.coupons}
          onApply={async (code) => {
            // One coupon is the usual case: back to scanning at once (Alt+Q again for another).
            const ok = (await applyCoupon(code)) === 'ok';
            if (ok) {
              setDialog(null);
              focusLater(SEARCH_INPUT_ID);
            }
            return ok;
          }}
          onRemove={(code) => useCart.getState().removeCoupon(code)}
          onClose={closeDialog}
        />
      ) : null}
      {dialog?.kind === 'cards' ? (
        <CountCardsDialog
          cards={cart.cards ?? []}
          inCart={(id) => cardUsesInCart(cart.lines, id)}
          types={till.cardTypes}
          onUse={(card) => void addCardVisit(card)}
          onSell={(ty) => void sellCard(ty.packageProductId)}
          onClose={closeDialog}
        />
      ) : null}
      {dialog?.kind === 'topup' && cart.member ? (
        <TopUpDialog
          member={cart.member}
          printerSet={printerSet}
          onDone={() => void refreshMember(cart.member!.id)}
          onClose={() => {
            setDialog(null);
            focusLater(SEARCH_INPUT_ID);
          }}
        />
      ) : null}
      {dialog?.kind === 'preview' ? <ReceiptPreviewDialog saleId={dialog.saleId} receiptNo={dialog.receiptNo} onClose={closeDialog} /> : null}
      {dialog?.kind === 'clear' ? (
        <Modal title={t('checkout.clear.title')} onClose={closeDialog} role="alertdialog" initialFocusId="clear-confirm">
          <p className="lead">{t('checkout.clear.body', { lines: cart.lines.length, total: money(sale?.cart.totalFen ?? 0) })}</p>
          <div className="modal-actions">
            <button type="button" className="btn btn-ghost" onClick={closeDialog}>
              {t('common.cancel')}
            </button>
            <button
              id="clear-confirm"
              type="button"
              className="btn btn-danger"
              onClick={() => {
                useCart.getState().clear();
                setDialog(null);
                focusLater(SEARCH_INPUT_ID);
              }}
            >
              {t('checkout.clear.confirm')}
            </button>
          </div>
        </Modal>
      ) : null}
      {ask ? (
        <ApprovalDialog
          reason={ask.reason}
          onApproved={(a) => {
            const then = ask.then;
            setAsk(null);
            then(a);
          }}
          onClose={() => setAsk(null)}
        />
      ) : null}
      <PrintRoot />
    </section>
  );
}
