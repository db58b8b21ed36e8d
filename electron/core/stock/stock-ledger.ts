import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { StockLevel, StockMove } from '../../../shared/contract/stock.js';
import { averageCost, correctionValue, mulDiv, outValue, receiveValue, type Totals } from './valuation.js';

export type MoveReason = 'opening' | 'receive' | 'sale' | 'refund' | 'loss' | 'count';
export type LossReason = 'expired' | 'damaged' | 'tasting' | 'other';

export interface LevelRow {
  product_id: number; sku: string; name: string; barcode: string | null; category_name: string | null; stocked: number;
  stock_unit: 'piece' | 'gram'; sale_grams: number | null; min_qty: number | null; on_hand: number; value_fen: number; last_cost_fen: number | null;
}

export const LEVEL_SELECT = `SELECT p.id AS product_id, p.sku, p.name, (SELECT min(barcode) FROM product_barcodes b WHERE b.product_id = p.id) AS barcode,
    c.name AS category_name, p.stocked, p.stock_unit, p.sale_grams, p.min_qty,
    coalesce(l.on_hand, 0) AS on_hand, coalesce(l.value_fen, 0) AS value_fen, l.last_cost_fen
  FROM products p LEFT JOIN stock_levels l ON l.product_id = p.id LEFT JOIN categories c ON c.id = p.category_id`;

export const basisOf = (unit: 'piece' | 'gram') => (unit === 'gram' ? 1000 : 1);
export const totalsOf = (r: LevelRow): Totals => ({ onHand: r.on_hand, valueFen: r.value_fen, lastCostFen: r.last_cost_fen, basis: basisOf(r.stock_unit) });

export function levelView(r: LevelRow): StockLevel {
  return {
    productId: r.product_id, sku: r.sku, name: r.name, barcode: r.barcode, categoryName: r.category_name, stocked: r.stocked === 1,
    unit: r.stock_unit, saleGrams: r.sale_grams, onHand: r.on_hand, minQty: r.min_qty, avgCostFen: averageCost(totalsOf(r)),
    valueFen: r.value_fen, belowZero: r.stocked === 1 && r.on_hand < 0,
  };
}

interface MoveInput {
  productId: number; reason: MoveReason; qty: number; valueFen: number; unitCostFen?: number | null; lossReason?: LossReason | null; note?: string;
  receiptId?: number | null; countId?: number | null; saleId?: number | null; lineId?: number | null; staffId: number | null; at: string;
}

/**
 * The stock ledger: every change of on hand is one row of stock_moves, written in the
 * transaction of what caused it (a sale's moves in the sale's transaction). The summaries
 * (stock_levels, stock_daily) follow by trigger. Callers run inside their own transaction;
 * the functions that stand alone open one.
 */
export function createStockLedger(db: Database, clock: Clock, audit: AuditLog) {
  const levelById = db.prepare<[number], LevelRow>(`${LEVEL_SELECT} WHERE p.id = ?`);
  // The sale path reads only what it needs: one row per line.
  const saleInfo = db.prepare<[number], { stocked: number; stock_unit: 'piece' | 'gram'; sale_grams: number | null; on_hand: number | null; value_fen: number | null; last_cost_fen: number | null }>(
    'SELECT p.stocked, p.stock_unit, p.sale_grams, l.on_hand, l.value_fen, l.last_cost_fen FROM products p LEFT JOIN stock_levels l ON l.product_id = p.id WHERE p.id = ?');
  const insert = db.prepare(`INSERT INTO stock_moves (product_id, at, reason, qty, value_fen, unit_cost_fen, loss_reason, note, below_zero, receipt_id, count_id, sale_id, line_id, staff_id)
    VALUES (@productId, @at, @reason, @qty, @valueFen, @unitCostFen, @lossReason, @note, @belowZero, @receiptId, @countId, @saleId, @lineId, @staffId)`);
  const saleMoveOf = db.prepare<[number], { product_id: number; qty: number; value_fen: number }>("SELECT product_id, qty, value_fen FROM stock_moves WHERE line_id = ? AND reason = 'sale'");
  const refundedOf = db.prepare<[number], { qty: number; value: number }>(`SELECT coalesce(sum(m.qty), 0) AS qty, coalesce(sum(m.value_fen), 0) AS value
    FROM stock_moves m JOIN sale_lines l ON l.id = m.line_id WHERE l.refund_of_line = ? AND m.reason = 'refund'`);
  const movesOf = db.prepare(`SELECT m.*, s.name AS staff_name FROM stock_moves m LEFT JOIN staff s ON s.id = m.staff_id WHERE m.product_id = ? ORDER BY m.id DESC LIMIT ? OFFSET ?`);
  const countMoves = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM stock_moves WHERE product_id = ?');
  const now = () => localDateTime(clock.now());

  function level(productId: number): LevelRow {
    const r = levelById.get(productId);
    if (!r) throw new DomainError('not_found', { entity: 'product', id: productId });
    return r;
  }
  function stockedLevel(productId: number): LevelRow {
    const r = level(productId);
    if (r.stocked !== 1) throw new DomainError('rule_violation', { rule: 'not_stocked', productId }, 'errors.stock_not_stocked');
    return r;
  }

  function post(m: MoveInput, onHandBefore: number): number {
    return Number(insert.run({
      productId: m.productId, at: m.at, reason: m.reason, qty: m.qty, valueFen: m.valueFen, unitCostFen: m.unitCostFen ?? null, lossReason: m.lossReason ?? null,
      note: m.note ?? '', belowZero: onHandBefore + m.qty < 0 ? 1 : 0, receiptId: m.receiptId ?? null, countId: m.countId ?? null,
      saleId: m.saleId ?? null, lineId: m.lineId ?? null, staffId: m.staffId,
    }).lastInsertRowid);
  }

  return {
    level,
    stockedLevel,
    view: (productId: number) => levelView(level(productId)),
    now,

    /** A receiving line (inside the slip's transaction): quantity × cost, revaluing stock that was at or below zero. */
    receive(productId: number, qty: number, unitCostFen: number, receiptId: number, staffId: number | null, at: string): void {
      const r = stockedLevel(productId);
      post({ productId, reason: 'receive', qty, valueFen: receiveValue(qty, unitCostFen, totalsOf(r)), unitCostFen, receiptId, staffId, at }, r.on_hand);
    },

    /** 期初: only before any other move, so it can never rewrite history that was counted on. */
    opening(productId: number, qty: number, unitCostFen: number, staffId: number): StockLevel {
      db.transaction(() => {
        const r = stockedLevel(productId);
        if (countMoves.get(productId)!.n > 0) throw new DomainError('rule_violation', { rule: 'opening_after_moves' }, 'errors.stock_opening_exists');
        post({ productId, reason: 'opening', qty, valueFen: mulDiv(qty, unitCostFen, basisOf(r.stock_unit)), unitCostFen, staffId, at: now() }, r.on_hand);
        audit.record({ staffId, action: 'stock.opening', entity: 'product', entityId: productId, details: { qty, unitCostFen } });
      })();
      return levelView(level(productId));
    },

    /** 报损 at the moving-average cost. May take stock below zero, like a sale (the goods are gone either way). */
    loss(productId: number, qty: number, reason: LossReason, note: string, staffId: number): StockLevel {
      db.transaction(() => {
        const r = stockedLevel(productId);
        const valueFen = -outValue(qty, totalsOf(r));
        post({ productId, reason: 'loss', qty: -qty, valueFen, lossReason: reason, note, staffId, at: now() }, r.on_hand);
        audit.record({ staffId, action: 'stock.loss', entity: 'product', entityId: productId, details: { qty, reason, note, valueFen } });
      })();
      return levelView(level(productId));
    },

    /** A count's correction (inside the approval's transaction), valued at the average. */
    correct(productId: number, diff: number, countId: number, staffId: number, at: string): number {
      const r = level(productId);
      const valueFen = correctionValue(diff, totalsOf(r));
      post({ productId, reason: 'count', qty: diff, valueFen, countId, staffId, at }, r.on_hand);
      return valueFen;
    },

    /**
     * The moves of a sale, in the sale's transaction: each line of a stocked product takes its
     * quantity (× grams per unit when weighed) at the moving-average cost. Below zero is
     * allowed and flagged on the move. Answers the products left below zero.
     */
    afterSale(saleId: number, staffId: number | null, at: string, lines: ReadonlyArray<{ lineId: number; productId: number | null; qty: number; grams?: number | null }>): number[] {
      const below: number[] = [];
      for (const l of lines) {
        if (l.productId === null || l.qty <= 0) continue;
        const p = saleInfo.get(l.productId);
        if (!p || p.stocked !== 1) continue;
        // A weighed line (称重) takes the grams it weighed; otherwise the grams one unit sold takes.
        const qty = p.stock_unit === 'gram' ? (l.grams ?? l.qty * (p.sale_grams ?? 1)) : l.qty;
        const t: Totals = { onHand: p.on_hand ?? 0, valueFen: p.value_fen ?? 0, lastCostFen: p.last_cost_fen, basis: basisOf(p.stock_unit) };
        post({ productId: l.productId, reason: 'sale', qty: -qty, valueFen: -outValue(qty, t), saleId, lineId: l.lineId, staffId, at }, t.onHand);
        if (t.onHand - qty < 0) below.push(l.productId);
      }
      return below;
    },

    /**
     * A refund puts back what the sale took, at the cost it went out: cumulative, like the
     * money, so refunding a line in parts returns exactly its quantity and cost in the end.
     * A line whose sale took no stock (not stocked then, or sold before stock was kept) puts none back.
     */
    afterRefund(refundId: number, staffId: number | null, at: string, lines: ReadonlyArray<{ lineId: number; originalLineId: number; originalQty: number; qty: number }>): void {
      for (const l of lines) {
        const sold = saleMoveOf.get(l.originalLineId);
        if (!sold) continue;
        const before = refundedOf.get(l.originalLineId)!;
        const soldQty = -sold.qty;
        const refundedLineQtyBefore = mulDiv(before.qty, l.originalQty, soldQty);
        const qtyAfter = mulDiv(soldQty, refundedLineQtyBefore + l.qty, l.originalQty);
        const valueAfter = mulDiv(-sold.value_fen, qtyAfter, soldQty);
        const qty = qtyAfter - before.qty;
        if (qty === 0) continue;
        post({ productId: sold.product_id, reason: 'refund', qty, valueFen: valueAfter - before.value, saleId: refundId, lineId: l.lineId, staffId, at }, 0);
      }
    },

    moves(productId: number, offset: number, limit: number): { items: StockMove[]; total: number } {
      level(productId);
      const rows = movesOf.all(productId, limit, offset) as Array<Record<string, unknown>>;
      return {
        total: countMoves.get(productId)!.n,
        items: rows.map((m) => ({
          id: m.id as number, at: m.at as string, reason: m.reason as MoveReason, qty: m.qty as number, valueFen: m.value_fen as number,
          unitCostFen: m.unit_cost_fen as number | null, lossReason: m.loss_reason as LossReason | null, note: m.note as string, belowZero: m.below_zero === 1,
          receiptId: m.receipt_id as number | null, countId: m.count_id as number | null, saleId: m.sale_id as number | null, staffName: m.staff_name as string | null,
        })),
      };
    },
  };
}
export type StockLedger = ReturnType<typeof createStockLedger>;
