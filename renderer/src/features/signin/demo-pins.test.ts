import { describe, expect, it } from 'vitest';
import { demoPinHints } from './demo-pins.js';

describe('demo PIN hints', () => {
  it('hints the sample PINs shop.status carries, by staff name', () => {
    const pins = [{ name: '张小丽', pin: '1111' }, { name: '王店主', pin: '8888' }];
    expect(demoPinHints([{ id: 3, name: '张小丽', role: 'cashier' }], pins)).toEqual([{ id: 3, name: '张小丽', role: 'cashier', pin: '1111' }]);
  });

  it('leaves out anyone without a known PIN', () => {
    expect(demoPinHints([{ id: 9, name: '陌生人', role: 'cashier' }], [{ name: '张小丽', pin: '1111' }])).toEqual([]);
  });
});
