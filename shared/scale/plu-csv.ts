/**
 * The PLU list for the label scale's loading software (e.g. 大华 TMA, 顶尖 LINK). One layout,
 * documented in the README (Weighed goods › PLU file): UTF-8 with a BOM (the vendors' tools and
 * Excel read it), CRLF line ends, a header row, then one row per weighed product, by PLU:
 *
 *   PLU,名称,单价(元/kg),条码模板,条码前缀
 *
 * The price is per kg in yuan with two decimals whatever the shop's own unit (a per-100 g
 * price is multiplied by 10). Products sold by count are not on the scale: they keep their
 * own barcodes.
 */
import { fenToYuanString } from '../money.js';
import { perKgFen, type PricePer } from './weigh-price.js';

export interface PluRow {
  plu: string;
  name: string;
  priceFen: number;
  per: PricePer;
  templateName: string;
  prefix: string;
}

export const PLU_HEADER = ['PLU', '名称', '单价(元/kg)', '条码模板', '条码前缀'] as const;

/** A cell made safe for CSV and for spreadsheets (no formula injection). */
function cell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function pluCsv(rows: readonly PluRow[]): string {
  const lines = [PLU_HEADER.join(',')];
  for (const r of rows) {
    lines.push([r.plu, r.name, fenToYuanString(perKgFen(r.priceFen, r.per)), r.templateName, r.prefix].map(cell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
