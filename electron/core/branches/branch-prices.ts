import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';
import type { AuditLog } from '../audit/audit-log.js';
import { DomainError } from '../lib/domain-error.js';
import type { BranchPrice } from '../../../shared/contract/branches.js';

/**
 * The price a product sells for at this till: its branch's own (product_branch_prices, the
 * latest row for the product and this till's branch; a row with NULL takes it back) or else the
 * product's. Used in the catalogue's SELECT, so every lookup, the cart and the sale see it.
 */
export const EFFECTIVE_PRICE_SQL = `coalesce((SELECT bp.price_fen FROM product_branch_prices bp
    WHERE bp.product_id = p.id AND bp.branch_code = (SELECT branch_code FROM sync_state) ORDER BY bp.updated_at DESC, bp.id DESC LIMIT 1), p.price_fen)`;

export function createBranchPrices(db: Database, clock: Clock, audit: AuditLog) {
  const latest = db.prepare<[number], { branch_code: string; price_fen: number | null; updated_at: string }>(`
    SELECT branch_code, price_fen, updated_at FROM product_branch_prices b
     WHERE product_id = ? AND id = (SELECT id FROM product_branch_prices x WHERE x.product_id = b.product_id AND x.branch_code = b.branch_code ORDER BY updated_at DESC, id DESC LIMIT 1)
     ORDER BY substr(branch_code, 2) + 0`);
  const current = db.prepare<[number, string], { id: number }>('SELECT id FROM product_branch_prices WHERE product_id = ? AND branch_code = ? ORDER BY updated_at DESC, id DESC LIMIT 1');
  const insert = db.prepare('INSERT INTO product_branch_prices (product_id, branch_code, price_fen, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)');
  const update = db.prepare('UPDATE product_branch_prices SET price_fen = ?, updated_at = ?, updated_by = ? WHERE id = ?');
  const product = db.prepare<[number], { id: number }>('SELECT id FROM products WHERE id = ?');

  const list = (productId: number): BranchPrice[] =>
    latest.all(productId).filter((r) => r.price_fen !== null).map((r) => ({ branchCode: r.branch_code, priceFen: r.price_fen!, updatedAt: r.updated_at }));

  return {
    list,
    /** One row per product and branch as far as this till goes (edited in place, last writer wins per field across tills). */
    set(productId: number, branchCode: string, priceFen: number | null, staffId: number): BranchPrice[] {
      if (!product.get(productId)) throw new DomainError('not_found', { entity: 'product', id: productId });
      db.transaction(() => {
        const at = localDateTime(clock.now());
        const row = current.get(productId, branchCode);
        if (row) update.run(priceFen, at, staffId, row.id);
        else if (priceFen !== null) insert.run(productId, branchCode, priceFen, at, staffId);
        audit.record({ staffId, action: 'products.setBranchPrice', entity: 'product', entityId: productId, details: { branchCode, priceFen } });
      })();
      return list(productId);
    },
  };
}
export type BranchPrices = ReturnType<typeof createBranchPrices>;
