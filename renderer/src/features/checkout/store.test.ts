// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import type { Product } from '../../../../shared/contract/catalogue.js';
import type { MemberCard } from '../../../../shared/contract/members.js';
import { useCart } from './store.js';

const haircut: Product = { id: 4, sku: 'S4', name: '剪发', categoryId: null, categoryName: null, priceFen: 4000, pointsPct: 100, barcodes: [], active: true };
const member = (id: number): MemberCard => ({
  id, cardNo: `29000000000${id}`, maskedPhone: '138****5678', name: `会员${id}`, status: 'active',
  tier: { id: 1, name: '普通会员', rank: 0, pricePct: 100, pointsPct: 100, birthdayPerk: '' },
  birthdaySoon: false, birthdayToday: false, points: 0, storedValueFen: 0, spendFen: 0, visits: 0, lastVisit: null,
});
const coupon = (code: string, memberId: number | null) => ({ code, name: '券', kind: 'amount' as const, value: 500, minSpendFen: 0, memberId, validTo: '2026-12-31' });

describe('the till cart and the member', () => {
  beforeEach(() => useCart.getState().clear());

  it("a different member takes the previous one's coupons and count-card visits off the sale; the same one keeps them", () => {
    const cart = useCart.getState();
    cart.setMember(member(1));
    cart.add(haircut); // paid
    cart.add(haircut, 1, 31); // one visit on member 1's card
    cart.addCoupon(coupon('2800000000011', 1));
    cart.addCoupon(coupon('2800000000028', null)); // a coupon for anyone
    useCart.setState({ cards: [] });

    cart.setMember(member(1)); // scanned again
    expect(useCart.getState().lines).toHaveLength(2);
    expect(useCart.getState().coupons).toHaveLength(2);
    expect(useCart.getState().cards).toEqual([]);

    cart.setMember(member(2));
    expect(useCart.getState().lines.map((l) => l.countCardId)).toEqual([null]);
    expect(useCart.getState().coupons.map((c) => c.code)).toEqual(['2800000000028']);
    expect(useCart.getState().cards).toBeNull();
  });

  it('a coupon is on the sale once; a finished sale starts the next one without coupons', () => {
    const cart = useCart.getState();
    cart.addCoupon(coupon('2800000000011', null));
    cart.addCoupon(coupon('2800000000011', null));
    expect(useCart.getState().coupons).toHaveLength(1);
    cart.removeCoupon('2800000000011');
    expect(useCart.getState().coupons).toEqual([]);
    cart.addCoupon(coupon('2800000000028', null));
    cart.clear();
    expect(useCart.getState().coupons).toEqual([]);
  });
});
