import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { StockLedger } from './stock-ledger.js';
import type { Receiving } from './receiving.js';
import type { Counts } from './counts.js';
import type { StockReports } from './stock-reports.js';

type StockMethod = 'stock.settings' | 'stock.levels' | 'stock.byCode' | 'stock.moves' | 'stock.receive' | 'stock.receiveCsv' | 'stock.receipts'
  | 'stock.loss' | 'stock.opening' | 'stock.countStart' | 'stock.countCurrent' | 'stock.countScan' | 'stock.countCsv' | 'stock.countReview'
  | 'stock.countApprove' | 'stock.countCancel' | 'stock.lowStock' | 'stock.lowStockCsv' | 'stock.margin';

const bytesOf = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));

export function stockHandlers(d: { ledger: StockLedger; receiving: Receiving; counts: Counts; reports: StockReports }): PartialHandlers<StockMethod> {
  const { ledger, receiving, counts, reports } = d;
  return {
    'stock.settings': (input, ctx) => receiving.settings(input, ctx.session!.staffId),
    'stock.levels': (input) => reports.levels(input),
    'stock.byCode': ({ code }) => receiving.byCode(code),
    'stock.moves': ({ productId, offset, limit }) => ledger.moves(productId, offset, limit),
    'stock.receive': (input, ctx) => receiving.receive(input, ctx.session!.staffId),
    'stock.receiveCsv': ({ fileBase64, ...rest }, ctx) => receiving.receiveCsv({ ...rest, bytes: bytesOf(fileBase64) }, ctx.session!.staffId),
    'stock.receipts': ({ offset, limit }) => receiving.receipts(offset, limit),
    'stock.loss': ({ productId, qty, reason, note }, ctx) => ledger.loss(productId, qty, reason, note, ctx.session!.staffId),
    'stock.opening': ({ productId, qty, unitCostFen }, ctx) => ledger.opening(productId, qty, unitCostFen, ctx.session!.staffId),
    'stock.countStart': ({ categoryId, note }, ctx) => counts.start(categoryId, note, ctx.session!.staffId),
    'stock.countCurrent': () => counts.current(),
    'stock.countScan': ({ countId, code, qty }, ctx) => counts.scan(countId, code, qty, ctx.session!.staffId),
    'stock.countCsv': ({ countId, fileBase64 }, ctx) => counts.importCsv(countId, bytesOf(fileBase64), ctx.session!.staffId),
    'stock.countReview': ({ countId }) => counts.review(countId),
    'stock.countApprove': ({ countId }, ctx) => counts.approve(countId, ctx.session!.staffId),
    'stock.countCancel': ({ countId }, ctx) => counts.cancel(countId, ctx.session!.staffId),
    'stock.lowStock': ({ offset, limit }) => reports.lowStock(offset, limit),
    'stock.lowStockCsv': () => reports.lowStockCsv(),
    'stock.margin': ({ from, to, limit }) => reports.margin(from, to, limit),
  };
}
