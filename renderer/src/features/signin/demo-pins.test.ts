// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { demoPinHints, rememberDemoPins } from './demo-pins.js';

beforeEach(() => localStorage.clear());

describe('demo PIN hints', () => {
  it('hints the PINs shop.setupDemo returned', () => {
    rememberDemoPins([{ name: 'Amy', pin: '4242' }]);
    expect(demoPinHints([{ id: 7, name: 'Amy', role: 'cashier' }])).toEqual([{ id: 7, name: 'Amy', role: 'cashier', pin: '4242' }]);
  });

  it('knows the standard demo staff of a shop made from the command line', () => {
    expect(demoPinHints([{ id: 3, name: '张小丽', role: 'cashier' }])[0]?.pin).toBe('1111');
  });

  it('leaves out anyone without a known PIN', () => {
    expect(demoPinHints([{ id: 9, name: '陌生人', role: 'cashier' }])).toEqual([]);
  });
});
