import type { Database } from '../db/open.js';
import { DomainError } from '../lib/domain-error.js';
import type { CatalogueService } from '../catalogue/catalogue-service.js';
import type { Product } from '../../../shared/contract/catalogue.js';
import type { WeighedLine, WeighedLineInput } from '../../../shared/contract/weighing.js';
import { parseScaleCode } from '../../../shared/scale/parse.js';
import { impliedGrams, weighedPriceFen } from '../../../shared/scale/weigh-price.js';
import type { ScaleTemplates } from './templates.js';
import type { WeighedProducts } from './weighed-products.js';

/**
 * Weighed lines as the core prices them: it reads the label again with the shop's templates
 * and trusts only its own answer (never the till's). A price label pays the printed price and
 * shows the weight it implies; a weight label (or the till's scale) is priced by the one
 * rounding rule of shared/scale/weigh-price.ts. Every refusal is a typed, translated error.
 */
export function createScaleLines(deps: { db: Database; catalogue: CatalogueService; templates: ScaleTemplates; weighed: WeighedProducts; scaleMaxGrams: () => number }) {
  const { db, catalogue, templates, weighed, scaleMaxGrams } = deps;
  const bySku = db.prepare<[string], { id: number; name: string }>('SELECT id, name FROM products WHERE sku = ?');

  /** A PLU no product is sold by weight under: name the product if one has it as its SKU (set up by count). */
  function unknownPlu(plu: string): never {
    const p = bySku.get(plu) ?? bySku.get(String(Number(plu)));
    if (p) throw new DomainError('rule_violation', { rule: 'not_weighed', name: p.name }, 'errors.scale_not_weighed');
    throw new DomainError('not_found', { entity: 'plu', plu }, 'errors.scale_plu_unknown');
  }

  function activeProduct(id: number): Product {
    const product = catalogue.get(id);
    if (!product.active) throw new DomainError('rule_violation', { rule: 'product_inactive', productId: id }, 'errors.product_inactive');
    return product;
  }

  function readLabel(code: string): { product: Product; weighed: WeighedLine } {
    const parsed = parseScaleCode(code, templates.list());
    if (!parsed.ok) {
      const reason = parsed.reason === 'not_scale' ? 'unknown_prefix' : parsed.reason;
      throw new DomainError('rule_violation', { rule: `scale_${reason}`, code, ...(parsed.maxGrams ? { maxKg: parsed.maxGrams / 1000 } : {}) }, `errors.scale_${reason}`);
    }
    const { plu, priceFen, grams } = parsed.reading;
    const w = weighed.byPlu(Number(plu));
    if (!w) unknownPlu(plu);
    const product = activeProduct(w.productId);
    if (priceFen !== null) {
      // The till trusts the printed price; the weight is the printed one, or the one the price implies.
      const shown = grams ?? Math.max(1, impliedGrams(priceFen, product.priceFen, w.per) ?? 1);
      return { product, weighed: { grams: shown, unitPriceFen: product.priceFen, per: w.per, lineFen: priceFen, source: 'price_label', label: code } };
    }
    return { product, weighed: { grams: grams!, unitPriceFen: product.priceFen, per: w.per, lineFen: weighedPriceFen(grams!, product.priceFen, w.per), source: 'weight_label', label: code } };
  }

  function priceWeight(productId: number, grams: number): WeighedLine {
    const w = weighed.byProduct(productId);
    const product = activeProduct(productId);
    if (!w) throw new DomainError('rule_violation', { rule: 'not_weighed', name: product.name }, 'errors.scale_not_weighed');
    const max = scaleMaxGrams();
    if (grams > max) throw new DomainError('rule_violation', { rule: 'scale_over_range', maxKg: max / 1000 }, 'errors.scale_over_range');
    return { grams, unitPriceFen: product.priceFen, per: w.per, lineFen: weighedPriceFen(grams, product.priceFen, w.per), source: 'scale', label: null };
  }

  return {
    readLabel,
    priceWeight,
    /** The weighed line of a cart line, for the commit's pricing; its label must be for this product. */
    resolve(productId: number, input: WeighedLineInput, qty: number): WeighedLine {
      if (qty !== 1) throw new DomainError('bad_input', { field: 'qty', rule: 'weighed_line_qty_1' }, 'errors.scale_weighed_qty');
      if ('grams' in input) return priceWeight(productId, input.grams);
      const read = readLabel(input.label);
      if (read.product.id !== productId) throw new DomainError('bad_input', { field: 'weighed', rule: 'label_other_product' }, 'errors.scale_label_other_product');
      return read.weighed;
    },
  };
}
export type ScaleLines = ReturnType<typeof createScaleLines>;
