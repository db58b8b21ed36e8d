import { z } from 'zod';
import { call } from './define.js';
import { Base64File, ClientRef, Empty, Id, Label, Line, LocalDate, PageInput, Text, page } from './common.js';

/**
 * Stock (库存): on hand is the sum of an append-only ledger of moves, in the product's stock
 * unit — pieces, or grams for a weighed product. Costs are fen per piece, or fen per kg of a
 * weighed product (suppliers quote per kg); values are fen.
 */
export const STOCK_UNITS = ['piece', 'gram'] as const;
export const StockUnit = z.enum(STOCK_UNITS);
export const LOSS_REASONS = ['expired', 'damaged', 'tasting', 'other'] as const;
export const LossReason = z.enum(LOSS_REASONS);
export const MOVE_REASONS = ['opening', 'receive', 'sale', 'refund', 'loss', 'count'] as const;

/** A quantity typed or scanned: whole pieces or grams, at most a million (a tonne). */
const Qty = z.number().int().min(1).max(1_000_000);
const Cost = z.number().int().min(0).max(100_000_000);
const Code = Line(64).min(1);

export const StockLevel = z.object({
  productId: Id,
  sku: z.string(),
  name: z.string(),
  barcode: z.string().nullable(),
  categoryName: z.string().nullable(),
  stocked: z.boolean(),
  unit: StockUnit,
  saleGrams: z.number().int().nullable(),
  onHand: z.number().int(),
  minQty: z.number().int().nullable(),
  /** Moving-average cost per piece (per kg when weighed), rounded to the fen; null before any cost is known. */
  avgCostFen: z.number().int().nullable(),
  valueFen: z.number().int(),
  belowZero: z.boolean(),
});
export type StockLevel = z.infer<typeof StockLevel>;

export const StockMove = z.object({
  id: Id, at: z.string(), reason: z.enum(MOVE_REASONS), qty: z.number().int(), valueFen: z.number().int(),
  unitCostFen: z.number().int().nullable(), lossReason: LossReason.nullable(), note: z.string(), belowZero: z.boolean(),
  receiptId: z.number().int().nullable(), countId: z.number().int().nullable(), saleId: z.number().int().nullable(), staffName: z.string().nullable(),
});
export type StockMove = z.infer<typeof StockMove>;

export const StockReceipt = z.object({
  id: Id, at: z.string(), supplier: z.string(), note: z.string(), source: z.enum(['scan', 'csv']), staffName: z.string().nullable(),
  lines: z.number().int(), totalFen: z.number().int(),
});
export type StockReceipt = z.infer<typeof StockReceipt>;

export const LineReport = z.array(z.object({ line: z.number().int(), reason: z.string(), details: z.record(z.string(), z.unknown()).optional() }));

export const StockCount = z.object({
  id: Id, startedAt: z.string(), categoryId: z.number().int().nullable(), categoryName: z.string().nullable(), note: z.string(),
  staffName: z.string().nullable(), status: z.enum(['open', 'approved', 'cancelled']), products: z.number().int(), counted: z.number().int(),
});
export type StockCount = z.infer<typeof StockCount>;

export const CountDiff = z.object({
  productId: Id, name: z.string(), sku: z.string(), unit: StockUnit, counted: z.number().int(),
  /** On hand at the moment the product was (last) counted: what the shelf should have held then. */
  expected: z.number().int(),
  diff: z.number().int(),
  valueFen: z.number().int(),
  onHandNow: z.number().int(),
});
export type CountDiff = z.infer<typeof CountDiff>;

export const LowStockItem = z.object({
  productId: Id, sku: z.string(), name: z.string(), barcode: z.string().nullable(), categoryName: z.string().nullable(), unit: StockUnit,
  onHand: z.number().int(), minQty: z.number().int(),
  /** Sold over the last 28 days (net of refunds), and per day. */
  sold28: z.number().int(), avgDaily: z.number(),
  /** On hand / average daily sales, in days (one decimal); null without sales in the window. */
  coverDays: z.number().nullable(),
  /** What brings on hand back to the minimum. */
  shortfall: z.number().int(),
});
export type LowStockItem = z.infer<typeof LowStockItem>;

const MarginRow = z.object({ qty: z.number().int(), revenueFen: z.number().int(), cogsFen: z.number().int(), marginFen: z.number().int() });
export const Margin = z.object({
  from: LocalDate, to: LocalDate,
  totals: MarginRow,
  days: z.array(MarginRow.extend({ date: LocalDate })),
  products: z.array(MarginRow.extend({ productId: Id, name: z.string(), categoryName: z.string().nullable() })),
  categories: z.array(MarginRow.extend({ categoryId: z.number().int().nullable(), categoryName: z.string().nullable() })),
});
export type Margin = z.infer<typeof Margin>;

const ReceiveLine = z.object({ productId: Id, qty: Qty, unitCostFen: Cost }).strict();

export const stockContract = {
  /** A product's stock settings: stocked or not (services), its unit, grams per unit sold when weighed, the reorder minimum. */
  'stock.settings': call({
    access: 'manager',
    input: z.object({ productId: Id, stocked: z.boolean(), unit: StockUnit.default('piece'), saleGrams: z.number().int().min(1).max(100_000).nullable().default(null), minQty: z.number().int().min(0).max(1_000_000).nullable().default(null) }).strict(),
    output: StockLevel,
  }),
  /** On hand of the catalogue, paged; `filter` low = below the minimum, negative = below zero. */
  'stock.levels': call({
    access: 'manager',
    input: PageInput.extend({ query: Line(64).optional(), filter: z.enum(['all', 'low', 'negative']).default('all') }).strict(),
    output: page(StockLevel),
  }),
  /** One product's stock, found by barcode or SKU (the receiving and count screens scan). Null when unknown. */
  'stock.byCode': call({ access: 'cashier', input: z.object({ code: Code }).strict(), output: StockLevel.nullable() }),
  'stock.moves': call({ access: 'manager', input: PageInput.extend({ productId: Id }).strict(), output: page(StockMove) }),
  /** 入库单 entered by scanning: the whole slip in one transaction; each line moves the moving-average cost. */
  'stock.receive': call({
    access: 'manager',
    input: z.object({ clientRef: ClientRef, supplier: Label(60), note: Text(200).default(''), lines: z.array(ReceiveLine).min(1).max(1000) }).strict(),
    output: StockReceipt,
  }),
  /** 入库单 from CSV `barcode,qty,unit_cost` (cost in yuan): broken rows are reported by line, the rest make one slip. */
  'stock.receiveCsv': call({
    access: 'manager',
    input: z.object({ clientRef: ClientRef, supplier: Label(60), note: Text(200).default(''), fileBase64: Base64File(10_000_000) }).strict(),
    output: z.object({ receipt: StockReceipt.nullable(), imported: z.number().int(), errors: LineReport }),
  }),
  'stock.receipts': call({ access: 'manager', input: PageInput.strict(), output: page(StockReceipt) }),
  /** 报损: expired, damaged, tasting or other, with a note; valued at the moving-average cost. */
  'stock.loss': call({
    access: 'manager',
    input: z.object({ productId: Id, qty: Qty, reason: LossReason, note: Text(200).default('') }).strict(),
    output: StockLevel,
  }),
  /** 期初库存: what a product starts with, once, before any other move. */
  'stock.opening': call({ access: 'manager', input: z.object({ productId: Id, qty: Qty, unitCostFen: Cost }).strict(), output: StockLevel }),

  /** 开始盘点 while the shop keeps selling: all stocked products, or one category. One count open at a time. */
  'stock.countStart': call({ access: 'manager', input: z.object({ categoryId: Id.nullable().default(null), note: Text(200).default('') }).strict(), output: StockCount }),
  /** The open count, if any (staff count on the till). */
  'stock.countCurrent': call({ access: 'cashier', input: Empty, output: StockCount.nullable() }),
  /** A shelf scan: +qty of the product (1 per scan; a case's quantity typed; a negative one takes back a mis-scan). */
  'stock.countScan': call({
    access: 'cashier',
    input: z.object({ countId: Id, code: Code, qty: z.number().int().min(-1_000_000).max(1_000_000).refine((n) => n !== 0).default(1) }).strict(),
    output: z.object({ productId: Id, name: z.string(), unit: StockUnit, counted: z.number().int() }),
  }),
  /** A batch scanner's CSV `barcode,qty`: broken rows reported by line, the rest counted. */
  'stock.countCsv': call({
    access: 'cashier',
    input: z.object({ countId: Id, fileBase64: Base64File(10_000_000) }).strict(),
    output: z.object({ imported: z.number().int(), errors: LineReport }),
  }),
  /** The differences to approve: counted − on hand at the moment counted, with their value. */
  'stock.countReview': call({
    access: 'manager',
    input: z.object({ countId: Id }).strict(),
    output: z.object({ count: StockCount, lines: z.array(CountDiff), totalDiffFen: z.number().int(), uncounted: z.number().int() }),
  }),
  /** 审核通过: the differences become moves with the count as their reason; the count closes. */
  'stock.countApprove': call({ access: 'manager', input: z.object({ countId: Id }).strict(), output: z.object({ count: StockCount, moves: z.number().int(), totalDiffFen: z.number().int() }) }),
  'stock.countCancel': call({ access: 'manager', input: z.object({ countId: Id }).strict(), output: StockCount }),

  /** 补货清单: products below their minimum, with 28-day sales and days of cover. */
  'stock.lowStock': call({ access: 'manager', input: PageInput.strict(), output: page(LowStockItem) }),
  /** The same list as CSV for the supplier order. */
  'stock.lowStockCsv': call({ access: 'manager', input: Empty, output: z.object({ csv: z.string(), rows: z.number().int() }) }),
  /** Gross margin (毛利) over [from, to]: cost of goods at moving-average cost, per day, product and category. Managers and owners only. */
  'stock.margin': call({
    access: 'manager',
    input: z.object({ from: LocalDate, to: LocalDate, limit: z.number().int().min(1).max(200).default(50) }).strict().refine((v) => v.from <= v.to, { path: ['to'], message: 'to_before_from' }),
    output: Margin,
  }),
};
