import { transform } from 'receiptline';
import type { PaperWidth } from '../../../shared/contract/receipt.js';
import { cplFor } from './markup.js';

/**
 * ReceiptLine markup → printer bytes, SVG (on-screen preview) or plain text. The same markup
 * feeds all three so the preview shows what the paper will show.
 */

/**
 * 'escpos' is Epson's dialect (raster images with GS 8 L). 'generic' uses the older GS v 0
 * raster command that cheap 58 mm clones (Xprinter, Gprinter…) also understand; text and
 * barcodes are the same in both.
 */
export type EscPosDialect = 'escpos' | 'generic';

export interface EscPosOptions {
  paperWidth: PaperWidth;
  /** Cut the paper at the end (GS V). Default true; printers without a cutter ignore it. */
  cutting?: boolean;
  dialect?: EscPosDialect;
}

export function toEscPos(markup: string, options: EscPosOptions): Uint8Array {
  const out = transform(markup, {
    cpl: cplFor(options.paperWidth),
    // GB18030 (a superset of GBK/GB2312) is the Chinese code page every ESC/POS printer sold in China has.
    encoding: 'gb18030',
    command: options.dialect ?? 'escpos',
    cutting: options.cutting ?? true,
  });
  // ReceiptLine returns printer commands as a "binary" string, one char per byte.
  return new Uint8Array(Buffer.from(out, 'binary'));
}

/** An SVG image of the receipt, for the preview on screen (fonts are the page's). */
export function toSvg(markup: string, paperWidth: PaperWidth): string {
  return transform(markup, { cpl: cplFor(paperWidth), encoding: 'gb18030', command: 'svg' });
}

/** Plain text, one receipt line per line; barcodes and images are left out. */
export function toText(markup: string, paperWidth: PaperWidth): string {
  return transform(markup, { cpl: cplFor(paperWidth), encoding: 'gb18030', command: 'text' });
}

/**
 * ESC p 0 25 250: pulse drawer pin 2 (connector pin 2, where nearly every drawer is wired)
 * on for 50 ms, off for 500 ms. Sent through the printer, which drives the drawer.
 */
export const CASH_DRAWER_PULSE: Readonly<Uint8Array> = Uint8Array.of(0x1b, 0x70, 0x00, 0x19, 0xfa);

/** Joins byte chunks into one job (e.g. drawer pulse + receipt). */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
