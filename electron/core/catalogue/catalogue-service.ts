import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';
import type { AuditLog } from '../audit/audit-log.js';
import { DomainError } from '../lib/domain-error.js';
import { classifyBarcode } from '../../../shared/barcode.js';
import { hasInvisible } from '../../../shared/text.js';
import { parseYuan, fenToYuanString } from '../../../shared/money.js';
import type { Product, ImportReport } from '../../../shared/contract/catalogue.js';
import { pinyinInitials } from './initials.js';
import { EFFECTIVE_PRICE_SQL } from '../branches/branch-prices.js';
import { readCsv } from '../csv/read-csv.js';
import { safeStringify } from '../csv/safe-csv.js';

export const PRODUCT_CSV_HEADER = ['sku', 'barcode', 'name', 'category', 'price', 'points_rule'] as const;

interface ProductRow {
  id: number; sku: string; name: string; category_id: number | null; category_name: string | null;
  price_fen: number; points_pct: number; active: number; barcodes: string | null;
}

// The price is this branch's own when head office set one (branches/branch-prices.ts).
const SELECT = `SELECT p.id, p.sku, p.name, p.category_id, c.name AS category_name, ${EFFECTIVE_PRICE_SQL} AS price_fen, p.points_pct, p.active,
  (SELECT group_concat(barcode, '|') FROM product_barcodes b WHERE b.product_id = p.id) AS barcodes
  FROM products p LEFT JOIN categories c ON c.id = p.category_id`;

const toProduct = (r: ProductRow): Product => ({
  id: r.id, sku: r.sku, name: r.name, categoryId: r.category_id, categoryName: r.category_name,
  priceFen: r.price_fen, pointsPct: r.points_pct, active: r.active === 1,
  barcodes: r.barcodes ? r.barcodes.split('|').sort() : [],
});

/** `normal` -> 100, `none` -> 0, `2x` / `1.5x` -> 200 / 150. Null when not a rule. */
export function parsePointsRule(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'normal') return 100;
  if (t === 'none') return 0;
  const m = /^(\d{1,2})(?:\.(\d{1,2}))?x$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function formatPointsRule(pct: number): string {
  if (pct === 100) return 'normal';
  if (pct === 0) return 'none';
  return `${pct % 100 === 0 ? pct / 100 : (pct / 100).toFixed(2).replace(/0$/, '')}x`;
}

/** Escapes LIKE wildcards in user text. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function createCatalogueService(db: Database, clock: Clock, audit: AuditLog) {
  const byId = db.prepare<[number], ProductRow>(`${SELECT} WHERE p.id = ?`);
  const byBarcode = db.prepare<[string], ProductRow>(`${SELECT} WHERE p.id = (SELECT product_id FROM product_barcodes WHERE barcode = ?)`);
  const bySku = db.prepare<[string], ProductRow>(`${SELECT} WHERE p.sku = ?`);
  // Initials use a prefix range on the index; names use a substring scan limited to `limit` hits.
  const byInitials = db.prepare<[string, string, number], ProductRow>(`${SELECT} WHERE p.active = 1 AND p.initials >= ? AND p.initials < ? ORDER BY p.initials LIMIT ?`);
  // 百事可乐 is bskl: `kl` must find it too, so initials also match inside (a short scan of the catalogue).
  const byInitialsInside = db.prepare<[string, number], ProductRow>(`${SELECT} WHERE p.active = 1 AND instr(p.initials, ?) > 1 ORDER BY length(p.initials) LIMIT ?`);
  const byName = db.prepare<[string, number], ProductRow>(`${SELECT} WHERE p.active = 1 AND p.name LIKE ? ESCAPE '\\' LIMIT ?`);
  const categoryId = db.prepare<[string], { id: number }>('SELECT id FROM categories WHERE name = ?');
  const insertCategory = db.prepare('INSERT INTO categories (name) VALUES (?)');
  const insertProduct = db.prepare(`INSERT INTO products (sku, name, initials, category_id, price_fen, points_pct, active, updated_at, updated_by)
    VALUES (@sku, @name, @initials, @categoryId, @priceFen, @pointsPct, @active, @at, @by)`);
  const updateProduct = db.prepare(`UPDATE products SET sku = @sku, name = @name, initials = @initials, category_id = @categoryId,
    price_fen = @priceFen, points_pct = @pointsPct, active = @active, updated_at = @at, updated_by = @by WHERE id = @id`);
  const barcodeOwner = db.prepare<[string], { product_id: number }>('SELECT product_id FROM product_barcodes WHERE barcode = ?');
  const deleteBarcodes = db.prepare('DELETE FROM product_barcodes WHERE product_id = ?');
  const insertBarcode = db.prepare('INSERT INTO product_barcodes (barcode, product_id) VALUES (?, ?)');

  function categoryFor(name: string | null): number | null {
    if (!name) return null;
    return categoryId.get(name)?.id ?? Number(insertCategory.run(name).lastInsertRowid);
  }

  function get(id: number): Product {
    const row = byId.get(id);
    if (!row) throw new DomainError('not_found', { entity: 'product', id });
    return toProduct(row);
  }

  /** Validates barcodes (check digits) and that no other product owns them. Throws with the offending code. */
  function checkBarcodes(barcodes: string[], productId: number | null) {
    for (const code of barcodes) {
      if (classifyBarcode(code) === null) throw new DomainError('bad_input', { field: 'barcodes', code }, 'errors.barcode_check_digit');
      const owner = barcodeOwner.get(code);
      if (owner && owner.product_id !== productId) throw new DomainError('conflict', { field: 'barcodes', code }, 'errors.barcode_taken');
    }
  }

  const maxId = db.prepare<[], { n: number }>('SELECT coalesce(max(id), 0) AS n FROM products');

  /**
   * A small shop has no SKUs: a product saved without one keeps the one it had, else takes its
   * first barcode (what the shop would type anyway), else P + a number. Either is checked for
   * uniqueness like a typed SKU; a generated one skips numbers already taken.
   */
  function skuFor(input: SaveInput): string {
    if (input.sku) return input.sku;
    if (input.id) {
      const current = byId.get(input.id);
      if (current) return current.sku;
    }
    const code = [...new Set(input.barcodes)][0];
    if (code && code.length <= 40 && !bySku.get(code)) return code;
    for (let n = maxId.get()!.n + 1; ; n++) {
      const generated = `P${String(n).padStart(6, '0')}`;
      if (!bySku.get(generated)) return generated;
    }
  }

  interface SaveInput { id?: number | undefined; sku?: string | undefined; name: string; categoryName: string | null; priceFen: number; pointsPct: number; barcodes: string[]; active: boolean }

  /** Writes one product; the caller holds the transaction. */
  function write(given: SaveInput, by: number | null): number {
    const input = { ...given, sku: skuFor(given) };
    const existingSku = bySku.get(input.sku);
    if (existingSku && existingSku.id !== input.id) throw new DomainError('conflict', { field: 'sku' }, 'errors.sku_taken');
    const barcodes = [...new Set(input.barcodes)];
    checkBarcodes(barcodes, input.id ?? null);
    const params = {
      sku: input.sku, name: input.name, initials: pinyinInitials(input.name), categoryId: categoryFor(input.categoryName),
      priceFen: input.priceFen, pointsPct: input.pointsPct, active: input.active ? 1 : 0, at: localDateTime(clock.now()), by,
    };
    let id: number;
    if (input.id) {
      if (!byId.get(input.id)) throw new DomainError('not_found', { entity: 'product', id: input.id });
      updateProduct.run({ ...params, id: input.id });
      id = input.id;
      deleteBarcodes.run(id);
    } else {
      id = Number(insertProduct.run(params).lastInsertRowid);
    }
    for (const code of barcodes) insertBarcode.run(code, id);
    return id;
  }

  return {
    get,
    /** Exact barcode first (the scanner's path), then SKU. */
    byCode(code: string): Product | null {
      const row = byBarcode.get(code) ?? bySku.get(code);
      return row ? toProduct(row) : null;
    },
    search(query: string, limit: number): Product[] {
      const q = query.trim();
      const exact = this.byCode(q);
      const seen = new Set<number>(exact ? [exact.id] : []);
      const out: Product[] = exact ? [exact] : [];
      const add = (rows: ProductRow[]) => {
        for (const r of rows) if (out.length < limit && !seen.has(r.id)) { seen.add(r.id); out.push(toProduct(r)); }
      };
      const lower = q.toLowerCase();
      if (/^[a-z0-9]+$/.test(lower)) {
        add(byInitials.all(lower, `${lower}\u{10FFFF}`, limit));
        if (out.length < limit) add(byInitialsInside.all(lower, limit));
      }
      if (out.length < limit) add(byName.all(`%${likeEscape(q)}%`, limit));
      return out;
    },
    list(q: { offset: number; limit: number; query?: string | undefined; categoryId?: number | undefined; includeInactive: boolean }) {
      const where: string[] = [];
      const params: Record<string, unknown> = { limit: q.limit, offset: q.offset };
      if (!q.includeInactive) where.push('p.active = 1');
      if (q.categoryId) { where.push('p.category_id = @categoryId'); params.categoryId = q.categoryId; }
      if (q.query) {
        where.push(`(p.sku = @exact OR p.initials LIKE @prefix ESCAPE '\\' OR p.name LIKE @like ESCAPE '\\' OR p.id IN (SELECT product_id FROM product_barcodes WHERE barcode = @exact))`);
        params.exact = q.query;
        params.prefix = `${likeEscape(q.query.toLowerCase())}%`;
        params.like = `%${likeEscape(q.query)}%`;
      }
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = (db.prepare(`SELECT count(*) AS n FROM products p ${w}`).get(params) as { n: number }).n;
      const items = (db.prepare(`${SELECT} ${w} ORDER BY p.name LIMIT @limit OFFSET @offset`).all(params) as ProductRow[]).map(toProduct);
      return { total, items };
    },
    categories() {
      return db.prepare('SELECT c.id, c.name, (SELECT count(*) FROM products p WHERE p.category_id = c.id AND p.active = 1) AS products FROM categories c ORDER BY c.name').all() as Array<{ id: number; name: string; products: number }>;
    },
    save(input: SaveInput, by: number): Product {
      const id = db.transaction(() => {
        const before = input.id ? get(input.id) : null;
        const id = write(input, by);
        audit.record({ staffId: by, action: before ? 'products.update' : 'products.create', entity: 'product', entityId: id, details: { before, after: { ...input } } });
        return id;
      })();
      return get(id);
    },

    /**
     * Imports products from CSV. Each bad row is reported with its line and reason and
     * skipped; good rows go in together in one transaction, updating by sku.
     */
    importCsv(bytes: Uint8Array, by: number | null): ImportReport {
      const parsed = readCsv(bytes, PRODUCT_CSV_HEADER, { name: 'line', category: 'line' });
      if (!parsed.ok) return { imported: 0, updated: 0, errors: [{ line: parsed.line ?? 0, reason: parsed.reason, details: { message: parsed.message } }] };
      const report: ImportReport = { imported: 0, updated: 0, errors: [] };
      const seenSku = new Map<string, number>();
      const seenBarcode = new Map<string, number>();
      db.transaction(() => {
        for (const { line, values: v } of parsed.rows) {
          const fail = (reason: string, details?: Record<string, unknown>) => report.errors.push({ line, reason, ...(details ? { details } : {}) });
          if (v.__columns) { fail('column_count', { columns: Number(v.__columns) }); continue; }
          const name = v.name ?? '';
          const barcodes = (v.barcode ?? '').split('|').map((b) => b.trim()).filter(Boolean);
          // No SKU column value: the first barcode stands in (as products.save does), so a row updates by it next time.
          const sku = v.sku || barcodes[0] || '';
          if (!sku || sku.length > 40 || hasInvisible(sku)) { fail('sku'); continue; }
          if (!name || name.length > 60) { fail('name'); continue; }
          const price = parseYuan(v.price ?? '');
          if (price === null || price < 0) { fail('price', { value: v.price }); continue; }
          const pointsPct = parsePointsRule(v.points_rule ?? '');
          if (pointsPct === null) { fail('points_rule', { value: v.points_rule }); continue; }
          // A hidden character would make a barcode no scanner ever sends: refused, as products.save refuses it.
          const hiddenCode = barcodes.find(hasInvisible);
          if (hiddenCode) { fail('control_chars', { column: 'barcode', code: hiddenCode }); continue; }
          const badCode = barcodes.find((b) => classifyBarcode(b) === null || b.length > 64);
          if (badCode) { fail('barcode_check_digit', { code: badCode }); continue; }
          if (seenSku.has(sku)) { fail('duplicate_sku', { firstLine: seenSku.get(sku) }); continue; }
          const dupCode = barcodes.find((b) => seenBarcode.has(b));
          if (dupCode) { fail('duplicate_barcode', { code: dupCode, firstLine: seenBarcode.get(dupCode) }); continue; }
          const existing = bySku.get(sku);
          try {
            // A savepoint per row: a row that fails half-way leaves nothing behind.
            db.transaction(() => write({ id: existing?.id, sku, name, categoryName: v.category || null, priceFen: price, pointsPct, barcodes, active: true }, by))();
          } catch (err) {
            if (err instanceof DomainError) { fail(err.error.messageKey.replace(/^errors\./, ''), err.error.details); continue; }
            throw err;
          }
          seenSku.set(sku, line);
          for (const b of barcodes) seenBarcode.set(b, line);
          if (existing) report.updated += 1; else report.imported += 1;
        }
        audit.record({ staffId: by, action: 'products.import', details: { imported: report.imported, updated: report.updated, errors: report.errors.length } });
      })();
      return report;
    },

    exportCsv(): { csv: string; rows: number } {
      const rows = db.prepare(`SELECT p.sku, (SELECT group_concat(barcode, '|') FROM product_barcodes b WHERE b.product_id = p.id) AS barcode,
        p.name, c.name AS category, p.price_fen, p.points_pct FROM products p LEFT JOIN categories c ON c.id = p.category_id
        WHERE p.active = 1 ORDER BY p.sku`).all() as Array<{ sku: string; barcode: string | null; name: string; category: string | null; price_fen: number; points_pct: number }>;
      const csv = safeStringify(rows.map((r) => [r.sku, r.barcode ?? '', r.name, r.category ?? '', fenToYuanString(r.price_fen), formatPointsRule(r.points_pct)]), {
        header: true, columns: [...PRODUCT_CSV_HEADER],
      });
      return { csv, rows: rows.length };
    },
  };
}
export type CatalogueService = ReturnType<typeof createCatalogueService>;
