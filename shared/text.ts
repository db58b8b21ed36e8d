/**
 * Text people type reaches receipts, CSV files and other staff's screens. Characters nobody
 * can see there do harm: NUL and other control characters cut or garble a printed line, bidi
 * overrides (U+202A–U+202E, U+2066–U+2069) make "张三" display as something else, zero-width
 * characters and stray BOMs make two equal-looking names differ. These helpers are the one
 * place that decides what such a character is; the contract (shared/contract/common.ts), the
 * CSV imports and the receipt and CSV writers all use them.
 *
 * Invisible = control characters (C0, DEL, C1), format characters (bidi marks, overrides
 * and isolates, zero-width space, word joiner, BOM, soft hyphen, tag characters) and lone
 * surrogates (half an emoji, which no encoder can write). The zero-width joiner and
 * non-joiner are kept inside text: emoji sequences (👨‍👩‍👧) and some scripts need them, and
 * they can neither reorder text nor start a formula.
 */

/** Every kind of line break, \r\n counted once; U+0085, U+2028 and U+2029 are breaks too. */
const LINE_BREAKS = /\r\n|[\n\r\u0085\u2028\u2029]/g;
/** Whitespace controls that separate words: they become a space rather than vanish, so words stay apart. */
const SPACING_CONTROLS = /[\t\v\f]/g;
const INVISIBLE = /[\p{Cc}\p{Cs}]|(?![\u200c\u200d])\p{Cf}/gu;
const INVISIBLE_BUT_NEWLINE = /(?!\n)[\p{Cc}\p{Cs}]|(?![\u200c\u200d])\p{Cf}/gu;
/** Any invisible character, the joiners included (an identifier has no use for them). */
const ANY_INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/u;
/** Joiners left at either end join nothing; ordinary whitespace there is trimmed as usual. */
const EDGES = /^[\s\u200c\u200d]+|[\s\u200c\u200d]+$/g;

/**
 * Removes invisible characters without trimming. Line breaks become `\n` (keepNewlines)
 * or a space; tabs and other spacing controls become a space.
 */
export function stripInvisible(text: string, keepNewlines: boolean): string {
  return text
    .replace(LINE_BREAKS, keepNewlines ? '\n' : ' ')
    .replace(SPACING_CONTROLS, ' ')
    .replace(keepNewlines ? INVISIBLE_BUT_NEWLINE : INVISIBLE, '');
}

/** One line of free text (a name, a label, a search): invisible characters gone, breaks and tabs as spaces, trimmed. */
export function cleanLine(text: string): string {
  return stripInvisible(text, false).replace(EDGES, '');
}

/** Free text that may span lines (a note, a complaint, a receipt header): as cleanLine, but line breaks stay `\n`. */
export function cleanText(text: string): string {
  return stripInvisible(text, true).replace(EDGES, '');
}

/** Whether the text holds any invisible character (joiners included): identifiers with one are refused. */
export function hasInvisible(text: string): boolean {
  return ANY_INVISIBLE.test(text);
}
