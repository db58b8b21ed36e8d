import type { Locale } from '../../../shared/contract/common.js';
import type { PaperWidth, ReceiptData, ShiftReport } from '../../../shared/contract/receipt.js';
import { receiptMarkup, type ReceiptTemplateOptions } from './receipt-template.js';
import { CASH_DRAWER_PULSE, concatBytes, toEscPos, type EscPosDialect } from './render.js';
import { shiftReportMarkup } from './shift-report-template.js';

/** What a print job needs from the printer settings (see electron/devices/printer-config.ts). */
export interface JobSettings {
  paperWidth: PaperWidth;
  locale: Locale;
  openDrawerOnCash?: boolean;
  dialect?: EscPosDialect;
  code?: ReceiptTemplateOptions['code'];
}

/**
 * The drawer opens only when cash changes hands: a sale or refund with a cash payment, and
 * never for a reprint (reprinting must not give access to the till).
 */
export function opensDrawer(data: ReceiptData, settings: Pick<JobSettings, 'openDrawerOnCash'>): boolean {
  return !!settings.openDrawerOnCash && !data.reprint && data.payments.some((p) => p.method === 'cash');
}

/** Complete ESC/POS bytes for a receipt; the drawer pulse goes first so it opens while printing. */
export function receiptJob(data: ReceiptData, settings: JobSettings): Uint8Array {
  const markup = receiptMarkup(data, { paperWidth: settings.paperWidth, locale: settings.locale, code: settings.code });
  const bytes = toEscPos(markup, { paperWidth: settings.paperWidth, dialect: settings.dialect });
  return opensDrawer(data, settings) ? concatBytes(CASH_DRAWER_PULSE, bytes) : bytes;
}

export function shiftReportJob(report: ShiftReport, settings: JobSettings & { printedAt?: string }): Uint8Array {
  const markup = shiftReportMarkup(report, { paperWidth: settings.paperWidth, locale: settings.locale, printedAt: settings.printedAt });
  return toEscPos(markup, { paperWidth: settings.paperWidth, dialect: settings.dialect });
}

/** "开钱箱" without printing anything. */
export function drawerJob(): Uint8Array {
  return concatBytes(CASH_DRAWER_PULSE);
}
