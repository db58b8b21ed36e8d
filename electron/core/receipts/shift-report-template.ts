import type { Locale } from '../../../shared/contract/common.js';
import type { PaperWidth, ShiftReport } from '../../../shared/contract/receipt.js';
import { printLabels } from './labels.js';
import { RULE, esc, field, indent, left, pair, printTime, yuan } from './markup.js';

export interface ShiftReportTemplateOptions {
  paperWidth: PaperWidth;
  locale: Locale;
  /** Shop-local `YYYY-MM-DDTHH:mm:ss`; printed so a second copy can be told apart. */
  printedAt?: string;
}

/** ShiftReport (交班报表) → ReceiptLine markup. */
export function shiftReportMarkup(r: ShiftReport, options: ShiftReportTemplateOptions): string {
  const t = printLabels(options.locale);
  const out: string[] = [];

  out.push(`^^^${esc(r.shopName)}`, `"^^${esc(t.shiftReport)}`, RULE);
  out.push(field(t.shift, `#${r.shiftId}`, t.sep));
  out.push(field(t.staff, r.staffName, t.sep));
  out.push(field(t.openedAt, printTime(r.openedAt), t.sep));
  out.push(field(t.closedAt, r.closedAt ? printTime(r.closedAt) : t.stillOpen, t.sep));
  out.push(RULE);
  out.push(pair(esc(t.salesCount), String(r.salesCount)));
  out.push(pair(esc(t.refundsCount), String(r.refundsCount)));
  out.push(RULE);

  // One block per method rather than a 3-column table: 58 mm has no room for
  // "微信支付 | ￥1234.56 | ￥12.00" on one line.
  out.push(left(`"${esc(t.byMethod)}`));
  for (const m of r.byMethod) {
    out.push(left(esc(t.methods[m.method])));
    out.push(pair(indent(esc(t.sales)), esc(yuan(m.salesFen))));
    out.push(pair(indent(esc(t.refunds)), esc(yuan(m.refundsFen))));
    if (m.topUpsFen) out.push(pair(indent(esc(t.topUps)), esc(yuan(m.topUpsFen))));
  }
  const sum = (f: (m: ShiftReport['byMethod'][number]) => number) => r.byMethod.reduce((a, m) => a + f(m), 0);
  out.push(pair(esc(t.salesTotal), esc(yuan(sum((m) => m.salesFen)))));
  out.push(pair(esc(t.refundsTotal), esc(yuan(sum((m) => m.refundsFen)))));
  out.push(RULE);

  out.push(pair(esc(t.openingFloat), esc(yuan(r.openingFloatFen))));
  out.push(pair(esc(t.expectedCash), esc(yuan(r.expectedCashFen))));
  out.push(pair(esc(t.countedCash), esc(r.countedCashFen === null ? t.notCounted : yuan(r.countedCashFen))));
  if (r.differenceFen !== null) {
    // Counted − expected: a surplus is 长款 (over), a shortfall 短款 (short).
    const word = r.differenceFen > 0 ? ` ${t.over}` : r.differenceFen < 0 ? ` ${t.short}` : '';
    const amount = `${r.differenceFen > 0 ? '+' : ''}${yuan(r.differenceFen)}${word}`;
    out.push(pair(`"${esc(t.difference)}`, `"${esc(amount)}`));
  }
  out.push(RULE);
  if (options.printedAt) out.push(field(t.printedAt, printTime(options.printedAt), t.sep));
  // Room for the cashier to sign the handover.
  out.push(left(esc(t.signature)), '', '');
  return out.join('\n');
}
