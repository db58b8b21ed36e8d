import { describe, expect, it } from 'vitest';
import { priceCart, DEFAULT_RULES } from '../pricing.js';
import { maskName, projectDisplay, type TillView } from './projection.js';
import { DisplayState } from './state.js';
import { topUpOfferFor } from './topup-offer.js';
import { poleAmount, poleFrame, poleFrames } from './pole.js';

// The till's own objects, with everything they really carry (and a cost, as a stock-keeping
// product would): the projection must take only what the customer may see.
const memberA = {
  id: 41, cardNo: '880000041', maskedPhone: '138****5678', name: '李小明', status: 'active' as const,
  tier: { id: 2, name: '金卡会员', rank: 2, pricePct: 95, pointsPct: 150, birthdayPerk: '生日双倍积分' },
  birthdaySoon: false, birthdayToday: false, points: 1200, storedValueFen: 50_000, spendFen: 987_654, visits: 33, lastVisit: '2026-11-30',
  phone: '13812345678',
};
const memberB = { ...memberA, id: 42, cardNo: '880000042', maskedPhone: '139****0001', name: '王大锤', points: 7, storedValueFen: 123 };
const product = (id: number, name: string, priceFen: number) => ({ id, sku: `S${id}`, name, categoryId: null, categoryName: null, priceFen, pointsPct: 100, barcodes: ['6901234567892'], active: true, costFen: 777 });

function tillView(over: Partial<TillView> = {}): TillView {
  const products = [product(1, '农夫山泉', 200), product(2, '大白兔奶糖', 1290)];
  const priced = priceCart(products.map((p, i) => ({ key: `k${i}`, productId: p.id, name: p.name, unitPriceFen: p.priceFen, qty: i + 1, pointsPct: 100, priceOverrideFen: null, discount: null, categoryId: null })), {
    ...DEFAULT_RULES, member: { pricePct: 95, pointsPct: 150 },
  });
  // As the till holds it: the priced line beside the cart line (product, staff-chosen terms).
  const lines = priced.lines.map((l, i) => ({ ...l, product: products[i]!, countCardId: null, approvedBy: '店长 张经理', costFen: 777 }));
  return {
    lines,
    cart: { ...priced, staffName: '收银员 王小明' } as TillView['cart'],
    redeemPoints: 100,
    member: memberA,
    paying: false,
    offer: null,
    lastSale: null,
    ...over,
  };
}

const forbidden = ['王小明', '张经理', '880000041', '13812345678', '5678'.padStart(11, '*'), '李小明', '987654', 'costFen', '777', 'staff', 'cardNo', '王大锤', '880000042'];
function expectNothingPrivate(state: DisplayState) {
  const text = JSON.stringify(state);
  for (const word of forbidden) expect(text, `leaked ${word}`).not.toContain(word);
  // And the core's strict schema takes it as it is: no field beyond the allowed ones.
  expect(DisplayState.parse(state)).toEqual(state);
}

describe('projectDisplay', () => {
  it('shows the lines, totals, the masked member and points after the sale, and nothing private', () => {
    const s = projectDisplay(tillView());
    expect(s.stage).toBe('cart');
    if (s.stage !== 'cart') return;
    expect(s.cart.lines.map((l) => [l.name, l.qty, l.unitPriceFen])).toEqual([['农夫山泉', 1, 200], ['大白兔奶糖', 2, 1290]]);
    expect(s.cart.itemCount).toBe(3);
    expect(s.cart.member).toEqual({ maskedName: '李*明', phoneTail: '5678', tier: '金卡会员', points: 1200, storedValueFen: 50_000 });
    expect(s.cart.pointsAfter).toBe(1200 - 100 + s.cart.pointsToEarn);
    expect(s.cart.totalFen).toBe(s.cart.lines.reduce((n, l) => n + l.totalFen, 0));
    expect(s.cart.lines[1]!.discountFen).toBe(s.cart.lines[1]!.listFen - s.cart.lines[1]!.totalFen);
    expectNothingPrivate(s);
  });

  it('at the payment step carries the top-up offer; after it the change and the balances the core booked', () => {
    const offer = topUpOfferFor(2780, [{ minFen: 50_000, bonusFen: 5_000 }]);
    const paying = projectDisplay(tillView({ paying: true, offer }));
    expect(paying).toMatchObject({ stage: 'paying', offer: { topUpFen: 50_000, bonusFen: 5_000, saveFen: 252 } });
    const paid = projectDisplay(tillView({
      lines: [], cart: null, member: null,
      lastSale: { sale: { totalFen: 2780, pointsEarned: 41, payments: [{ amountFen: 2780, tenderedFen: 5000 }], staffName: '王小明' } as never, changeFen: 2220, memberAfter: { ...memberA, points: 1141 } },
    }));
    expect(paid).toEqual({ stage: 'paid', paid: { totalFen: 2780, receivedFen: 5000, changeFen: 2220, pointsEarned: 41, member: { maskedName: '李*明', phoneTail: '5678', tier: '金卡会员', points: 1141, storedValueFen: 50_000 } } });
    expectNothingPrivate(paying);
    expectNothingPrivate(paid);
  });

  it("never shows the previous customer: a new cart after a member's sale has no member", () => {
    const s = projectDisplay(tillView({ member: null, lastSale: { sale: { totalFen: 1, pointsEarned: 1, payments: [] }, changeFen: 0, memberAfter: memberB } }));
    expect(s.stage).toBe('cart');
    if (s.stage !== 'cart') return;
    expect(s.cart.member).toBeNull();
    expect(s.cart.pointsToEarn).toBe(0);
    expect(s.cart.pointsAfter).toBeNull();
    expectNothingPrivate(s);
  });

  it('is idle with nothing rung up and no sale to thank for', () => {
    expect(projectDisplay(tillView({ lines: [], cart: null, lastSale: null }))).toEqual({ stage: 'idle' });
  });

  it('shows a weighed line by its weight when the line carries one, and count-card visits as such', () => {
    const v = tillView();
    const s = projectDisplay({ ...v, lines: [{ ...v.lines[0]!, measure: { grams: 1250, perKgFen: 1600 } }, { ...v.lines[1]!, countCardId: 9 }] });
    if (s.stage !== 'cart') throw new Error(s.stage);
    expect(s.cart.lines[0]!.measure).toEqual({ grams: 1250, perKgFen: 1600 });
    expect(s.cart.lines[1]!.countCard).toBe(true);
  });

  it('refuses, at the schema, a state with a field the display may not show', () => {
    const s = projectDisplay(tillView());
    if (s.stage !== 'cart') throw new Error(s.stage);
    expect(DisplayState.safeParse({ ...s, staffName: '王小明' }).success).toBe(false);
    expect(DisplayState.safeParse({ ...s, cart: { ...s.cart, member: { ...s.cart.member, cardNo: '880000041' } } }).success).toBe(false);
    expect(DisplayState.safeParse({ ...s, cart: { ...s.cart, lines: [{ ...s.cart.lines[0], costFen: 777 }] } }).success).toBe(false);
  });
});

describe('maskName', () => {
  it.each([
    ['张三', '张*'], ['李小明', '李*明'], ['欧阳娜娜', '欧**娜'], ['王', '*'], ['', ''], ['  ', ''], ['Alexandria Ocasio', 'A***o'],
  ])('%s → %s', (name, masked) => expect(maskName(name)).toBe(masked));
});

describe('topUpOfferFor', () => {
  const rules = [{ minFen: 10_000, bonusFen: 2_000 }, { minFen: 50_000, bonusFen: 5_000 }, { minFen: 20_000, bonusFen: 0 }];
  it('takes the smallest top-up that covers the sale and rounds the saving down', () => {
    expect(topUpOfferFor(8_000, rules)).toEqual({ topUpFen: 10_000, bonusFen: 2_000, saveFen: 1333 });
    expect(topUpOfferFor(10_000, rules)).toEqual({ topUpFen: 10_000, bonusFen: 2_000, saveFen: 1666 });
    expect(topUpOfferFor(30_000, rules)).toEqual({ topUpFen: 50_000, bonusFen: 5_000, saveFen: 2727 });
  });
  it('offers nothing beyond the largest line, for nothing due, or without a bonus', () => {
    expect(topUpOfferFor(60_000, rules)).toBeNull();
    expect(topUpOfferFor(0, rules)).toBeNull();
    expect(topUpOfferFor(15_000, [{ minFen: 20_000, bonusFen: 0 }])).toBeNull();
  });
});

describe('poleFrame', () => {
  const cartState = projectDisplay(tillView());
  it('shows the scanned line price with the 单价 lamp, the total when paying, then received and change', () => {
    expect(poleFrame(cartState)).toMatchObject({ lamp: 'price', amountFen: 1290 });
    expect(poleFrame(cartState).line1).toBe('PRICE          12.90');
    const paying = projectDisplay(tillView({ paying: true }));
    expect(poleFrame(paying)).toMatchObject({ lamp: 'total', amountFen: paying.stage === 'paying' ? paying.cart.totalFen : -1 });
    const paid: DisplayState = { stage: 'paid', paid: { totalFen: 2780, receivedFen: 5000, changeFen: 2220, pointsEarned: 0, member: null } };
    expect(poleFrame(paid)).toEqual({ lamp: 'change', amountFen: 2220, line1: 'PAID           50.00', line2: 'CHANGE         22.20' });
    expect(poleFrame({ stage: 'paid', paid: { ...paid.paid, receivedFen: 2780, changeFen: 0 } })).toMatchObject({ lamp: 'collect', amountFen: 2780 });
    expect(poleFrame({ stage: 'idle' })).toMatchObject({ lamp: 'off', amountFen: null });
  });
  it('after a payment with change: the amount received, then the change; otherwise one frame', () => {
    const paid: DisplayState = { stage: 'paid', paid: { totalFen: 2780, receivedFen: 5000, changeFen: 2220, pointsEarned: 0, member: null } };
    expect(poleFrames(paid).map((f) => [f.lamp, f.amountFen])).toEqual([['collect', 5000], ['change', 2220]]);
    expect(poleFrames({ stage: 'paid', paid: { ...paid.paid, receivedFen: 2780, changeFen: 0 } }).map((f) => f.lamp)).toEqual(['collect']);
    expect(poleFrames(cartState)).toEqual([poleFrame(cartState)]);
  });
  it('formats amounts in yuan with two decimals', () => {
    expect([poleAmount(0), poleAmount(5), poleAmount(1234), poleAmount(-50), poleAmount(99_999_999)]).toEqual(['0.00', '0.05', '12.34', '-0.50', '999999.99']);
  });
});
