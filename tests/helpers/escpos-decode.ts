import iconv from 'iconv-lite';

/**
 * A small ESC/POS decoder for tests: printed bytes → the text lines a printer would print,
 * plus the commands that matter to a till (cut, drawer pulse, barcode data). No such decoder
 * exists in npm or Debian (shared/toolchain-notes.md), so this covers what our renderer
 * (receiptline's `escpos`/`generic` dialects) emits and what hand-written jobs use.
 *
 * Model, kept deliberately simple:
 * - Positions are in dots; a Font A character is 12 dots wide (what receiptline assumes):
 *   GS L (left margin), ESC $ (absolute), ESC \ (relative) move the print position, so
 *   columns and centring come out as spaces.
 * - Text: in Kanji mode (FS & on, FS . off) bytes 0x81–0xFE start a GB18030 character
 *   (2 bytes, or 4 when the second is a digit) 2 columns wide; other bytes are ASCII,
 *   1 column. GS ! / ESC ! width multipliers scale the columns.
 * - Outside Kanji mode bytes ≥ 0x80 are code-page characters; receiptline only uses them for
 *   ruled lines, so they decode to '-', '|' or '+' (others to '?').
 * - ESC a (alignment) applies to a whole line, relative to the print area (GS W or `cpl`).
 * - LF ends a line. Trailing spaces are trimmed from `lines`; `widths` keep the used width.
 * Anything unknown is recorded in `unknown` (tests should expect it empty) and skipped.
 */

export interface DecodedCommand {
  /** A short name (`init`, `cut`, `drawer`, `barcode`, `align`, `size`, …). */
  name: string;
  /** Raw bytes of the command, parameters and data included. */
  bytes: number[];
}

export interface Barcode {
  /** GS k m: 65+ in the length-prefixed form (73 = CODE128), 0–6 in the NUL-ended form. */
  type: number;
  /** Human-readable data (CODE128 code-set switches removed, code C pairs expanded). */
  data: string;
}

export interface Decoded {
  lines: string[];
  /** Printed width of each line in Font A columns (CJK = 2, scaled by GS !). */
  widths: number[];
  text: string;
  commands: DecodedCommand[];
  barcodes: Barcode[];
  /** Number of GS V cuts. */
  cuts: number;
  /** ESC p m t1 t2 drawer pulses. */
  drawerPulses: Array<{ pin: number; onMs: number; offMs: number }>;
  /** QR code data stored with GS ( k (receiptline's dialects print QR codes as images instead). */
  qrCodes: string[];
  /** Raster images (GS v 0, GS 8 L): QR codes and logos print this way. */
  images: number;
  unknown: DecodedCommand[];
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const LF = 0x0a;
const CHAR_DOTS = 12;

export function decodeEscPos(input: Uint8Array, options: { cpl?: number } = {}): Decoded {
  const b = input;
  const out: Decoded = { lines: [], widths: [], text: '', commands: [], barcodes: [], qrCodes: [], cuts: 0, drawerPulses: [], images: 0, unknown: [] };

  // Printer state.
  let kanji = false;
  let scale = 1; // character width multiplier
  let leftMargin = 0; // dots
  const defaultArea = (options.cpl ?? 48) * CHAR_DOTS;
  let areaWidth = defaultArea; // dots
  let align = 0;
  let pos = 0; // dots from the left margin
  let cells: string[] = []; // one entry per column; '' = covered by a wide character

  const put = (ch: string, columns: number) => {
    const col = Math.round((leftMargin + pos) / CHAR_DOTS);
    while (cells.length < col + columns) cells.push(' ');
    cells[col] = ch;
    for (let i = 1; i < columns; i++) cells[col + i] = '';
    pos += columns * CHAR_DOTS;
  };
  const endLine = () => {
    let used = cells.length;
    while (used > 0 && cells[used - 1] === ' ') used--;
    let shift = 0;
    if (align !== 0 && used > 0) {
      // Centre/right within the print area; receiptline itself centres with GS L instead.
      const marginCols = Math.round(leftMargin / CHAR_DOTS);
      const free = Math.max(0, Math.floor(areaWidth / CHAR_DOTS) - (used - marginCols));
      shift = align === 1 ? Math.floor(free / 2) : free;
    }
    out.lines.push(' '.repeat(shift) + cells.slice(0, used).join(''));
    out.widths.push(used === 0 ? 0 : used + shift);
    cells = [];
    pos = 0;
  };
  const u16 = (at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
  const record = (name: string, start: number, end: number) => {
    const cmd = { name, bytes: Array.from(b.subarray(start, end)) };
    (name === 'unknown' ? out.unknown : out.commands).push(cmd);
    return end;
  };

  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const p1 = b[i + 1] ?? -1;
    if (c === ESC) {
      const n = b[i + 2] ?? 0;
      switch (String.fromCharCode(p1)) {
        case '@': kanji = false; scale = 1; leftMargin = 0; areaWidth = defaultArea; align = 0; i = record('init', i, i + 2); break;
        case 'a': align = n % 48; i = record('align', i, i + 3); break;
        case '!': scale = n & 0x20 ? 2 : 1; i = record('size', i, i + 3); break;
        case '$': pos = u16(i + 2); i = record('position', i, i + 4); break;
        case '\\': pos += (u16(i + 2) << 16) >> 16; i = record('position', i, i + 4); break; // signed
        case 'p': out.drawerPulses.push({ pin: n % 48, onMs: (b[i + 3] ?? 0) * 2, offMs: (b[i + 4] ?? 0) * 2 }); i = record('drawer', i, i + 5); break;
        case '2': i = record('line-spacing', i, i + 2); break;
        case 'd': case 'J': endLine(); i = record('feed', i, i + 3); break; // print and feed
        case 'E': case 'G': case '-': case 'M': case ' ': case '3': case '{': case 't': case 'R': case 'V': case 'r':
          i = record(`ESC ${String.fromCharCode(p1)}`, i, i + 3); break;
        default: i = record('unknown', i, i + 2);
      }
    } else if (c === GS) {
      const n = b[i + 2] ?? 0;
      switch (String.fromCharCode(p1)) {
        case '!': scale = (n >> 4) + 1; i = record('size', i, i + 3); break;
        case 'L': leftMargin = u16(i + 2); i = record('left-margin', i, i + 4); break;
        case 'W': areaWidth = u16(i + 2); i = record('area-width', i, i + 4); break;
        case 'V': out.cuts++; i = record('cut', i, i + ([65, 66, 97, 98, 103, 104].includes(n) ? 4 : 3)); break;
        case 'k': i = barcode(i); break;
        case '(': i = gsParen(i); break;
        case '8': out.images++; i = record('image', i, i + 7 + (u16(i + 3) | (u16(i + 5) << 16))); break; // GS 8 L p1..p4 data
        case 'v': out.images++; i = record('image', i, i + 8 + u16(i + 4) * u16(i + 6)); break; // GS v 0 m xL xH yL yH data
        case 'a': case 'B': case 'H': case 'h': case 'w': case 'r': case 'f': case 'b': case 'E': case '/':
          i = record(`GS ${String.fromCharCode(p1)}`, i, i + 3); break;
        default: i = record('unknown', i, i + 2);
      }
    } else if (c === FS) {
      switch (String.fromCharCode(p1)) {
        case '&': kanji = true; i = record('kanji-on', i, i + 2); break;
        case '.': kanji = false; i = record('kanji-off', i, i + 2); break;
        case '(': i = record(`FS ( ${String.fromCharCode(b[i + 2] ?? 0)}`, i, i + 5 + u16(i + 3)); break;
        case 'S': case 'p': i = record(`FS ${String.fromCharCode(p1)}`, i, i + 4); break;
        case 'C': case '!': case '-': case 'W': i = record(`FS ${String.fromCharCode(p1)}`, i, i + 3); break;
        default: i = record('unknown', i, i + 2);
      }
    } else if (c === DLE && (p1 === 0x04 || p1 === 0x05)) {
      i = record('status', i, i + 3); // DLE EOT n / DLE ENQ n: real-time requests, nothing printed
    } else if (c === LF) {
      endLine();
      i++;
    } else if (c < 0x20 || c === 0x7f) {
      i++; // CR, HT and other controls print nothing here
    } else if (c < 0x80) {
      put(String.fromCharCode(c), scale);
      i++;
    } else if (kanji && c >= 0x81 && c <= 0xfe) {
      const len = p1 >= 0x30 && p1 <= 0x39 ? 4 : 2;
      put(iconv.decode(Buffer.from(b.subarray(i, i + len)), 'gb18030'), 2 * scale);
      i += len;
    } else {
      put(c === 0x95 ? '-' : c === 0x96 ? '|' : c >= 0x8f && c <= 0x9f ? '+' : '?', scale);
      i++;
    }
  }
  if (cells.length > 0) endLine();
  out.text = out.lines.join('\n');
  return out;

  /** GS ( fn pL pH data…: QR codes (GS ( k, cn 49, fn 80 stores the data), GS ( L graphics, etc. */
  function gsParen(start: number): number {
    const fn = String.fromCharCode(b[start + 2] ?? 0);
    const end = start + 5 + u16(start + 3);
    if (fn === 'k' && b[start + 5] === 49 && b[start + 6] === 80) {
      out.qrCodes.push(Buffer.from(b.subarray(start + 8, end)).toString('utf8'));
    }
    return record(`GS ( ${fn}`, start, end);
  }

  /** GS k m …: form A (m ≤ 6) data ends with NUL; form B (m ≥ 65) has a length byte. */
  function barcode(start: number): number {
    const m = b[start + 2] ?? 0;
    let data: Uint8Array;
    let end: number;
    if (m <= 6) {
      const nul = b.indexOf(0, start + 3);
      end = nul < 0 ? b.length : nul + 1;
      data = b.subarray(start + 3, nul < 0 ? b.length : nul);
    } else {
      const n = b[start + 3] ?? 0;
      end = start + 4 + n;
      data = b.subarray(start + 4, end);
    }
    out.barcodes.push({ type: m, data: m === 73 ? code128Text(data) : Buffer.from(data).toString('latin1') });
    return record('barcode', start, end);
  }
}

/**
 * CODE128 data as ESC/POS sends it: `{A` `{B` `{C` select code sets, `{S` shifts one
 * character, `{1`–`{4` are FNC codes (dropped), `{{` is a literal `{`; in code set C each
 * byte is a number 0–99 printed as two digits.
 */
export function code128Text(data: Uint8Array): string {
  let set = 'B';
  let text = '';
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (c === 0x7b && i + 1 < data.length) {
      const next = String.fromCharCode(data[++i]!);
      if (next === 'A' || next === 'B' || next === 'C') set = next;
      else if (next === '{') text += '{';
      else if (next === 'S') text += String.fromCharCode(data[++i] ?? 0);
      continue;
    }
    text += set === 'C' ? String(c).padStart(2, '0') : String.fromCharCode(c);
  }
  return text;
}

/** Display width of decoded text: CJK and other non-ASCII characters take 2 columns. */
export function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.codePointAt(0)! < 0x80 ? 1 : 2;
  return n;
}
