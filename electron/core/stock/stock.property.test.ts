import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ok, clientRef } from '../../../tests/helpers/shop.js';
import { stockShop, type StockShop } from '../../../tests/helpers/stock-shop.js';
import { ean13 } from '../../../shared/barcode.js';
import { randomUUID } from 'node:crypto';
import { mulDiv, outValue, receiveValue } from './valuation.js';
import { createApplier } from '../sync/apply.js';

/*
 * Random sequences of receiving, sales, refunds, losses, goods vanishing unseen and counts
 * taken in the middle of them, through the real dispatcher on a real file. After every run:
 * on hand (stock_levels) = the ledger's sum = a model kept by the test; the stock's value
 * equals the sum of the moves' values; and a count corrects the ledger to exactly what the
 * shelves held. Moves also arrive from another till through the sync feed (dated hours or
 * days back, so out of order), and the clock moves on so sales fall on several business days;
 * the summaries (stock_levels, and stock_daily: since migration 022 a view of stock_days and
 * the levels' latest days) must then equal a
 * recomputation from the ledger, whoever wrote each move.
 */
type Op =
  | { k: 'receive'; p: number; qty: number; cost: number }
  | { k: 'sell'; p: number; qty: number }
  | { k: 'refund'; back: number }
  | { k: 'loss'; p: number; qty: number }
  | { k: 'vanish'; p: number; qty: number }
  | { k: 'count'; p: number }
  | { k: 'feedReceive'; p: number; qty: number; cost: number; hoursBack: number }
  | { k: 'feedLoss'; p: number; qty: number; hoursBack: number }
  | { k: 'feedSale'; p: number; qty: number; hoursBack: number }
  | { k: 'later'; hours: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('receive' as const), p: fc.nat(1), qty: fc.integer({ min: 1, max: 50 }), cost: fc.integer({ min: 0, max: 999 }) }),
  fc.record({ k: fc.constant('sell' as const), p: fc.nat(1), qty: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ k: fc.constant('refund' as const), back: fc.nat(5) }),
  fc.record({ k: fc.constant('loss' as const), p: fc.nat(1), qty: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ k: fc.constant('vanish' as const), p: fc.nat(1), qty: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ k: fc.constant('count' as const), p: fc.nat(1) }),
  fc.record({ k: fc.constant('feedReceive' as const), p: fc.nat(1), qty: fc.integer({ min: 1, max: 30 }), cost: fc.integer({ min: 0, max: 999 }), hoursBack: fc.integer({ min: 0, max: 72 }) }),
  fc.record({ k: fc.constant('feedLoss' as const), p: fc.nat(1), qty: fc.integer({ min: 1, max: 3 }), hoursBack: fc.integer({ min: 0, max: 72 }) }),
  fc.record({ k: fc.constant('feedSale' as const), p: fc.nat(1), qty: fc.integer({ min: 1, max: 4 }), hoursBack: fc.integer({ min: 0, max: 72 }) }),
  fc.record({ k: fc.constant('later' as const), hours: fc.integer({ min: 1, max: 30 }) }),
);

/** What the summaries must hold, recomputed from the ledger alone. */
function recomputed(s: StockShop, productId: number) {
  const db = s.core.db;
  const level = db.prepare<[number], { on_hand: number; value_fen: number; moves: number }>(
    'SELECT coalesce(sum(qty), 0) AS on_hand, coalesce(sum(value_fen), 0) AS value_fen, count(*) AS moves FROM stock_moves WHERE product_id = ?').get(productId)!;
  const cost = db.prepare<[number], { last_cost_fen: number; last_cost_at: string }>(`SELECT unit_cost_fen AS last_cost_fen, at AS last_cost_at FROM stock_moves
    WHERE product_id = ? AND reason IN ('opening','receive') AND unit_cost_fen IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1`).get(productId);
  const days = db.prepare(`SELECT coalesce(s.business_date, substr(m.at, 1, 10)) AS business_date, -sum(m.qty) AS qty,
      sum(coalesce(l.total_fen, 0)) AS revenue_fen, -sum(m.value_fen) AS cogs_fen
    FROM stock_moves m LEFT JOIN sales s ON s.id = m.sale_id LEFT JOIN sale_lines l ON l.id = m.line_id
    WHERE m.product_id = ? AND m.reason IN ('sale','refund') GROUP BY 1 ORDER BY 1`).all(productId);
  return { level: level.moves === 0 ? undefined : { ...level, last_cost_fen: cost?.last_cost_fen ?? null, last_cost_at: cost?.last_cost_at ?? null }, days };
}

let s: StockShop;
let run = 0;
let feedNo = 0;
const otherTill = randomUUID();
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
        } else if (o.k === 'feedReceive' || o.k === 'feedLoss' || o.k === 'feedSale') {
          // A move made at another till, applied from the feed as the sync service does (its triggers run, no outbox).
          const db = s.core.db;
          const gidOf = (tbl: string, id: number) => db.prepare('SELECT gid FROM sync_rows WHERE tbl = ? AND rid = ?').pluck().get(tbl, String(id)) as string;
          const at = new Date(s.clock.now().getTime() - o.hoursBack * 3_600_000);
          const stamp = `${String(at.getTime()).padStart(13, '0')}-000000-${otherTill}`;
          const atText = new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
          const item = (table: string, rowGid: string, row: Record<string, unknown>) => ({ feedNo: ++feedNo, tillId: otherTill, gid: randomUUID(), rowGid, table, op: 'insert' as const, row: row as never, hlc: stamp, txnEnd: true });
          const productGid = gidOf('products', products[o.p]!.id);
          const lv = db.prepare<[number], { on_hand: number; value_fen: number; last_cost_fen: number | null }>('SELECT on_hand, value_fen, last_cost_fen FROM stock_levels WHERE product_id = ?').get(products[o.p]!.id)
            ?? { on_hand: 0, value_fen: 0, last_cost_fen: null };
          const move = { product_id: productGid, at: atText, note: '', unit_cost_fen: null, loss_reason: null, receipt_id: null, count_id: null, sale_id: null, line_id: null, staff_id: null };
          const items = [];
          if (o.k === 'feedReceive') {
            const receiptGid = randomUUID();
            items.push(item('stock_receipts', receiptGid, { at: atText, supplier: '另一台收银机', note: '', source: 'scan', staff_id: null, client_ref: randomUUID() }));
            const value = receiveValue(o.qty, o.cost, { onHand: lv.on_hand, valueFen: lv.value_fen, lastCostFen: lv.last_cost_fen, basis: 1 });
            items.push(item('stock_moves', randomUUID(), { ...move, reason: 'receive', qty: o.qty, value_fen: value, unit_cost_fen: o.cost, receipt_id: receiptGid, below_zero: lv.on_hand + o.qty < 0 ? 1 : 0 }));
            book[o.p]! += o.qty; shelf[o.p]! += o.qty;
          } else if (o.k === 'feedLoss') {
            const value = -outValue(o.qty, { onHand: lv.on_hand, valueFen: lv.value_fen, lastCostFen: lv.last_cost_fen, basis: 1 });
            items.push(item('stock_moves', randomUUID(), { ...move, reason: 'loss', qty: -o.qty, value_fen: value, loss_reason: 'expired', below_zero: lv.on_hand - o.qty < 0 ? 1 : 0 }));
            book[o.p]! -= o.qty; shelf[o.p]! -= o.qty;
          } else {
            // A sale rung up at the other till, possibly of an earlier business day than this till's.
            const saleGid = randomUUID();
            const lineGid = randomUUID();
            const total = 500 * o.qty;
            items.push(item('sales', saleGid, { receipt_no: `T9-${feedNo}`, kind: 'sale', refund_of: null, business_date: atText.slice(0, 10), sold_at: atText, member_id: null, staff_id: null, shift_id: null,
              subtotal_fen: total, discount_fen: 0, rounding_fen: 0, total_fen: total, source: 'till', client_ref: randomUUID(), points_earned: 0 }));
            items.push(item('sale_lines', lineGid, { sale_id: saleGid, line_no: 1, product_id: productGid, name: products[o.p]!.name, barcode: null, qty: o.qty, unit_price_fen: 500, discount_fen: 0, total_fen: total, refund_of_line: null, count_card_id: null }));
            const value = -outValue(o.qty, { onHand: lv.on_hand, valueFen: lv.value_fen, lastCostFen: lv.last_cost_fen, basis: 1 });
            items.push(item('stock_moves', randomUUID(), { ...move, reason: 'sale', qty: -o.qty, value_fen: value, sale_id: saleGid, line_id: lineGid, below_zero: lv.on_hand - o.qty < 0 ? 1 : 0 }));
            book[o.p]! -= o.qty; shelf[o.p]! -= o.qty;
          }
          const applied = createApplier(db).apply(items, atText);
          expect(applied.stopped).toBeUndefined();
        } else if (o.k === 'later') {
          s.clock.advance(o.hours * 3_600_000);
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
        // The summaries equal a recomputation from the ledger, the feed's moves included.
        const want = recomputed(s, p.id);
        expect(s.core.db.prepare('SELECT on_hand, value_fen, moves, last_cost_fen, last_cost_at FROM stock_levels WHERE product_id = ?').get(p.id)).toEqual(want.level);
        expect(s.core.db.prepare('SELECT business_date, qty, revenue_fen, cogs_fen FROM stock_daily WHERE product_id = ? ORDER BY business_date').all(p.id)).toEqual(want.days);
      }
    }), { numRuns: 40 });
    // The runs did write: moves of every kind (a count's only when some count found a difference).
    const reasons = (s.core.db.prepare('SELECT DISTINCT reason FROM stock_moves').pluck().all() as string[]).sort();
    expect(reasons).toEqual(corrected > 0 ? ['count', 'loss', 'receive', 'refund', 'sale'] : ['loss', 'receive', 'refund', 'sale']);
    // Moves did come from the feed, and sales fell on several business days.
    expect(s.core.db.prepare("SELECT count(*) FROM sync_rows WHERE tbl = 'stock_moves' AND origin = ?").pluck().get(otherTill)).toBeGreaterThan(0);
    expect(s.core.db.prepare('SELECT count(DISTINCT business_date) FROM stock_daily').pluck().get()).toBeGreaterThan(1);
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
