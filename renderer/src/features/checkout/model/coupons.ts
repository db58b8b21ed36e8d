import type { Coupon } from '../../../../../shared/contract/coupons.js';
import { couponFen } from '../../../../../shared/pricing.js';

/**
 * Coupons (优惠券) on the till's cart. The core checked each one when it was scanned or
 * picked (coupons.check) and checks them all again on commit; the till keeps what it needs
 * to show the deduction as the cart changes, with the core's rules: the minimum spend is
 * judged on the whole cart (lines after member prices, before coupons and points), and each
 * coupon takes off at most what the ones before it left.
 */
export type AppliedCoupon = Pick<Coupon, 'code' | 'name' | 'kind' | 'value' | 'minSpendFen' | 'memberId' | 'validTo'>;

export interface CouponOnCart {
  coupon: AppliedCoupon;
  discountFen: number;
  /** The cart no longer reaches the coupon's minimum spend (an item was removed): it takes nothing, and paying is refused. */
  short: boolean;
}

export function couponsOnCart(coupons: readonly AppliedCoupon[], linesTotalFen: number): { totalFen: number; each: CouponOnCart[] } {
  let left = linesTotalFen;
  const each = coupons.map((coupon) => {
    const short = linesTotalFen < coupon.minSpendFen;
    const discountFen = short ? 0 : Math.min(couponFen(coupon, linesTotalFen), left);
    left -= discountFen;
    return { coupon, discountFen, short };
  });
  return { totalFen: linesTotalFen - left, each };
}

