import { barcode } from 'receiptline';
import type { Locale } from '../../../shared/contract/common.js';
import type { PaperWidth, ReceiptData } from '../../../shared/contract/receipt.js';
import { printLabels, type PrintLabels } from './labels.js';
import { formatKg } from '../../../shared/scale/weigh-price.js';
import { RULE, cplFor, esc, escProperty, field, indent, left, pair, printTime, yuan } from './markup.js';

export interface ReceiptTemplateOptions {
  paperWidth: PaperWidth;
  locale: Locale;
  /**
   * How the receipt number is printed for scanning at refund time. CODE128 fits any
   * `YYYYMMDD-NNNN` number on 58 mm paper and every handheld scanner reads it; QR is for
   * shops whose scanner is a camera. Default 'barcode'.
   */
  code?: 'barcode' | 'qr' | 'none';
}

/**
 * ReceiptData → ReceiptLine markup. ReceiptLine wraps and aligns for the paper width at
 * render time (render.ts); the template uses paperWidth only to check the barcode fits.
 */
export function receiptMarkup(data: ReceiptData, options: ReceiptTemplateOptions): string {
  const t = printLabels(options.locale);
  const out: string[] = [];

  header(data, t, out);
  out.push(RULE);
  items(data, t, out);
  out.push(RULE);
  totals(data, t, out);
  payments(data, t, out);
  if (data.member) {
    out.push(RULE);
    member(data.member, t, out);
  }
  out.push(RULE);
  code(data.receiptNo, options.code ?? 'barcode', cplFor(options.paperWidth), out);
  for (const line of splitLines(data.shop.footer)) out.push(esc(line));
  return out.join('\n');
}

function header(data: ReceiptData, t: PrintLabels, out: string[]): void {
  // ^^^ = double width and height; ReceiptLine wraps it at half the line width.
  out.push(`^^^${esc(data.shop.name)}`);
  for (const line of splitLines(data.shop.header)) out.push(esc(line));
  // Markers go up top and bold so the cashier sees them before handing the paper over.
  if (data.kind === 'refund') out.push(`"^^${esc(t.refund)}`);
  if (data.reprint) out.push(`"${esc(`*** ${t.reprint} ***`)}`);
  out.push(RULE);
  out.push(field(t.receiptNo, data.receiptNo, t.sep));
  if (data.kind === 'refund' && data.refundOf) out.push(field(t.refundOf, data.refundOf, t.sep));
  out.push(field(t.time, printTime(data.soldAt), t.sep));
  out.push(field(t.cashier, data.cashier, t.sep));
}

function items(data: ReceiptData, t: PrintLabels, out: string[]): void {
  for (const line of data.lines) {
    // Name on its own line: Chinese names are long and 58 mm has room for 16 characters.
    out.push(left(esc(line.name)));
    // A weighed line (称重): its weight × the price per kg (or 100 g), e.g. "1.250kg × ￥12.80/kg".
    const what = line.weight ? `${formatKg(Math.abs(line.weight.grams))}kg × ${yuan(line.weight.unitPriceFen)}/${line.weight.per}` : `${line.qty} × ${yuan(line.unitPriceFen)}`;
    out.push(pair(indent(esc(what)), esc(yuan(line.totalFen))));
    if (line.discountFen !== 0) out.push(pair(indent(esc(t.itemDiscount)), esc(yuan(-line.discountFen))));
  }
}

function totals(data: ReceiptData, t: PrintLabels, out: string[]): void {
  out.push(pair(esc(t.subtotal), esc(yuan(data.subtotalFen))));
  if (data.discountFen !== 0) out.push(pair(esc(t.discount), esc(yuan(-data.discountFen))));
  for (const d of data.deductions ?? []) {
    const label = d.kind === 'coupon' ? t.couponUsed(d.name) : d.kind === 'promotion' ? t.promotionUsed(d.name) : t.pointsUsed(d.points ?? 0);
    out.push(pair(indent(esc(label)), esc(yuan(-d.amountFen))));
  }
  if (data.roundingFen !== 0) out.push(pair(esc(t.rounding), esc(yuan(-data.roundingFen))));
  // ^^ = double height only: the total stands out but never needs more width than it has.
  const label = data.kind === 'refund' ? t.refundTotal : t.total;
  out.push(pair(`"^^${esc(label)}`, `"^^${esc(yuan(data.totalFen))}`));
}

function payments(data: ReceiptData, t: PrintLabels, out: string[]): void {
  for (const p of data.payments) {
    out.push(pair(esc(t.methods[p.method]), esc(yuan(p.amountFen))));
    if (p.method !== 'cash') continue;
    if (p.tenderedFen !== null) out.push(pair(indent(esc(t.tendered)), esc(yuan(p.tenderedFen))));
    if (p.changeFen !== null) out.push(pair(indent(esc(t.change)), esc(yuan(p.changeFen))));
  }
}

function member(m: NonNullable<ReceiptData['member']>, t: PrintLabels, out: string[]): void {
  out.push(pair(esc(t.member), esc(m.name)));
  out.push(pair(esc(t.phone), esc(m.maskedPhone)));
  out.push(pair(esc(t.tier), esc(m.tier)));
  if (m.upgradedTo) out.push(left(`"${esc(t.upgradedTo(m.upgradedTo))}`));
  if (m.pointsEarned !== null) out.push(pair(esc(t.pointsEarned), esc(signed(m.pointsEarned))));
  if (m.pointsBalance !== null) out.push(pair(esc(t.pointsBalance), esc(String(m.pointsBalance))));
  for (const note of m.notes) out.push(left(esc(note)));
}

function code(receiptNo: string, kind: 'barcode' | 'qr' | 'none', cpl: number, out: string[]): void {
  if (kind === 'none' || receiptNo === '') return;
  // Module width 2 (the narrowest ReceiptLine allows), 60 dots high, digits printed under the bars.
  // Printers silently drop a barcode wider than the paper, so a long number falls back to QR.
  const fits = barcode.generate({ data: receiptNo, type: 'code128', width: 2, height: 60, hri: true }).length <= cpl * DOTS_PER_CHAR;
  if (kind === 'barcode' && fits) out.push(`{code:${escProperty(receiptNo)}; option:code128,2,60,hri}`);
  else out.push(`{code:${escProperty(receiptNo)}; option:qrcode,4,m}`, esc(receiptNo));
}

/** Font A is 12 dots wide: 32 × 12 = 384 dots on 58 mm, 48 × 12 = 576 on 80 mm. */
const DOTS_PER_CHAR = 12;

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function splitLines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
}
