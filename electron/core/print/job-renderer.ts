import type { Locale } from '../../../shared/contract/common.js';
import type { PaperWidth, ReceiptData, ShiftReport } from '../../../shared/contract/receipt.js';
import { receiptMarkup } from '../receipts/receipt-template.js';
import { receiptJob, shiftReportJob, drawerJob, type JobSettings } from '../receipts/jobs.js';
import { toEscPos, toSvg, toText } from '../receipts/render.js';
import { esc } from '../receipts/markup.js';
import { topUpMarkup, type TopUpReceipt } from '../receipts/topup-template.js';
import { memberCardMarkup, type MemberCardPrint } from '../receipts/member-card-template.js';
import { giftSlipMarkup, type GiftSlip } from '../receipts/gift-slip-template.js';
import type { JobRenderer } from './print-queue.js';

/** The receipt as the screen shows it before printing (checkout's receipt preview). */
export interface ReceiptPreviewer {
  preview(data: ReceiptData, paperWidth: 58 | 80): { svg: string; text: string };
}

/** Renders queued jobs from committed rows: the print queue's only view of receipts. */
export function createJobRenderer(d: {
  receiptData: (saleId: number, reprint: boolean) => ReceiptData;
  shiftReport: (shiftId: number) => ShiftReport;
  topUp: (topupId: number) => TopUpReceipt;
  memberCard: (memberId: number) => MemberCardPrint;
  giftSlip: (redemptionId: number) => GiftSlip;
  /** 日结 markup for the day a job refers to (YYYYMMDD). */
  dailyReport: (dayRef: number) => string;
  settings: () => JobSettings;
}): JobRenderer {
  return {
    render(job) {
      switch (job.kind) {
        case 'receipt':
          // receiptJob opens the drawer for cash, never on a reprint.
          return receiptJob(d.receiptData(job.refId!, job.reprint), d.settings());
        case 'shift_report':
          return shiftReportJob(d.shiftReport(job.refId!), d.settings());
        case 'drawer':
          return drawerJob();
        case 'member_card': {
          const s = d.settings();
          return toEscPos(memberCardMarkup(d.memberCard(job.refId!), { paperWidth: s.paperWidth, locale: s.locale }), { paperWidth: s.paperWidth });
        }
        case 'topup': {
          const s = d.settings();
          return toEscPos(topUpMarkup(d.topUp(job.refId!), { paperWidth: s.paperWidth, locale: s.locale }), { paperWidth: s.paperWidth });
        }
        case 'gift_redemption': {
          const s = d.settings();
          return toEscPos(giftSlipMarkup(d.giftSlip(job.refId!), { paperWidth: s.paperWidth, locale: s.locale }), { paperWidth: s.paperWidth });
        }
        case 'daily_report':
          return toEscPos(d.dailyReport(job.refId!), { paperWidth: d.settings().paperWidth });
        case 'document':
          throw new Error('document jobs carry their own bytes');
      }
    },
  };
}

/** A one-page test print naming the shop and the paper width. */
export function testPage(shopName: string, settings: JobSettings): Uint8Array {
  const title = settings.locale === 'en' ? 'Printer test' : '打印测试';
  const body = settings.locale === 'en' ? 'Chinese text: 中文打印正常' : '中文打印正常 ￥12.34';
  return toEscPos(`^^${esc(title)}\n${esc(shopName)}\n-\n${esc(body)}\n${settings.paperWidth} mm\n`, { paperWidth: settings.paperWidth });
}

export function receiptPreviewer(settings: () => { paperWidth: PaperWidth; locale: Locale }): ReceiptPreviewer {
  return {
    preview(data, paperWidth) {
      const markup = receiptMarkup(data, { paperWidth, locale: settings().locale });
      return { svg: toSvg(markup, paperWidth), text: toText(markup, paperWidth) };
    },
  };
}
