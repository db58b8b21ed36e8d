import { describe, expect, it } from 'vitest';
import type { Product } from '../../../../shared/contract/catalogue.js';
import type { WeighedLine } from '../../../../shared/contract/weighing.js';
import { addProduct, addWeighed, linesFromHeld, priceSale, setQty, toCartInput, type PricingContext } from '../checkout/model/cart.js';
import { refundWant, refundCap } from './refund-lines.js';

const apple: Product = { id: 9, sku: 'PG', name: '苹果', categoryId: null, categoryName: null, priceFen: 1280, pointsPct: 100, barcodes: ['6900000000099'], active: true };
const label = (grams: number, lineFen: number, code: string): WeighedLine => ({ grams, unitPriceFen: 1280, per: 'kg', lineFen, source: 'weight_label', label: code });
const ctx: PricingContext = { rules: { rounding: 'none', maxCashierDiscountPct: 10, pointsPerYuan: 1 }, rewards: null, member: null, today: new Date(2026, 10, 23) };

describe('weighed lines in the till cart', () => {
  it('keeps two labels of one PLU as two lines priced at their label, and never changes their quantity', () => {
    let { lines } = addWeighed([], apple, label(1250, 1600, '2200012012505'));
    ({ lines } = addWeighed(lines, apple, label(800, 1024, '2200012008003')));
    // The same product scanned by its own barcode is a line of pieces, not merged into a weighed one.
    ({ lines } = addProduct(lines, apple));
    expect(lines.map((l) => [l.qty, l.weighed?.grams ?? null])).toEqual([[1, 1250], [1, 800], [1, null]]);
    expect(setQty(lines, lines[0]!.key, 5)[0]!.qty).toBe(1);
    const sale = priceSale(lines, ctx, 0, 0);
    expect(sale.cart.lines.map((l) => l.totalFen)).toEqual([1600, 1024, 1280]);
    expect(toCartInput(lines).map((l) => l.weighed)).toEqual([{ label: '2200012012505' }, { label: '2200012008003' }, null]);
  });

  it('sends a scale weight as grams and comes back from a held order only when priced again', () => {
    const { lines } = addWeighed([], apple, { ...label(375, 480, ''), label: null, source: 'scale' });
    const input = toCartInput(lines);
    expect(input[0]!.weighed).toEqual({ grams: 375 });
    expect(linesFromHeld(input, new Map([[9, apple]]))).toEqual([]);
    const back = linesFromHeld(input, new Map([[9, apple]]), () => lines[0]!.weighed!);
    expect(back[0]!.weighed).toMatchObject({ grams: 375, lineFen: 480 });
  });

  it('refunds a weighed line by grams, capped at what is left', () => {
    const line = { id: 3, lineNo: 1, productId: 9, name: '苹果', barcode: null, qty: 1, unitPriceFen: 1600, discountFen: 0, totalFen: 1600, refundableQty: 1,
      weighed: { ...label(1250, 1600, 'x'), refundableGrams: 750 } };
    expect(refundCap(line)).toBe(750);
    expect(refundWant(line, '900')).toEqual({ lineId: 3, qty: 1, grams: 750 });
    expect(refundWant(line, '')).toBeNull();
    expect(refundWant({ ...line, weighed: null }, '1')).toEqual({ lineId: 3, qty: 1 });
  });
});

describe('the scale.weight event', async () => {
  const { asPosEvent } = await import('../../api/events.js');
  it('passes a reading or null, and drops a malformed one', () => {
    const good = { type: 'scale.weight', reading: { grams: 1250, stable: true, net: false, overload: false } };
    expect(asPosEvent('scale.weight', good)).toEqual(good);
    expect(asPosEvent('scale.weight', { type: 'scale.weight', reading: null })).toEqual({ type: 'scale.weight', reading: null });
    expect(asPosEvent('scale.weight', { type: 'scale.weight', reading: { grams: '1250', stable: true } })).toBeNull();
  });
});
