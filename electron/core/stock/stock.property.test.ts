import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ok, clientRef } from '../../../tests/helpers/shop.js';
import { stockShop, type StockShop } from '../../../tests/helpers/stock-shop.js';
import { ean13 } from '../../../shared/barcode.js';
import { mulDiv, outValue, receiveValue } from './valuation.js';

/*
 * Random sequences of receiving, sales, refunds, losses, goods vanishing unseen and counts
 * taken in the middle of them, through the real dispatcher on a real file. After every run:
 * on hand (stock_levels) = the ledger's sum = a model kept by the test; the stock's value
 * equals the sum of the moves' values; and a count corrects the ledger to exactly what the
 * shelves held.
 */
type Op =
  | { k: 'receive'; p: number; qty: number; cost: number }
  | { k: 'sell'; p: number; qty: number }
  | { k: 'refund'; back: number }
  | { k: 'loss'; p: number; qty: number }
  | { k: 'vanish'; p: number; qty: number }
  | { k: 'count'; p: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('receive' as const), p: fc.nat(1), qty: fc.integer({ min: 1, max: 50 }), cost: fc.integer({ min: 0, max: 999 }) }),
  fc.record({ k: fc.constant('sell' as const), p: fc.nat(1), qty: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ k: fc.constant('refund' as const), back: fc.nat(5) }),
  fc.record({ k: fc.constant('loss' as const), p: fc.nat(1), qty: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ k: fc.constant('vanish' as const), p: fc.nat(1), qty: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ k: fc.constant('count' as const), p: fc.nat(1) }),
);

let s: StockShop;
let run = 0;
/** Runs whose count had a difference to correct (a zero difference writes no move). */
let corrected = 0;
beforeAll(async () => { s = await stockShop(); });
afterAll(async () => { await s.core.dispose(); });

describe('stock ledger (property)', () => {
  it('on hand equals the ledger sum after random sequences; a count during sales corrects exactly the difference', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
      run++;
      // Fresh products each run, so runs do not see each other's stock.
      const products = [];
      for (let i = 0; i < 2; i++) {
        const code = ean13(`69${String(run).padStart(6, '0')}${i}000`.slice(0, 12));
        products.push(await ok(s.core, 'products.save', { sku: `P${run}-${i}`, name: `商品${run}-${i}`, priceFen: 500, barcodes: [code] }, s.owner));
      }
      const book = [0, 0];
      const shelf = [0, 0];
      const sales: Array<{ saleId: number; lineId: number; p: number; left: number }> = [];
      const count = await ok(s.core, 'stock.countStart', {}, s.manager.token);
      const counted = new Set<number>();
      // What the count should correct: shelf − ledger at the moment each product was counted.
      const correction = [0, 0];
      const vanishedAfterCount = new Set<number>();
      for (const o of ops) {
        if (o.k === 'receive') {
          await ok(s.core, 'stock.receive', { clientRef: clientRef(), supplier: '供应商', lines: [{ productId: products[o.p]!.id, qty: o.qty, unitCostFen: o.cost }] }, s.manager.token);
          book[o.p]! += o.qty; shelf[o.p]! += o.qty;
        } else if (o.k === 'sell') {
          const r = await ok(s.core, 'sales.commit', { clientRef: clientRef(), lines: [{ productId: products[o.p]!.id, qty: o.qty }], payments: [{ method: 'cash', amountFen: 500 * o.qty }], expectedTotalFen: 500 * o.qty }, s.cashier.token);
          sales.push({ saleId: r.sale.id, lineId: r.sale.lines[0]!.id, p: o.p, left: o.qty });
          book[o.p]! -= o.qty; shelf[o.p]! -= o.qty;
          expect(r.belowZero.length > 0).toBe(book[o.p]! < 0);
        } else if (o.k === 'refund') {
          const sale = sales.filter((x) => x.left > 0).at(-1 - (o.back % Math.max(1, sales.length)));
          if (!sale) continue;
          const q = await ok(s.core, 'sales.refundQuote', { saleId: sale.saleId, lines: [{ lineId: sale.lineId, qty: 1 }] }, s.manager.token);
          await ok(s.core, 'sales.refund', { saleId: sale.saleId, clientRef: clientRef(), lines: [{ lineId: sale.lineId, qty: 1 }], payments: [{ method: 'cash', amountFen: q.amountFen }], reason: '退货' }, s.manager.token);
          sale.left--; book[sale.p]! += 1; shelf[sale.p]! += 1;
        } else if (o.k === 'loss') {
          await ok(s.core, 'stock.loss', { productId: products[o.p]!.id, qty: o.qty, reason: 'damaged' }, s.manager.token);
          book[o.p]! -= o.qty; shelf[o.p]! -= o.qty;
        } else if (o.k === 'vanish' && shelf[o.p]! >= o.qty) {
          shelf[o.p]! -= o.qty; // gone without the ledger knowing: only a count finds it
          if (counted.has(o.p)) vanishedAfterCount.add(o.p);
        } else if (o.k === 'count' && !counted.has(o.p) && shelf[o.p]! >= 0) {
          // The shelf is counted now (an empty one through the batch file: a scan is never 0); sales may follow before approval.
          const code = products[o.p]!.barcodes[0]!;
          if (shelf[o.p]! > 0) await ok(s.core, 'stock.countScan', { countId: count.id, code, qty: shelf[o.p]! }, s.cashier.token);
          else await ok(s.core, 'stock.countCsv', { countId: count.id, fileBase64: Buffer.from(`barcode,qty\n${code},0`).toString('base64') }, s.cashier.token);
          counted.add(o.p);
          correction[o.p] = shelf[o.p]! - book[o.p]!;
        }
      }
      await ok(s.core, 'stock.countApprove', { countId: count.id }, s.manager.token);
      if (correction.some((c, i) => counted.has(i) && c !== 0)) corrected++;
      for (const [i, p] of products.entries()) {
        book[i]! += correction[i]!;
        const sum = s.ledgerSum(p.id);
        const level = s.core.db.prepare<[number], { on_hand: number; value_fen: number }>('SELECT on_hand, value_fen FROM stock_levels WHERE product_id = ?').get(p.id) ?? { on_hand: 0, value_fen: 0 };
        expect(level.on_hand).toBe(sum.qty);
        expect(level.value_fen).toBe(sum.value);
        expect(sum.qty).toBe(book[i]);
        // Counted and nothing vanished since: the ledger holds exactly what the shelf holds, whatever sold meanwhile.
        if (counted.has(i) && !vanishedAfterCount.has(i)) expect(sum.qty).toBe(shelf[i]);
        // With stock on hand the value is never negative; an empty shelf is worth nothing.
        if (sum.qty > 0) expect(sum.value).toBeGreaterThanOrEqual(0);
        const everBelow = (s.core.db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM stock_moves WHERE product_id = ? AND below_zero = 1').get(p.id)!).n > 0;
        if (sum.qty === 0 && !everBelow) expect(sum.value).toBe(0);
      }
    }), { numRuns: 40 });
    // The runs did write: moves of every kind (a count's only when some count found a difference).
    const reasons = (s.core.db.prepare('SELECT DISTINCT reason FROM stock_moves').pluck().all() as string[]).sort();
    expect(reasons).toEqual(corrected > 0 ? ['count', 'loss', 'receive', 'refund', 'sale'] : ['loss', 'receive', 'refund', 'sale']);
  }, 240_000);

  it('valuation: taking everything takes the whole value; averages stay between the costs received', () => {
    fc.assert(fc.property(fc.array(fc.record({ qty: fc.integer({ min: 1, max: 1000 }), cost: fc.integer({ min: 0, max: 100_000 }) }), { minLength: 1, maxLength: 20 }), (recv) => {
      let t = { onHand: 0, valueFen: 0, lastCostFen: null as number | null, basis: 1 };
      for (const r of recv) {
        t = { ...t, onHand: t.onHand + r.qty, valueFen: t.valueFen + receiveValue(r.qty, r.cost, t), lastCostFen: r.cost };
      }
      const costs = recv.map((r) => r.cost);
      const avg = t.valueFen / t.onHand;
      expect(avg).toBeGreaterThanOrEqual(Math.min(...costs) - 0.5);
      expect(avg).toBeLessThanOrEqual(Math.max(...costs) + 0.5);
      expect(outValue(t.onHand, t)).toBe(t.valueFen);
      expect(mulDiv(-7, 3, 2)).toBe(-11); // half up in magnitude
    }));
  });
});
