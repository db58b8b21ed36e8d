/**
 * Sales history import (`npm run pos -- import sales FILE`, issue 19's "sales imports"): the
 * CLI's path (importSalesCsv: decoding, parsing, validation, the duplicate and refund checks,
 * one transaction) into a copy of the benchmark shop, versus the same rows already parsed and
 * resolved, bulk-inserted into another copy with the same triggers, and into a third with every
 * trigger dropped (the physical limit). The file is the shop's latest `count` sales and their
 * refunds under new receipt numbers — history from another system landing on a shop that
 * already has years of it, so the summaries it moves are full-sized.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { stringify } from 'csv-stringify/sync';
import { createCore } from '../../electron/core/app.js';
import { importSalesCsv, SALES_CSV_HEADER } from '../../electron/core/checkout/sales-csv.js';
import { DB_FILE_NAME } from '../../electron/core/db/open.js';
import { fenToYuanString } from '../../shared/money.js';
import { fixedClockAt } from '../lib/shop-core.js';
import { dropTriggers, openLikeTheApp } from '../lib/bare-copy.js';
import { nowMs } from '../lib/measure.js';
import { workingCopy, type CachedShop } from '../cache.js';
import type { Row } from '../lib/table.js';

interface Source { id: number; receipt: string; soldAt: string; memberId: number | null; phone: string | null; totalFen: number; refundOf: number | null }

/** The latest `count` sales and the refunds of them, as the importer's rows will name them. */
function readSource(shop: CachedShop, count: number): Source[] {
  // The cached file itself, read only (benchmarks never write it).
  const db = new BetterSqlite3(path.join(shop.dir, DB_FILE_NAME), { readonly: true });
  try {
    const from = (db.prepare("SELECT id FROM sales WHERE kind = 'sale' ORDER BY id DESC LIMIT 1 OFFSET ?").pluck().get(count - 1) as number | undefined) ?? 0;
    return db.prepare(`SELECT s.id, s.receipt_no AS receipt, s.sold_at AS soldAt, s.member_id AS memberId, m.phone, s.total_fen AS totalFen, s.refund_of AS refundOf
      FROM sales s LEFT JOIN members m ON m.id = s.member_id AND m.status <> 'merged'
      WHERE s.id >= ? AND s.total_fen <> 0 AND (s.kind = 'sale' OR s.refund_of >= ?) ORDER BY s.id`).all(from, from) as Source[];
  } finally {
    db.close();
  }
}

export async function salesImportFigure(o: { shop: CachedShop; count: number; log: (m: string) => void }): Promise<Row[]> {
  const rows = readSource(o.shop, o.count);
  // A member merged away has no phone the importer finds: those sales come in without one.
  const member = (r: Source) => (r.phone ? r.memberId : null);
  const receipt = new Map(rows.map((r) => [r.id, `IMP-${r.receipt}`]));
  const csv = stringify([
    [...SALES_CSV_HEADER],
    ...rows.map((r) => [receipt.get(r.id), r.soldAt.replace('T', ' '), r.phone ?? '', fenToYuanString(r.totalFen), 'cash', r.refundOf === null ? '' : receipt.get(r.refundOf)]),
  ]);
  const bytes = Buffer.from(csv, 'utf8');

  const app = workingCopy(o.shop, 'sales-import-app');
  let appMs: number;
  let imported: number;
  try {
    const core = createCore({ dataDir: app.dir, clock: fixedClockAt(o.shop.until), autoBackup: false, logger: { error: () => {} } });
    try {
      const t = nowMs();
      const report = importSalesCsv(core.db, core.services.audit, bytes, null);
      appMs = nowMs() - t;
      imported = report.imported;
      if (report.errors.length > 0) throw new Error(`sales import rejected rows: ${JSON.stringify(report.errors.slice(0, 3))}`);
    } finally {
      await core.shutdown();
    }
  } finally {
    app.cleanup();
  }

  /** The resolved rows inserted into a copy opened as the app opens it (its triggers dropped first when `limit`). */
  const bareRun = (limit: boolean): number => {
    const c = workingCopy(o.shop, limit ? 'sales-import-limit' : 'sales-import-bare');
    // FULL, as the app's core opens the shop.
    const db = openLikeTheApp(path.join(c.dir, DB_FILE_NAME), 'FULL');
    try {
      if (limit) dropTriggers(db);
      const sale = db.prepare(`INSERT INTO sales (receipt_no, kind, refund_of, business_date, sold_at, member_id, subtotal_fen, total_fen, source)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'import')`);
      const pay = db.prepare("INSERT INTO sale_payments (sale_id, method, amount_fen) VALUES (?, 'cash', ?)");
      const ordered = [...rows.filter((r) => r.totalFen > 0), ...rows.filter((r) => r.totalFen < 0)];
      const t = nowMs();
      db.transaction(() => {
        const ids = new Map<number, number>();
        for (const r of ordered) {
          const refundOf = r.refundOf === null ? null : ids.get(r.refundOf)!;
          const id = Number(sale.run(receipt.get(r.id), r.totalFen > 0 ? 'sale' : 'refund', refundOf, r.soldAt.slice(0, 10), r.soldAt, member(r), r.totalFen, r.totalFen).lastInsertRowid);
          pay.run(id, r.totalFen);
          ids.set(r.id, id);
        }
      })();
      return nowMs() - t;
    } finally {
      db.close();
      c.cleanup();
    }
  };
  const bareMs = bareRun(false);
  const limitMs = bareRun(true);
  const rate = (imported * 1000) / appMs;
  const bareRate = (imported * 1000) / bareMs;
  const limitRate = (imported * 1000) / limitMs;
  o.log(`sales import: ${imported} rows, app ${(appMs / 1000).toFixed(1)} s, bare ${(bareMs / 1000).toFixed(1)} s, no triggers ${(limitMs / 1000).toFixed(1)} s`);
  return [{
    id: 'import.sales.limit', figure: `sales CSV import (${imported} rows into the shop's history), against the physical limit`, value: rate, unit: 'rows/s',
    baseline: 'bare bulk insert, every trigger dropped', baselineValue: limitRate, ratio: rate / limitRate, target: '—', met: null,
    note: `bare with triggers vs without: ${(bareRate / limitRate).toFixed(2)}×; app vs bare with triggers: ${(rate / bareRate).toFixed(2)}×`,
  }];
}
