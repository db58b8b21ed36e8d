import { describe, expect, it } from 'vitest';
import {
  cardTypeDraft, cardTypeInputFrom, couponDraft, couponInputFrom, intField, svAdjustFrom, topUpDraft, topUpRulesFrom, yuanField,
  type CardTypeDraft, type CouponDraft, type TopUpDraft,
} from './offers-forms.js';

const rows = (bonuses: Array<[string, string]>, grants: Array<[string, string]> = []): TopUpDraft => ({
  bonuses: bonuses.map(([min, bonus], i) => ({ key: i, min, bonus })),
  grants: grants.map(([min, tierId], i) => ({ key: 100 + i, min, tierId })),
});

describe('money and whole numbers typed in the offer forms', () => {
  it('reads yuan as integer fen, exactly', () => {
    expect(yuanField('200', 1)).toEqual({ fen: 20_000 });
    expect(yuanField(' 0.1 ', 1)).toEqual({ fen: 10 });
    expect(yuanField('19.99', 1)).toEqual({ fen: 1_999 });
    expect(yuanField('0', 0)).toEqual({ fen: 0 });
  });

  it('refuses what is not an amount, zero where it must be positive, and more than a top-up may be', () => {
    expect(yuanField('', 1)).toEqual({ error: 'offers.err.required' });
    expect(yuanField('abc', 1)).toEqual({ error: 'offers.err.money' });
    expect(yuanField('1.234', 1)).toEqual({ error: 'offers.err.money' });
    expect(yuanField('-5', 0)).toEqual({ error: 'offers.err.money' });
    expect(yuanField('0', 1)).toEqual({ error: 'offers.err.moneyPositive' });
    expect(yuanField('1000000.01', 1)).toEqual({ error: 'offers.err.moneyMax|{"max":1000000}' });
  });

  it('reads whole numbers in range', () => {
    expect(intField('30', 1, 3650)).toEqual({ n: 30 });
    expect(intField('0', 1, 3650)).toEqual({ error: 'offers.err.int|{"min":1,"max":3650}' });
    expect(intField('2.5', 1, 10)).toEqual({ error: 'offers.err.int|{"min":1,"max":10}' });
  });
});

describe('储值规则 (top-up bonuses and tier grants)', () => {
  it('turns 充200送50 and a tier grant into fen, sorted by threshold', () => {
    expect(topUpRulesFrom(rows([['500', '150'], ['200', '50']], [['1000', '3']]))).toEqual({
      ok: true,
      value: { bonuses: [{ minFen: 20_000, bonusFen: 5_000 }, { minFen: 50_000, bonusFen: 15_000 }], tierGrants: [{ minFen: 100_000, tierId: 3 }] },
    });
  });

  it('drops a blank row but refuses a half-filled one, a zero bonus and a repeated threshold, at the field', () => {
    const r = topUpRulesFrom(rows([['', ''], ['100', ''], ['200', '0'], ['300', '30'], ['300.00', '40']], [['', ''], ['500', ''], ['x', '2']]));
    expect(r).toEqual({
      ok: false,
      errors: {
        'bonuses.1.bonus': 'offers.err.required',
        'bonuses.2.bonus': 'offers.err.moneyPositive',
        'bonuses.4.min': 'offers.err.duplicateMin',
        'grants.1.tierId': 'offers.err.pickTier',
        'grants.2.min': 'offers.err.money',
      },
    });
  });

  it('round-trips the saved rules through the draft', () => {
    const rules = { bonuses: [{ minFen: 10_000, bonusFen: 2_000 }, { minFen: 50_050, bonusFen: 15_001 }], tierGrants: [{ minFen: 50_000, tierId: 2 }] };
    const d = topUpDraft(rules);
    expect(d.bonuses.map((b) => [b.min, b.bonus])).toEqual([['100.00', '20.00'], ['500.50', '150.01']]);
    expect(topUpRulesFrom(d)).toEqual({ ok: true, value: rules });
  });
});

describe('优惠券模板', () => {
  const draft = (over: Partial<CouponDraft>): CouponDraft => ({ ...couponDraft(null), name: '到店礼券', ...over });

  it('sends an amount coupon in fen and a percent coupon as percent off', () => {
    expect(couponInputFrom(draft({ kind: 'amount', value: '15', minSpend: '50', validDays: '30' }))).toEqual({
      ok: true, value: { name: '到店礼券', kind: 'amount', value: 1_500, minSpendFen: 5_000, validDays: 30, active: true },
    });
    expect(couponInputFrom(draft({ id: 4, kind: 'percent', value: '10', minSpend: '', validDays: '7', active: false }))).toEqual({
      ok: true, value: { id: 4, name: '到店礼券', kind: 'percent', value: 10, minSpendFen: 0, validDays: 7, active: false },
    });
  });

  it('refuses a missing name, 100% off, more off than the minimum spend and days out of range', () => {
    expect(couponInputFrom(draft({ name: ' ', kind: 'percent', value: '100', validDays: '0' }))).toEqual({
      ok: false, errors: { name: 'offers.err.required', value: 'offers.err.int|{"min":1,"max":99}', validDays: 'offers.err.int|{"min":1,"max":3650}' },
    });
    expect(couponInputFrom(draft({ kind: 'amount', value: '60', minSpend: '50' }))).toEqual({ ok: false, errors: { value: 'offers.err.offOverMin' } });
  });

  it('opens a saved template in yuan', () => {
    expect(couponDraft({ id: 1, name: '生日券', kind: 'amount', value: 1_000, minSpendFen: 3_000, validDays: 30, active: true })).toMatchObject({ value: '10.00', minSpend: '30.00', validDays: '30' });
  });
});

describe('次卡类型', () => {
  const draft = (over: Partial<CardTypeDraft>): CardTypeDraft => ({ ...cardTypeDraft(null), name: '洗车10次卡', packageProductId: 7, serviceProductId: 8, ...over });

  it('sends the products, uses and months (or no expiry)', () => {
    expect(cardTypeInputFrom(draft({ uses: '10', validMonths: '12' }))).toEqual({
      ok: true, value: { name: '洗车10次卡', packageProductId: 7, serviceProductId: 8, uses: 10, validMonths: 12, active: true },
    });
    expect(cardTypeInputFrom(draft({ noExpiry: true, validMonths: 'x' }))).toMatchObject({ ok: true, value: { validMonths: null } });
  });

  it('refuses unpicked products, the package as its own service, and uses out of range', () => {
    expect(cardTypeInputFrom(draft({ packageProductId: null, serviceProductId: null, uses: '0' }))).toEqual({
      ok: false, errors: { packageProductId: 'offers.err.pickProduct', serviceProductId: 'offers.err.pickProduct', uses: 'offers.err.int|{"min":1,"max":1000}' },
    });
    expect(cardTypeInputFrom(draft({ serviceProductId: 7 }))).toEqual({ ok: false, errors: { serviceProductId: 'offers.err.sameProduct' } });
  });
});

describe('储值调整', () => {
  const balance = { principalFen: 10_000, bonusFen: 2_000 };

  it('adjusts one part, up or down, with the reason trimmed', () => {
    expect(svAdjustFrom({ direction: 'add', part: 'principal', amount: '30.5', reason: ' 补录 ' }, balance)).toEqual({ ok: true, value: { principalDelta: 3_050, bonusDelta: 0, reason: '补录' } });
    expect(svAdjustFrom({ direction: 'deduct', part: 'bonus', amount: '20', reason: '更正' }, balance)).toEqual({ ok: true, value: { principalDelta: 0, bonusDelta: -2_000, reason: '更正' } });
  });

  it('never takes a part below zero, and needs a reason', () => {
    expect(svAdjustFrom({ direction: 'deduct', part: 'bonus', amount: '20.01', reason: '' }, balance)).toEqual({
      ok: false, errors: { amount: 'offers.adjust.overBonus|{"balanceFen":2000}', reason: 'offers.err.required' },
    });
    expect(svAdjustFrom({ direction: 'deduct', part: 'principal', amount: '100.01', reason: 'x' }, balance)).toMatchObject({ ok: false, errors: { amount: 'offers.adjust.overPrincipal|{"balanceFen":10000}' } });
  });
});
