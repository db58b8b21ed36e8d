import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Product } from '../../../../shared/contract/catalogue.js';
import type { CheckoutRules, Sale } from '../../../../shared/contract/checkout.js';
import type { DeviceConfig } from '../../../../shared/contract/devices.js';
import type { MemberCard } from '../../../../shared/contract/members.js';
import type { MemberCountCard } from '../../../../shared/contract/count-cards.js';
import type { RewardsRules } from '../../../../shared/contract/rewards.js';
import type { Output } from '../../../../shared/contract/index.js';
import type { LineDiscount } from '../../../../shared/pricing.js';
import { useSession } from '../../stores/session.js';
import { addProduct, addWeighed, clampQty, removeLine, setQty, setTerms, type CartLine } from './model/cart.js';
import type { WeighedLine } from '../../../../shared/contract/weighing.js';
import type { AppliedCoupon } from './model/coupons.js';

export interface PointsInfo {
  balance: number;
  usable: number;
  expiringSoon: number;
  expiringBy: string;
}

export interface Approval {
  staffId: number;
  staffName: string;
  pin: string;
}

export interface CompletedSale {
  sale: Sale;
  changeFen: number;
  printJobId: number | null;
  upgradedTo: string | null;
  memberName: string | null;
  /** Products this sale took below zero stock: allowed (the goods are sold), shown so someone checks the shelf. */
  belowZero?: number[];
}

/**
 * The sale being rung up. A store, not component state, so it survives going to another
 * section and back (the page remounts), and dialogs read it directly. Kept in sessionStorage
 * so a reload does not lose the customer's cart (the core re-prices it on commit anyway);
 * never the manager's PIN. Cleared on sign-out.
 */
export interface CartState {
  lines: CartLine[];
  /** The line that +, −, *, Delete and the arrow keys act on. */
  currentKey: string | null;
  member: MemberCard | null;
  points: PointsInfo | null;
  /** Points the cashier chose to redeem (capped again at pricing time). */
  redeemWant: number;
  /** 优惠券 scanned or picked for this sale (checked by the core when added and again on commit). */
  coupons: AppliedCoupon[];
  /** The attached member's usable count cards (次卡), loaded when the member is attached. */
  cards: MemberCountCard[] | null;
  /** A manager's PIN typed for mark-downs beyond the cashier limit; sent with the commit only. */
  approval: Approval | null;
  /** The sale just completed (shown until the next item is rung up). */
  lastSale: CompletedSale | null;
  /** Adds a product; with `countCardId`, a visit paid by that count card. */
  add(product: Product, qty?: number, countCardId?: number | null): void;
  /** 称重: a line of its own with its weight and price. */
  addWeighed(product: Product, weighed: WeighedLine): void;
  setQty(key: string, qty: number): void;
  bump(key: string, delta: number): void;
  remove(key: string): void;
  setTerms(key: string, priceOverrideFen: number | null, discount: LineDiscount | null): void;
  select(key: string | null): void;
  setMember(member: MemberCard | null, points?: PointsInfo | null): void;
  setRedeem(points: number): void;
  addCoupon(coupon: AppliedCoupon): void;
  removeCoupon(code: string): void;
  setApproval(a: Approval | null): void;
  /** Replaces the cart (resuming a held order). */
  load(lines: CartLine[], member: MemberCard | null, points: PointsInfo | null): void;
  clear(): void;
  completed(sale: CompletedSale): void;
  dismissLastSale(): void;
}

const empty = { lines: [], currentKey: null, member: null, points: null, redeemWant: 0, coupons: [], cards: null, approval: null };

export const useCart = create<CartState>()(persist((set, get) => ({
  ...empty,
  lastSale: null,
  add(product, qty = 1, countCardId = null) {
    const r = addProduct(get().lines, product, qty, countCardId);
    set({ lines: r.lines, currentKey: r.key, lastSale: null });
  },
  addWeighed(product, weighed) {
    const r = addWeighed(get().lines, product, weighed);
    set({ lines: r.lines, currentKey: r.key, lastSale: null });
  },
  setQty: (key, qty) => set({ lines: setQty(get().lines, key, qty) }),
  bump(key, delta) {
    const line = get().lines.find((l) => l.key === key);
    if (line) set({ lines: setQty(get().lines, key, clampQty(line.qty + delta)) });
  },
  remove(key) {
    const lines = get().lines;
    const i = lines.findIndex((l) => l.key === key);
    const rest = removeLine(lines, key);
    const next = rest[Math.min(i, rest.length - 1)]?.key ?? null;
    set({ lines: rest, currentKey: get().currentKey === key ? next : get().currentKey });
  },
  setTerms: (key, priceOverrideFen, discount) => set({ lines: setTerms(get().lines, key, { priceOverrideFen, discount }) }),
  select: (currentKey) => set({ currentKey }),
  // A new member takes the previous one's coupons and count-card visits off the cart.
  setMember(member, points = null) {
    const same = member !== null && get().member?.id === member.id;
    set({
      member, points: member ? points : null, redeemWant: 0, lastSale: member ? null : get().lastSale,
      cards: same ? get().cards : null,
      coupons: same ? get().coupons : get().coupons.filter((c) => c.memberId === null),
      lines: same ? get().lines : get().lines.filter((l) => !l.countCardId),
    });
  },
  setRedeem: (redeemWant) => set({ redeemWant: Math.max(0, Math.trunc(redeemWant)) }),
  addCoupon: (coupon) => set({ coupons: [...get().coupons.filter((c) => c.code !== coupon.code), coupon] }),
  removeCoupon: (code) => set({ coupons: get().coupons.filter((c) => c.code !== code) }),
  setApproval: (approval) => set({ approval }),
  load: (lines, member, points) => set({ ...empty, lines, member, points, currentKey: lines.at(-1)?.key ?? null, lastSale: null }),
  clear: () => set({ ...empty }),
  completed: (lastSale) => set({ ...empty, lastSale }),
  dismissLastSale: () => set({ lastSale: null }),
}), {
  name: 'pos.cart',
  storage: createJSONStorage(() => sessionStorage),
  partialize: (s) => ({ lines: s.lines, currentKey: s.currentKey, member: s.member, points: s.points, redeemWant: s.redeemWant, coupons: s.coupons, cards: s.cards }),
}));

/** What the till needs from the shop's settings, read when Checkout opens. */
export interface TillState {
  rules: CheckoutRules | null;
  rewards: RewardsRules | null;
  devices: DeviceConfig | null;
  shift: Output<'shifts.current'> | undefined;
  heldCount: number;
  /** 次卡 packages the shop sells (selling one needs a member attached). */
  cardTypes: Output<'countCards.types'>;
  set(patch: Partial<Omit<TillState, 'set'>>): void;
}

export const useTill = create<TillState>()((set) => ({
  rules: null,
  rewards: null,
  devices: null,
  shift: undefined,
  heldCount: 0,
  cardTypes: [],
  set: (patch) => set(patch),
}));

// A new person at the till starts with an empty cart (and nobody else's manager PIN).
useSession.subscribe((s, prev) => {
  if (prev.token && s.token !== prev.token) {
    useCart.setState({ ...empty, lastSale: null });
    useTill.setState({ shift: undefined });
  }
});
