// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { pageCount, summarizeDetails } from './audit-format.js';

describe('audit details', () => {
  it('shows only what changed in a before/after pair', () => {
    const d = summarizeDetails({ before: { name: '张', role: 'cashier', active: true }, after: { name: '张', role: 'manager', active: true } });
    expect(d.text).toBe('role: cashier → manager');
    expect(JSON.parse(d.full)).toHaveProperty('before');
  });

  it('lists plain details and cuts long ones', () => {
    expect(summarizeDetails({ name: '刘小明', role: 'cashier' }).text).toBe('name: 刘小明; role: cashier');
    expect(summarizeDetails(null)).toEqual({ text: '', full: '' });
    const long = summarizeDetails({ note: 'x'.repeat(400) }).text;
    expect(long.length).toBe(160);
    expect(long.endsWith('…')).toBe(true);
  });

  it('counts pages, at least one', () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(20, 20)).toBe(1);
    expect(pageCount(21, 20)).toBe(2);
  });
});
