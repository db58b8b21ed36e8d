import { describe, expect, it } from 'vitest';
import { validateEnrol } from './EnrolForm.js';
import { serverFieldErrors } from './field-errors.js';
import { tierInput } from './TierSettings.js';
import { rulesFrom } from '../rewards/RewardsSettings.js';

const tierDraft = {
  name: '钻石会员', rank: '3', minSpend: '10000', minSales: '0', lifetime: false, windowMonths: '12', qualifyMode: 'all' as const,
  pricePct: '90', pointsPct: '200', birthdayPerk: '', paid: false, fee: '', feeMonths: '12', active: true,
};

describe('member forms', () => {
  it('quick enrolment needs a mobile number; the rest is checked when given', () => {
    expect(validateEnrol({ phone: '', name: '', birthday: '', note: '' })).toEqual({ phone: 'validation.required' });
    expect(validateEnrol({ phone: '', name: '', birthday: '', note: '' }, false)).toEqual({});
    expect(validateEnrol({ phone: '139 1234 5678', name: '王', birthday: '1990-03-21', note: '' })).toEqual({});
    expect(validateEnrol({ phone: '+86 13912345678', name: '', birthday: '', note: '' })).toEqual({});
    expect(validateEnrol({ phone: '1234', name: 'x'.repeat(21), birthday: '3/21', note: '' })).toEqual({
      phone: 'errors.phone_invalid',
      name: 'validation.tooLong|{"max":20}',
      birthday: 'members.enrol.birthdayFormat',
    });
    expect(validateEnrol({ phone: '13912345678', name: '', birthday: '02-30', note: '' })).toEqual({ birthday: 'errors.birthday_invalid' });
  });

  it('maps the core refusals to the field they are about', () => {
    expect(serverFieldErrors({ code: 'conflict', messageKey: 'errors.phone_taken', details: { field: 'phone' } }, ['phone', 'name'])).toEqual({ phone: 'errors.phone_taken' });
    expect(serverFieldErrors({ code: 'bad_input', messageKey: 'errors.bad_input', details: { issues: [{ path: 'name', code: 'too_big', message: 'x' }] } }, ['phone', 'name'])).toEqual({
      name: 'validation.invalid',
    });
    expect(serverFieldErrors({ code: 'not_found', messageKey: 'errors.not_found', details: { field: 'referrerId' } }, ['referrerId'])).toEqual({ referrerId: 'errors.not_found' });
    expect(serverFieldErrors({ code: 'internal', messageKey: 'errors.internal' }, ['phone'])).toEqual({});
  });

  it('turns a tier draft into tiers.save input, yuan to fen', () => {
    const r = tierInput(tierDraft);
    expect(r).toEqual({
      ok: true,
      value: { name: '钻石会员', rank: 3, minSpendFen: 1_000_000, minSales: 0, windowMonths: 12, qualifyMode: 'all', pricePct: 90, pointsPct: 200, birthdayPerk: '', feeFen: null, feeMonths: null, active: true },
    });
    expect(tierInput({ ...tierDraft, id: 7, lifetime: true, paid: true, fee: '99', feeMonths: '12' })).toMatchObject({ ok: true, value: { id: 7, windowMonths: null, feeFen: 9900, feeMonths: 12 } });
    expect(tierInput({ ...tierDraft, name: ' ', pricePct: '0', paid: true, fee: '' })).toEqual({
      ok: false,
      errors: { name: 'validation.required', pricePct: 'members.tiers.priceRange', fee: 'members.tiers.badAmount' },
    });
  });

  it('turns the rules form into rewards.setRules input and names out-of-range fields', () => {
    const d = {
      redeemPointsPerYuan: '100', redeemMaxSharePct: '50', expiryMode: 'months' as const, expiryMonths: '12', memberDayKind: 'monthday' as const,
      weekday: '6', monthday: '8', memberDayPointsPct: '200', enrolBonus: '0', birthdayBonus: '100', birthdayWindow: 'week' as const, referralBonus: '0', birthdayCoupon: '',
    };
    expect(rulesFrom(d)).toEqual({
      ok: true,
      value: {
        redeemPointsPerYuan: 100, redeemMaxSharePct: 50, expiry: { mode: 'months', months: 12 }, memberDay: { kind: 'monthday', day: 8 }, memberDayPointsPct: 200,
        enrolBonus: 0, birthdayBonus: 100, birthdayWindow: 'week', referralBonus: 0, birthdayCouponTemplateId: null,
      },
    });
    expect(rulesFrom({ ...d, expiryMode: 'never', memberDayKind: 'none', birthdayCoupon: '3' })).toMatchObject({ ok: true, value: { expiry: { mode: 'never' }, memberDay: null, birthdayCouponTemplateId: 3 } });
    const bad = rulesFrom({ ...d, redeemPointsPerYuan: '0', memberDayPointsPct: '50' });
    expect(bad.ok).toBe(false);
    expect(Object.keys(bad.ok ? {} : bad.errors)).toEqual(['redeemPointsPerYuan', 'memberDayPointsPct']);
  });
});
