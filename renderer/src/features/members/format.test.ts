import { describe, expect, it } from 'vitest';
import { gs1CheckDigit } from '../../../../shared/barcode.js';
import {
  birthdayProblem,
  bytesToBase64,
  discountLabel,
  ean13Modules,
  formatBirthday,
  intInput,
  monthName,
  multiplierLabel,
  signedPoints,
  splitTags,
  weekdayName,
  yuanInput,
} from './format.js';

describe('members format', () => {
  it('says a tier discount the way the counter does', () => {
    expect(discountLabel(95, 'zh-CN')).toBe('9.5折');
    expect(discountLabel(90, 'zh-CN')).toBe('9折');
    expect(discountLabel(88, 'zh-CN')).toBe('8.8折');
    expect(discountLabel(5, 'zh-CN')).toBe('0.5折');
    expect(discountLabel(100, 'zh-CN')).toBe('无折扣');
    expect(discountLabel(95, 'en')).toBe('5% off');
    expect(discountLabel(100, 'en')).toBe('No discount');
  });

  it('shows points percentages as multipliers', () => {
    expect(multiplierLabel(100)).toBe('×1');
    expect(multiplierLabel(150)).toBe('×1.5');
    expect(multiplierLabel(200)).toBe('×2');
    expect(multiplierLabel(125)).toBe('×1.25');
  });

  it('checks birthdays as typed: MM-DD or YYYY-MM-DD, real dates only', () => {
    expect(birthdayProblem('')).toBeNull();
    expect(birthdayProblem('03-21')).toBeNull();
    expect(birthdayProblem('02-29')).toBeNull();
    expect(birthdayProblem('1990-03-21')).toBeNull();
    expect(birthdayProblem('3-21')).toBe('format');
    expect(birthdayProblem('13-01')).toBe('format');
    expect(birthdayProblem('02-30')).toBe('date');
    expect(birthdayProblem('2023-02-29')).toBe('date');
    expect(birthdayProblem('2999-01-01')).toBe('date');
  });

  it('names months for the birthday filter', () => {
    expect(monthName(3, 'zh-CN')).toBe('3月');
    expect(monthName(12, 'en')).toBe('December');
  });

  it('formats birthdays with and without a year', () => {
    expect(formatBirthday('03-21', 'zh-CN')).toBe('3月21日');
    expect(formatBirthday('1990-03-21', 'zh-CN')).toBe('1990年3月21日');
    expect(formatBirthday('03-21', 'en')).toBe('March 21');
    expect(formatBirthday(null, 'en')).toBe('');
  });

  it('parses typed money and whole numbers', () => {
    expect(yuanInput('')).toBeNull();
    expect(yuanInput('12.5')).toBe(1250);
    expect(yuanInput('12.345')).toBeUndefined();
    expect(yuanInput('-1')).toBeUndefined();
    expect(intInput('42', 0, 100)).toBe(42);
    expect(intInput('-5', -10, 10)).toBe(-5);
    expect(intInput('101', 0, 100)).toBeUndefined();
    expect(intInput('1.5', 0, 100)).toBeUndefined();
    expect(intInput(' ', 0, 100)).toBeNull();
  });

  it('splits tags on the separators people type', () => {
    expect(splitTags('老顾客, 学生，宝妈、学生')).toEqual(['老顾客', '学生', '宝妈']);
    expect(splitTags('  ')).toEqual([]);
  });

  it('signs points and names weekdays', () => {
    expect(signedPoints(1200, 'en')).toBe('+1,200');
    expect(signedPoints(-50, 'zh-CN')).toBe('−50');
    expect(signedPoints(0, 'en')).toBe('0');
    expect(weekdayName(0, 'zh-CN')).toBe('星期日');
    expect(weekdayName(3, 'en')).toBe('Wednesday');
  });

  it('encodes file bytes as base64', () => {
    expect(bytesToBase64(new TextEncoder().encode('phone,name\n'))).toBe(btoa('phone,name\n'));
    const big = new Uint8Array(100_000).map((_, i) => i % 256);
    expect(atob(bytesToBase64(big)).length).toBe(100_000);
  });

  it('draws EAN-13 card numbers with guards and the right parity', () => {
    const body = '290000000300';
    const code = body + String(gs1CheckDigit(body));
    const m = ean13Modules(code)!;
    expect(m).toHaveLength(95);
    expect(m.startsWith('101')).toBe(true);
    expect(m.slice(45, 50)).toBe('01010');
    expect(m.endsWith('101')).toBe(true);
    // 4006381333931, a textbook example: first digit 4 → parity LGLLGG; digit 0 in L is 0001101.
    const book = ean13Modules('4006381333931')!;
    expect(book.slice(3, 10)).toBe('0001101');
    expect(book.slice(10, 17)).toBe('0100111'); // 0 in G
    expect(ean13Modules('123')).toBeNull();
  });
});
