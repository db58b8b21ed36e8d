import { openShop, ok, clientRef } from './shop.js';
import { fixedClock } from './core.js';

export type StockShop = Awaited<ReturnType<typeof stockShop>>;

/**
 * The test shop (four products, an open shift) with helpers for stock: sell and refund at
 * the till, receive, read a product's level. Test-only (imported by *.test.ts).
 */
export async function stockShop(at = '2026-11-22T10:00:00') {
  const clock = fixedClock(at);
  const s = await openShop({ clock });
  const [cola, chips, smokes, water] = s.products as [typeof s.products[0], typeof s.products[0], typeof s.products[0], typeof s.products[0]];
  const price = new Map(s.products.map((p) => [p.id, p.priceFen]));
  const sell = async (lines: Array<{ productId: number; qty: number }>) => {
    const total = lines.reduce((t, l) => t + price.get(l.productId)! * l.qty, 0);
    return ok(s.core, 'sales.commit', { clientRef: clientRef(), lines, payments: [{ method: 'cash', amountFen: total }], expectedTotalFen: total }, s.cashier.token);
  };
  const refund = async (saleId: number, lines: Array<{ lineId: number; qty: number }>) => {
    const q = await ok(s.core, 'sales.refundQuote', { saleId, lines }, s.manager.token);
    return ok(s.core, 'sales.refund', { saleId, clientRef: clientRef(), lines, payments: [{ method: 'cash', amountFen: q.amountFen }], reason: '退货' }, s.manager.token);
  };
  const receive = (lines: Array<{ productId: number; qty: number; unitCostFen: number }>, supplier = '可口可乐经销商') =>
    ok(s.core, 'stock.receive', { clientRef: clientRef(), supplier, lines }, s.manager.token);
  const level = async (productId: number) => (await ok(s.core, 'stock.levels', { query: s.products.find((p) => p.id === productId)!.sku, limit: 1 }, s.manager.token)).items[0]!;
  const ledgerSum = (productId: number) => s.core.db.prepare<[number], { qty: number; value: number }>('SELECT coalesce(sum(qty), 0) AS qty, coalesce(sum(value_fen), 0) AS value FROM stock_moves WHERE product_id = ?').get(productId)!;
  const rows = (table: string) => (s.core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { ...s, clock, cola, chips, smokes, water, sell, refund, receive, level, ledgerSum, rows };
}
