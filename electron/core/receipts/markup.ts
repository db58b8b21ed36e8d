import { fenToYuanString, type Fen } from '../../../shared/money.js';
import type { PaperWidth } from '../../../shared/contract/receipt.js';
import { stripInvisible } from '../../../shared/text.js';

/**
 * Small helpers for writing ReceiptLine markup (https://receiptline.github.io) safely.
 * Shop names, item names and notes are typed by people: any of ReceiptLine's special
 * characters in them must be escaped or they would turn into columns, rules or styles.
 */

/** Characters per line: 58 mm paper prints 32 Font A characters, 80 mm prints 48. */
export function cplFor(paperWidth: PaperWidth): 32 | 48 {
  return paperWidth === 58 ? 32 : 48;
}

/**
 * Escapes user text for a ReceiptLine text column. Control characters (including line
 * breaks) become spaces so one field can never start a new markup line; other invisible
 * characters (bidi overrides, zero-width, C1) go, for text saved before the contract cleaned
 * it (shared/text.ts).
 */
export function esc(text: string): string {
  // eslint-disable-next-line no-control-regex
  return stripInvisible(text.replace(/[\x00-\x1f\x7f]/g, ' '), false).replace(/[\\|{}\-=_"`^~]/g, (c) => `\\${c}`);
}

/** Escapes a value inside a `{key:value}` property (e.g. barcode data). */
export function escProperty(text: string): string {
  // eslint-disable-next-line no-control-regex
  return stripInvisible(text.replace(/[\x00-\x1f\x7f]/g, ''), false).replace(/[\\|{};]/g, (c) => `\\${c}`);
}

/**
 * Money for paper: `￥12.34`, `-￥0.50`. The full-width ￥ (U+FFE5) is GB2312 A3A4 and prints
 * on every Chinese printer; the half-width ¥ has no 2-byte GB18030 code and comes out garbled.
 */
export function yuan(fen: Fen): string {
  return `${fen < 0 ? '-' : ''}￥${fenToYuanString(Math.abs(fen))}`;
}

/** `2026-01-31T09:05:00` → `2026-01-31 09:05:00`. */
export function printTime(local: string): string {
  return local.replace('T', ' ');
}

/** One full-width line, left-aligned (a leading `|` means "left" in ReceiptLine). */
export function left(text: string): string {
  return `|${text}`;
}

/** `label：value` as one left-aligned line that wraps as a whole (long dates, numbers). */
export function field(label: string, value: string, sep: string): string {
  return left(esc(`${label}${sep}${value}`));
}

/** Label on the left, value on the right, on one line (values never wrap under labels). */
export function pair(label: string, value: string): string {
  return `${label} | ${value}`;
}

/** Indents by n spaces; `~` is ReceiptLine's non-trimmed space. */
export function indent(text: string, n = 2): string {
  return `${'~'.repeat(n)}${text}`;
}

export const RULE = '-';
