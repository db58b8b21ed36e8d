import { parse } from 'csv-parse/sync';
import { decodeText } from '../csv/read-csv.js';
import { parseYuan } from '../../../shared/money.js';
import type { StatementEntry } from '../../../shared/payments/statement-match.js';

/**
 * Reads a payment platform's statement as it is downloaded, without asking the cashier to
 * tidy it: WeChat Pay's 交易账单 (every cell prefixed with a backtick, a summary block at the
 * end) and Alipay's 账务明细 / 业务明细 (comment lines starting with `#` around the table),
 * UTF-8 or GBK. The header row is the first that names a time and an amount column; rows
 * without a valid time and amount (summaries, refunds, blank lines) are skipped and counted.
 */
const TIME = ['交易时间', '完成时间', '付款时间', '交易创建时间', '创建时间', 'time'];
const AMOUNT = ['订单金额', '订单金额（元）', '订单金额(元)', '金额', '金额（元）', '金额(元)', '交易金额', '商家实收（元）', 'amount'];
const REF = ['微信订单号', '支付宝交易号', '交易号', '交易单号', '交易订单号', 'reference'];
const STATUS = ['交易状态'];
/** Statuses of a payment that went through (others: refunds, closed orders). */
const PAID = /^(SUCCESS|支付成功|交易成功|成功|已支付)$/i;

const clean = (v: string | undefined) => (v ?? '').replace(/^[`'\s]+|\s+$/g, '').replace(/^[¥￥]/, '');
const find = (header: string[], names: string[]) => header.findIndex((h) => names.includes(clean(h)));

export type StatementRead = { ok: true; entries: StatementEntry[]; skippedLines: number } | { ok: false; reason: 'encoding' | 'header' | 'syntax' };

export function readStatement(bytes: Uint8Array): StatementRead {
  const decoded = decodeText(bytes);
  if (!decoded) return { ok: false, reason: 'encoding' };
  let records: string[][];
  try {
    records = parse(decoded.text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch {
    return { ok: false, reason: 'syntax' };
  }
  const h = records.findIndex((r) => find(r, TIME) >= 0 && find(r, AMOUNT) >= 0);
  if (h < 0) return { ok: false, reason: 'header' };
  const header = records[h]!;
  const [ti, ai, ri, si] = [find(header, TIME), find(header, AMOUNT), find(header, REF), find(header, STATUS)];
  const method = header.some((c) => clean(c) === '微信订单号') ? 'wechat' : header.some((c) => clean(c) === '支付宝交易号') ? 'alipay' : null;
  const entries: StatementEntry[] = [];
  let skipped = 0;
  records.slice(h + 1).forEach((r, i) => {
    const line = h + i + 2;
    if (r.every((c) => clean(c) === '') || clean(r[0]).startsWith('#')) return;
    const at = clean(r[ti]);
    const amountFen = parseYuan(clean(r[ai]));
    const paid = si < 0 || PAID.test(clean(r[si]));
    if (!/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/.test(at) || amountFen === null || amountFen <= 0 || !paid) { skipped++; return; }
    entries.push({ line, method, amountFen, at, ref: clean(r[ri]) || `#${line}` });
  });
  return { ok: true, entries, skippedLines: skipped };
}
