/**
 * The shape of the benchmark shop: how big it is at a scale, and how its customers behave
 * over time. Pure numbers, no database, so the model can be read (and changed) on its own.
 *
 * At scale 1 (the brief's "busy small shop"): 200,000 members, ~2,000,000 sales over five
 * years, 5,000 products. `--scale 0.05` shrinks counts, never the five years, so cohort
 * tables and one-year dashboards still have their full span.
 */
import { addDays } from '../../electron/core/lib/dates.js';

/** The shop's "today" in the generated history: fixed, so a seed always gives the same file. */
export const GENERATED_UNTIL = '2026-11-20';
export const YEARS = 5;

export interface ShopSize {
  members: number;
  sales: number;
  products: number;
  days: number;
  firstDay: string;
}

export function sizeAt(scale: number): ShopSize {
  const days = YEARS * 365 + 1;
  return {
    members: Math.max(50, Math.round(200_000 * scale)),
    sales: Math.max(500, Math.round(2_000_000 * scale)),
    products: Math.max(120, Math.round(5_000 * scale)),
    days,
    firstDay: addDays(GENERATED_UNTIL, -(days - 1)),
  };
}

/** Customer kinds: a few heavy regulars, some regulars, many occasional customers. */
export const KINDS = [
  // share of members, relative visit rate, mean months until they drift away (churn)
  { kind: 'heavy', share: 0.015, rate: 60, lifeMonths: 40 },
  { kind: 'regular', share: 0.12, rate: 12, lifeMonths: 20 },
  { kind: 'occasional', share: 0.865, rate: 1.6, lifeMonths: 10 },
] as const;

/** Share of sales with a member attached (the rest are walk-in customers). */
export const MEMBER_SALE_SHARE = 0.55;
/** Members who enrol without buying anything that day. */
export const ENROL_WITHOUT_SALE = 0.08;
/** Occasional customers who never come back after the first visit. */
export const ONE_AND_DONE = 0.3;

/**
 * Seasonality multiplier for a day (shop-local date): Spring Festival run-up (January–
 * February), a summer drinks bump, the November shopping festival, and weekends.
 */
export function seasonality(date: string): number {
  const month = Number(date.slice(5, 7));
  const dom = Number(date.slice(8, 10));
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  let f = 1;
  if (month === 1 || (month === 2 && dom < 15)) f *= 1.3;
  if (month === 2 && dom >= 15) f *= 0.85;
  if (month >= 6 && month <= 8) f *= 1.15;
  if (month === 11 && dom >= 8 && dom <= 12) f *= 1.4;
  if (weekday === 0 || weekday === 6) f *= 1.25;
  return f;
}

/** The shop grows: year five sells about 60% more a day than year one. */
export function growth(dayIndex: number, days: number): number {
  return 0.8 + 0.5 * (dayIndex / days);
}

/** How many lines a basket has (1 to 10, mostly small baskets). */
export const LINE_COUNTS = [1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6, 8, 10];

/** Payment methods of paid sales, as often as Chinese counters see them. */
export const METHODS = ['wechat', 'wechat', 'wechat', 'wechat', 'alipay', 'alipay', 'alipay', 'cash', 'cash', 'card'] as const;

export const RATES = {
  /** Of sales, refunded (whole) within a few days. */
  refund: 0.008,
  /** Of member sales where the member has points, paying part with points. */
  redeem: 0.05,
  /** Of members, those who keep a stored-value balance (储值). */
  storedValue: 0.06,
  /** Of sales, with a complaint logged. */
  complaint: 0.0012,
  /** Of sales, with an NPS answer. */
  feedback: 0.02,
  /** Of sales, a quantity above one on a line. */
  multiQty: 0.15,
};
