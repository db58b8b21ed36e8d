import { parseYuan } from '../../../../shared/money.js';
import { parseLocalDateTime } from '../../i18n/format.js';

/**
 * Display helpers for the members and rewards screens. Pure, so they are unit-tested;
 * money itself goes through i18n/format.ts (formatMoney).
 */

/** A tier's price percentage as the counter says it: 95 → 9.5折 (zh), "5% off" (en); 100 → no discount. */
export function discountLabel(pricePct: number, locale: string): string {
  if (pricePct >= 100) return locale.startsWith('zh') ? '无折扣' : 'No discount';
  if (locale.startsWith('zh')) {
    // 95 → 9.5, 90 → 9, 88 → 8.8, 5 → 0.5
    const tenths = pricePct / 10;
    return `${Number.isInteger(tenths) ? String(tenths) : tenths.toFixed(1)}折`;
  }
  return `${100 - pricePct}% off`;
}

/** A points percentage as a multiplier: 150 → ×1.5, 200 → ×2. */
export function multiplierLabel(pct: number): string {
  const x = pct / 100;
  return `×${Number.isInteger(x) ? String(x) : String(Math.round(x * 100) / 100)}`;
}

/** `YYYY-MM-DD` (or a local date-time) as a date in the shop's locale. */
export function formatDate(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const d = parseLocalDateTime(value);
  if (!d) return value;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** A birthday as typed (`MM-DD` or `YYYY-MM-DD`) in the shop's locale: 3月21日 / March 21, with the year when known. */
export function formatBirthday(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const m = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  const year = m[1] ? Number(m[1]) : 2000; // a leap year, so 02-29 survives
  const d = new Date(year, Number(m[2]) - 1, Number(m[3]));
  return new Intl.DateTimeFormat(locale, m[1] ? { year: 'numeric', month: 'long', day: 'numeric' } : { month: 'long', day: 'numeric' }).format(d);
}

/** Month names for the birthday-month filter: 1 → 1月 / January. */
export function monthName(month: number, locale: string): string {
  // Tills say 3月, not 三月 (what some ICU builds give for a long month name).
  if (locale.startsWith('zh')) return `${month}月`;
  return new Intl.DateTimeFormat(locale, { month: 'long' }).format(new Date(2000, month - 1, 1));
}

/** Weekday names, 0 = Sunday (the contract's numbering). */
export function weekdayName(weekday: number, locale: string): string {
  // 2000-01-02 was a Sunday.
  return new Intl.DateTimeFormat(locale, { weekday: 'long' }).format(new Date(2000, 0, 2 + weekday));
}

/** Birthday as typed in a form: empty, `MM-DD` or `YYYY-MM-DD`, and a real date. */
export function birthdayProblem(text: string): 'format' | 'date' | null {
  const v = text.trim();
  if (!v) return null;
  const m = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/.exec(v);
  if (!m) return 'format';
  const year = m[1] ? Number(m[1]) : 2000;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return 'format';
  const d = new Date(year, month - 1, day);
  if (d.getMonth() !== month - 1 || d.getDate() !== day) return 'date';
  if (m[1] && (year < 1900 || d > new Date())) return 'date';
  return null;
}

/** A yuan amount typed in a filter or form: '' → null (no value), else fen, or undefined when invalid. */
export function yuanInput(text: string): number | null | undefined {
  const v = text.trim();
  if (!v) return null;
  const fen = parseYuan(v);
  return fen === null || fen < 0 ? undefined : fen;
}

/** A whole number typed in a form: '' → null, else the integer, or undefined when not a whole number in range. */
export function intInput(text: string, min: number, max: number): number | null | undefined {
  const v = text.trim();
  if (!v) return null;
  if (!/^-?\d{1,9}$/.test(v)) return undefined;
  const n = Number(v);
  return n < min || n > max ? undefined : n;
}

/** Splits typed tags ("老顾客, 学生 宝妈") into distinct, trimmed tags. */
export function splitTags(text: string): string[] {
  return [...new Set(text.split(/[,，、;；\s]+/).map((t) => t.trim()).filter(Boolean))];
}

/** Signed points for a statement: +120 / −50 (a real minus sign reads better than a hyphen). */
export function signedPoints(delta: number, locale: string): string {
  const n = new Intl.NumberFormat(locale).format(Math.abs(delta));
  return delta > 0 ? `+${n}` : delta < 0 ? `−${n}` : '0';
}

/** File contents as base64 (what members.importCsv takes), without reading it as text (GBK files stay intact). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/**
 * EAN-13 as 95 bar modules ('1' = bar), for the printable member card. Card numbers are
 * EAN-13 codes in the in-store range (prefix 29). Null when the text is not 13 digits.
 */
export function ean13Modules(code: string): string | null {
  if (!/^\d{13}$/.test(code)) return null;
  const L = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011'];
  const R = L.map((p) => [...p].map((b) => (b === '1' ? '0' : '1')).join(''));
  const G = R.map((p) => [...p].reverse().join(''));
  const PARITY = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL'];
  const digits = [...code].map(Number);
  const parity = PARITY[digits[0]!]!;
  let out = '101';
  for (let i = 1; i <= 6; i++) out += (parity[i - 1] === 'L' ? L : G)[digits[i]!]!;
  out += '01010';
  for (let i = 7; i <= 12; i++) out += R[digits[i]!]!;
  return out + '101';
}
