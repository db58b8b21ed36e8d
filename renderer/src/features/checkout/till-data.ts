import type { Product } from '../../../../shared/contract/catalogue.js';
import type { Coupon } from '../../../../shared/contract/coupons.js';
import type { AppError } from '../../../../shared/errors.js';
import { invoke } from '../../api/client.js';
import { useOverlays } from '../../stores/overlays.js';
import { priceSale } from './model/cart.js';
import { promotionSnapshotNow, shopNow } from '../promotions/till-promotions.js';
import type { AppliedCoupon } from './model/coupons.js';
import { useCart, useTill, type PointsInfo } from './store.js';

/**
 * The till's reads and small rules, as plain functions over the stores and the contract
 * (no React): what CheckoutPage's hooks share. They read the stores at call time, so a cart
 * replaced a moment ago (a resumed order) is seen as it is.
 */

export type PageDialog =
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
  | { kind: 'clear' }
  /** 称重: a product sold by weight, picked or scanned by its own barcode. */
  | { kind: 'weigh'; product: Product };
export type SetDialog = (d: PageDialog | null) => void;
export type Refuse = (error: AppError) => void;

export const overlayOpen = () => useOverlays.getState().stack.length > 0;

/**
 * The cart's lines total now (member prices, before coupons and points: what a coupon's
 * minimum spend is judged on).
 */
export function linesTotalNow(): number {
  const { lines, member } = useCart.getState();
  const { rules, rewards } = useTill.getState();
  return rules ? priceSale(lines, { rules, rewards, member, today: shopNow(), promotions: promotionSnapshotNow() }, 0, 0).linesTotalFen : 0;
}

export const isApprovalError = (e: AppError) =>
  e.code === 'wrong_pin' || e.code === 'account_locked' || e.messageKey === 'errors.approval_required' || e.messageKey === 'errors.approver_not_manager';

export async function loadTill(): Promise<void> {
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

export async function pointsOf(memberId: number): Promise<PointsInfo | null> {
  const r = await invoke('points.summary', { memberId }, { quiet: true });
  return r.ok ? r.value : null;
}

/** Products by id, as the core has them now (those it no longer has are missing). */
export async function productsById(ids: readonly number[]): Promise<Map<number, Product>> {
  const found = await Promise.all([...new Set(ids)].map((id) => invoke('products.get', { id }, { quiet: true })));
  const byId = new Map<number, Product>();
  for (const r of found) if (r.ok) byId.set(r.value.id, r.value);
  return byId;
}

/** Re-reads products, rules and the member after the core said the price changed. */
export async function reprice(): Promise<void> {
  const { lines, member } = useCart.getState();
  const byId = await productsById(lines.map((l) => l.product.id));
  useCart.setState({ lines: lines.filter((l) => byId.has(l.product.id)).map((l) => ({ ...l, product: byId.get(l.product.id)! })) });
  if (member) {
    const m = await invoke('members.card', { id: member.id }, { quiet: true });
    if (m.ok) useCart.setState({ member: m.value, points: await pointsOf(member.id) });
  }
  await loadTill();
}

/** What the till keeps of a coupon the core accepted. */
export const appliedCoupon = (c: Coupon): AppliedCoupon => ({ code: c.code, name: c.name, kind: c.kind, value: c.value, minSpendFen: c.minSpendFen, memberId: c.memberId, validTo: c.validTo });

/** The coupon refusals the till words itself, with amounts and dates readable (the core's keys carry fen). */
export const COUPON_REFUSALS: Record<string, string> = {
  'errors.coupon_not_found': 'checkout.coupon.refused.not_found',
  'errors.coupon_used': 'checkout.coupon.refused.used',
  'errors.coupon_used_elsewhere': 'checkout.coupon.refused.usedElsewhere',
  'errors.coupon_expired': 'checkout.coupon.refused.expired',
  'errors.coupon_not_yet_valid': 'checkout.coupon.refused.not_yet_valid',
  'errors.coupon_other_member': 'checkout.coupon.refused.other_member',
  'errors.coupon_min_spend': 'checkout.coupon.refused.min_spend',
};
