/**
 * Promotions (促销) as the pricing engine sees them: plain data, the same on the page and in
 * the core. Products, categories and tiers are this till's local ids (each till maps them from
 * the shop's global ids when the rows arrive); the promotion's own `id` is its global id, so
 * the tie-break between equal allocations is the same on every till.
 */

export type PromotionKind = 'nth' | 'threshold' | 'gift' | 'special' | 'bundle';

export type PromotionRule =
  /** N件M折 / 第二件半价: in each set of `n` units (most expensive first) the cheapest is at `pricePct` %. */
  | { kind: 'nth'; n: number; pricePct: number }
  /** 满减 / 满折: the highest step reached; `offFen` off (× each multiple of `minFen` when `repeat`) or `pricePct` %. */
  | { kind: 'threshold'; steps: ThresholdStep[]; repeat: boolean }
  /** 买X送Y: every `buyQty` units of the scope give `giftQty` units of the gift products at `giftPriceFen` (0 = free). */
  | { kind: 'gift'; buyQty: number; giftQty: number; giftProductIds: number[]; giftPriceFen: number }
  /** 限时特价 / 会员价: a unit price (`priceFen`) or a percentage of it (`pricePct`). */
  | { kind: 'special'; priceFen: number | null; pricePct: number | null }
  /** 套餐: these products together for `priceFen`. */
  | { kind: 'bundle'; items: Array<{ productId: number; qty: number }>; priceFen: number };

export interface ThresholdStep {
  minFen: number;
  offFen: number | null;
  pricePct: number | null;
}

export interface Stacking {
  /** With other promotions on the same units (an item promotion with a 满减, two 满减). */
  others: boolean;
  coupons: boolean;
  points: boolean;
  /** With the member's tier discount (会员折扣) on the units it touches. */
  tier: boolean;
}

export interface Promotion {
  /** Global id (UUIDv7): the same on every till, the last word of the tie-break. */
  id: string;
  name: string;
  rule: PromotionRule;
  /** Higher first when allocations are equally good for the customer. */
  priority: number;
  /** Local dates, inclusive; `endDate` null = open-ended. */
  startDate: string;
  endDate: string | null;
  /** ISO weekdays 1 (Mon) … 7 (Sun); empty = every day. */
  weekdays: number[];
  /** Local 'HH:MM', from inclusive to exclusive; a window may cross midnight; null = no bound. */
  fromTime: string | null;
  toTime: string | null;
  /** null = everyone; otherwise only members of these tiers (会员价). */
  tierIds: number[] | null;
  /** Applications per sale (units for 特价, sets for N件, repeats for 满减, gift units, bundles). */
  perSaleLimit: number | null;
  /** Applications per member per day; such a promotion needs a member (it cannot be counted otherwise). */
  perMemberDayLimit: number | null;
  stacks: Stacking;
  /** Which units count: every product, or these products and categories (a bundle uses its items). */
  scope: { all: boolean; productIds: number[]; categoryIds: number[] };
}

/** Everything the engine needs besides the cart: the same object on the page and in the core. */
export interface PromotionContext {
  promotions: readonly Promotion[];
  /** Shop-local moment of the sale: 'YYYY-MM-DD', 'HH:MM', ISO weekday. */
  at: { date: string; time: string; weekday: number };
  /** The attached member's tier (null without a member). */
  tierId: number | null;
  /** Applications already used today by the attached member, by promotion id. */
  usedToday: Readonly<Record<string, number>>;
  /** A coupon / a points deduction is on the sale: promotions that do not stack with it sit out. */
  withCoupons: boolean;
  withPoints: boolean;
}

/** What one promotion gave on this cart: its own line on screen and receipt. */
export interface AppliedPromotion {
  promotionId: string;
  name: string;
  kind: PromotionKind;
  /** Applications (sets, repeats, gift units, bundles, special-price units). */
  applications: number;
  discountFen: number;
  /** Per cart line (by key): units it used and the share of the discount that line carries. */
  lines: Array<{ key: string; units: number; discountFen: number }>;
  /** Which units were discounted, for 第二件半价 ("the cheaper one of each pair") and gifts. */
  discounted: Array<{ key: string; name: string; units: number; unitPriceFen: number }>;
}

/** The customer qualifies for more gifts than are on the cart: the cashier is told. */
export interface GiftReminder {
  promotionId: string;
  name: string;
  giftProductIds: number[];
  missingQty: number;
}
