import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';
import type { AuditLog } from '../audit/audit-log.js';
import { DomainError } from '../lib/domain-error.js';
import type { PricePer } from '../../../shared/scale/weigh-price.js';
import type { WeighedProduct } from '../../../shared/contract/weighing.js';

interface Row { product_id: number; name: string; price_fen: number; per: PricePer; plu: number; template_id: number | null; active: number }
const SELECT = `SELECT w.product_id, p.name, p.price_fen, w.per, w.plu, w.template_id, p.active FROM weighed_products w JOIN products p ON p.id = w.product_id`;
const toDto = (r: Row): WeighedProduct => ({ productId: r.product_id, name: r.name, priceFen: r.price_fen, per: r.per, plu: r.plu, templateId: r.template_id, active: r.active === 1 });

/** Which products are sold by weight (称重商品), with their PLU and price unit. Every other product is sold by count. */
export function createWeighedProducts(db: Database, clock: Clock, audit: AuditLog) {
  const byPlu = db.prepare<[number], Row>(`${SELECT} WHERE w.plu = ?`);
  const byProduct = db.prepare<[number], Row>(`${SELECT} WHERE w.product_id = ?`);
  const pageOf = db.prepare<[number, number], Row>(`${SELECT} ORDER BY w.plu LIMIT ? OFFSET ?`);
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM weighed_products');
  const productExists = db.prepare<[number], { id: number }>('SELECT id FROM products WHERE id = ?');
  const templateExists = db.prepare<[number], { id: number }>('SELECT id FROM scale_templates WHERE id = ?');
  const upsert = db.prepare(`INSERT INTO weighed_products (product_id, plu, per, template_id, updated_at, updated_by) VALUES (@productId, @plu, @per, @templateId, @at, @by)
    ON CONFLICT (product_id) DO UPDATE SET plu = excluded.plu, per = excluded.per, template_id = excluded.template_id, updated_at = excluded.updated_at, updated_by = excluded.updated_by
    WHERE plu IS NOT excluded.plu OR per IS NOT excluded.per OR template_id IS NOT excluded.template_id`);
  const remove = db.prepare('DELETE FROM weighed_products WHERE product_id = ?');

  return {
    byPlu: (plu: number) => { const r = byPlu.get(plu); return r ? toDto(r) : null; },
    byProduct: (productId: number) => { const r = byProduct.get(productId); return r ? toDto(r) : null; },
    list: (offset: number, limit: number) => ({ items: pageOf.all(limit, offset).map(toDto), total: count.get()!.n }),
    set(input: { productId: number; plu: number | null; per: PricePer; templateId: number | null }, staffId: number): WeighedProduct | null {
      return db.transaction(() => {
        if (!productExists.get(input.productId)) throw new DomainError('not_found', { entity: 'product', id: input.productId });
        if (input.plu === null) {
          remove.run(input.productId);
        } else {
          if (input.templateId !== null && !templateExists.get(input.templateId)) throw new DomainError('not_found', { entity: 'scale_template', id: input.templateId });
          const taken = byPlu.get(input.plu);
          if (taken && taken.product_id !== input.productId) throw new DomainError('conflict', { field: 'plu', name: taken.name }, 'errors.scale_plu_taken');
          upsert.run({ ...input, at: localDateTime(clock.now()), by: staffId });
        }
        audit.record({ staffId, action: 'scale.setWeighed', entity: 'product', entityId: input.productId, details: { plu: input.plu, per: input.per, templateId: input.templateId } });
        const r = byProduct.get(input.productId);
        return r ? toDto(r) : null;
      })();
    },
  };
}
export type WeighedProducts = ReturnType<typeof createWeighedProducts>;
