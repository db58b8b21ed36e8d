import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/open.js';
import { pluCsv, type PluRow } from '../../../shared/scale/plu-csv.js';
import type { PricePer } from '../../../shared/scale/weigh-price.js';

/**
 * The PLU file (README › Weighed goods › PLU file) the scale vendor's loading software reads:
 * kept up to date in the shop's data folder (scale/plu.csv) and offered as a download. It is
 * rewritten whenever what it says changes — a price, a name, a PLU, a layout — whoever changed
 * it (a form, a CSV import, the shop server's feed): triggers bump `plu_state.version`
 * (migration 020), and `refreshIfChanged`, run after every call, reads that one row.
 */
export function createPluExport(db: Database, dataDir: string | null) {
  const rowsStmt = db.prepare<[], { plu: number; name: string; price_fen: number; per: PricePer; template_name: string | null; prefix: string | null; plu_digits: number | null }>(
    `SELECT w.plu, p.name, p.price_fen, w.per, t.name AS template_name, t.prefix, t.plu_digits
     FROM weighed_products w JOIN products p ON p.id = w.product_id LEFT JOIN scale_templates t ON t.id = w.template_id
     WHERE p.active = 1 ORDER BY w.plu`);
  const versionStmt = db.prepare<[], { version: number }>('SELECT version FROM plu_state WHERE id = 1');
  const anyWeighed = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM weighed_products');
  const file = dataDir ? path.join(dataDir, 'scale', 'plu.csv') : null;
  let last: number | null = null;

  function csv(): { csv: string; rows: number } {
    const rows: PluRow[] = rowsStmt.all().map((r) => ({
      plu: String(r.plu).padStart(r.plu_digits ?? 5, '0'), name: r.name, priceFen: r.price_fen, per: r.per, templateName: r.template_name ?? '', prefix: r.prefix ?? '',
    }));
    return { csv: pluCsv(rows), rows: rows.length };
  }

  function write(text: string): void {
    if (!file) return;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written aside and renamed, so the vendor's software never reads half a file.
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  }

  return {
    file,
    csv,
    /** Rewrites the file when the weighed products changed since the last write (or on the first call). */
    refreshIfChanged(): boolean {
      const v = versionStmt.get()!.version;
      if (v === last) return false;
      // A shop that sells nothing by weight gets no file (until it has one to keep up to date).
      if (anyWeighed.get()!.n > 0 || (file && fs.existsSync(file))) write(csv().csv);
      last = v;
      return true;
    },
  };
}
export type PluExport = ReturnType<typeof createPluExport>;
