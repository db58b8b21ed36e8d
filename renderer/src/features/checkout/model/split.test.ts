import { describe, expect, it } from 'vitest';
import { planSplit } from './split.js';

describe('payment split', () => {
  it('all cash by default, exact or with change', () => {
    expect(planSplit({ dueFen: 1234, absorber: 'cash', amounts: {} })).toMatchObject({
      payments: [{ method: 'cash', amountFen: 1234, tenderedFen: null }], changeFen: 0, problem: null,
    });
    expect(planSplit({ dueFen: 1234, absorber: 'cash', amounts: {}, tendered: '20' })).toMatchObject({
      payments: [{ method: 'cash', amountFen: 1234, tenderedFen: 2000 }], changeFen: 766, problem: null,
    });
  });

  it('part WeChat part cash: cash takes the rest and gives change on it', () => {
    const p = planSplit({ dueFen: 2590, absorber: 'cash', amounts: { wechat: '10' }, tendered: '20' });
    expect(p.payments).toEqual([
      { method: 'cash', amountFen: 1590, tenderedFen: 2000 },
      { method: 'wechat', amountFen: 1000, tenderedFen: null },
    ]);
    expect(p.changeFen).toBe(410);
  });

  it('all on another method', () => {
    const p = planSplit({ dueFen: 990, absorber: 'alipay', amounts: {}, tendered: '50' });
    expect(p.payments).toEqual([{ method: 'alipay', amountFen: 990, tenderedFen: null }]);
    expect(p.changeFen).toBe(0);
  });

  it('names what is wrong', () => {
    expect(planSplit({ dueFen: 500, absorber: 'cash', amounts: { card: '6' } }).problem).toBe('over_due');
    expect(planSplit({ dueFen: 500, absorber: 'cash', amounts: { card: '1.234' } })).toMatchObject({ problem: 'amount_invalid', problemMethod: 'card' });
    expect(planSplit({ dueFen: 500, absorber: 'cash', amounts: {}, tendered: '4' }).problem).toBe('tendered_short');
    expect(planSplit({ dueFen: 500, absorber: 'cash', amounts: {}, tendered: 'abc' }).problem).toBe('tendered_invalid');
    expect(planSplit({ dueFen: 0, absorber: 'cash', amounts: {} })).toMatchObject({ problem: null, payments: [] });
  });

  it('offers stored value only when asked, capped at the balance', () => {
    const methods = ['cash', 'card', 'wechat', 'alipay', 'stored_value'] as const;
    const ok = planSplit({ dueFen: 3000, methods, absorber: 'stored_value', amounts: { cash: '10' }, limits: { stored_value: 2000 } });
    expect(ok.payments).toEqual([
      { method: 'cash', amountFen: 1000, tenderedFen: null },
      { method: 'stored_value', amountFen: 2000, tenderedFen: null },
    ]);
    expect(ok.problem).toBeNull();
    expect(planSplit({ dueFen: 3000, methods, absorber: 'stored_value', amounts: {}, limits: { stored_value: 2000 } })).toMatchObject({ problem: 'over_limit', problemMethod: 'stored_value' });
    expect(planSplit({ dueFen: 3000, absorber: 'cash', amounts: { stored_value: '5' } }).payments).toEqual([{ method: 'cash', amountFen: 3000, tenderedFen: null }]);
  });

  it('never pays a method zero', () => {
    const p = planSplit({ dueFen: 500, absorber: 'cash', amounts: { wechat: '5' } });
    expect(p.payments).toEqual([{ method: 'wechat', amountFen: 500, tenderedFen: null }]);
  });
});
