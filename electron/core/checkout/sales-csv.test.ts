import { afterEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { testCore } from '../../../tests/helpers/core.js';
import { importSalesCsv } from './sales-csv.js';

const cores: Array<ReturnType<typeof testCore>> = [];
afterEach(async () => { for (const c of cores.splice(0)) await c.dispose(); });

const HEADER = 'receipt_no,sold_at,member_phone,total,payment_method,refund_of';

function shop() {
  const core = testCore();
  cores.push(core);
  const r = core.services.membersCsv.importCsv(Buffer.from('phone,name,card_no,birthday,gender,enrolled_at,tier,points,stored_value,tags,note\n13800001111,王芳,,,,2025-03-01,,,,,\n'), null);
  expect(r.errors).toEqual([]);
  return core;
}
const counts = (core: ReturnType<typeof shop>) => core.db.prepare(
  "SELECT (SELECT count(*) FROM sales) AS sales, (SELECT count(*) FROM sale_payments) AS payments, (SELECT count(*) FROM points_ledger) AS points, (SELECT coalesce(sum(revenue_fen),0) FROM sales_daily) AS revenue").get();

describe('import sales history', () => {
  it('imports sales and refunds (a refund may come first in the file), earns no points, and feeds member stats and the dashboard', () => {
    const core = shop();
    const file = [HEADER,
      'R1,2025-04-02T10:00:00,13800001111,-5.00,cash,A1',
      'A1,2025-04-01 09:30,13800001111,25.50,wechat,',
      'A2,2025-04-01T11:00:00,,12,cash,',
    ].join('\n');
    const report = importSalesCsv(core.db, core.services.audit, Buffer.from(file), null);
    expect(report).toEqual({ imported: 3, updated: 0, errors: [] });
    expect(counts(core)).toEqual({ sales: 3, payments: 3, points: 0, revenue: 2550 + 1200 - 500 });
    const refund = core.db.prepare("SELECT kind, member_id, total_fen, refund_of FROM sales WHERE receipt_no = 'R1'").get();
    expect(refund).toMatchObject({ kind: 'refund', total_fen: -500, member_id: expect.any(Number) });
    const stats = core.db.prepare('SELECT sales_count, spend_fen, first_sale_on FROM member_stats').get();
    expect(stats).toEqual({ sales_count: 1, spend_fen: 2050, first_sale_on: '2025-04-01' });
    // The same file again changes nothing.
    expect(importSalesCsv(core.db, core.services.audit, Buffer.from(file), null)).toEqual({ imported: 0, updated: 0, errors: [] });
    expect(counts(core)).toMatchObject({ sales: 3 });
  });

  it('reports every bad row by line and reason, and imports only the good ones', () => {
    const core = shop();
    const file = [HEADER,
      'B1,2025-04-01T10:00:00,,10.00,cash,',          // 2 ok
      ',2025-04-01T10:00:00,,10.00,cash,',            // 3 receipt_no
      'B1,2025-04-01T10:00:00,,10.00,cash,',          // 4 duplicate
      'B3,2025-02-30T10:00:00,,10.00,cash,',          // 5 sold_at
      'B4,2025-04-01T10:00:00,,abc,cash,',            // 6 total
      'B5,2025-04-01T10:00:00,,0,cash,',              // 7 total zero
      'B6,2025-04-01T10:00:00,,10.00,bitcoin,',       // 8 payment_method
      'B7,2025-04-01T10:00:00,13999999999,10.00,cash,', // 9 unknown member
      'B8,2025-04-01T10:00:00,,-1.00,cash,',          // 10 refund without refund_of
      'B9,2025-04-01T10:00:00,,-1.00,cash,NOPE',      // 11 refund of unknown
      'B10,2025-03-01T10:00:00,,-1.00,cash,B1',       // 12 refund before the sale
      'B11,2025-04-02T10:00:00,,-10.01,cash,B1',      // 13 refund beyond the sale
      'B12,2025-04-01T10:00:00,,5.00,cash,B1',        // 14 refund_of on a sale
      'B13,2025-04-01T10:00:00,,5.00,cash',           // 15 columns
    ].join('\n');
    const report = importSalesCsv(core.db, core.services.audit, Buffer.from(file), null);
    expect(report.imported).toBe(1);
    expect(report.errors.map((e) => [e.line, e.reason])).toEqual([
      [3, 'receipt_no'], [4, 'duplicate_receipt_no'], [5, 'sold_at'], [6, 'total'], [7, 'total'], [8, 'payment_method'], [9, 'unknown_member'],
      [10, 'refund_of_missing'], [11, 'refund_of_unknown'], [12, 'refund_before_sale'], [13, 'refund_exceeds_sale'], [14, 'refund_of_on_sale'], [15, 'columns'],
    ]);
    expect(counts(core)).toMatchObject({ sales: 1, payments: 1 });
  });

  it('reads GBK files and refuses a wrong header as a whole', () => {
    const core = shop();
    const gbk = iconv.encode(`${HEADER}\nG1,2025-04-01T10:00:00,13800001111,8.80,alipay,\n`, 'gbk');
    expect(importSalesCsv(core.db, core.services.audit, gbk, null)).toMatchObject({ imported: 1, errors: [] });
    const wrong = importSalesCsv(core.db, core.services.audit, Buffer.from('receipt,sold_at,total\nX,2025-01-01,1\n'), null);
    expect(wrong).toMatchObject({ imported: 0, errors: [{ line: 1, reason: 'header' }] });
  });

  it('runs from the command line: npm run pos -- import sales FILE', () => {
    const core = shop();
    const file = path.join(core.dataDir, 'sales.csv');
    fs.writeFileSync(file, `${HEADER}\nC1,2025-05-01T10:00:00,,9.90,cash,\nC2,bad,,1,cash,\n`);
    const dir = core.dataDir;
    core.close();
    let out = '';
    try {
      execFileSync('npx', ['tsx', 'electron/host/cli.ts', 'import', 'sales', file, '--data-dir', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch (err) {
      out = (err as { stdout: string }).stdout; // exit code 1: a row was rejected
    }
    expect(out).toContain('sales: 1 imported, 0 updated, 1 rejected');
    expect(out).toContain('line 3: sold_at');
  }, 60_000);
});
