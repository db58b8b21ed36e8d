import { settleHolds } from '../spend/accounts.js';
import type { TableRule } from './index.js';

const int = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));

/**
 * A sale reaching the server takes over the holds its till made for it (so its ledger
 * entries that follow are covered), and a refund is checked against what is left to refund
 * of the sale across all tills: a refund is never refused (the money has gone back), but one
 * beyond what remains — two tills refunding the same sale offline — is flagged for a manager.
 * The till itself checks what it knows; only the server sees every till's refunds.
 */
export const salesRule: TableRule = async (tx, item) => {
  if (item.op !== 'insert') return { status: 'ok' };
  const { row } = item;
  if (row.kind !== 'refund' || typeof row.refund_of !== 'string') return { status: 'ok' };
  const sale = await tx.query<{ total: string }>(
    "SELECT (row->>'total_fen')::bigint AS total FROM facts WHERE row_gid = $1 AND tbl = 'sales' AND op = 'insert'", [row.refund_of]);
  if (sale.rows.length === 0) return { status: 'ok' }; // the sale is in this same push: its till checked
  const before = await tx.query<{ n: string }>(
    "SELECT coalesce(-sum((row->>'total_fen')::bigint), 0) AS n FROM facts WHERE tbl = 'sales' AND op = 'insert' AND row->>'refund_of' = $1", [row.refund_of]);
  const refunded = Number(before.rows[0]!.n) - int(row.total_fen);
  return refunded > Number(sale.rows[0]!.total) ? { status: 'overdraft', reason: 'refund_exceeds_sale' } : { status: 'ok' };
};

/** The push's new sales take over their holds in one statement, before any entry is checked. */
salesRule.prepare = (tx, items, till) => settleHolds(tx, till.tillId, items
  .filter((i) => i.op === 'insert' && typeof i.row.client_ref === 'string')
  .map((i) => ({ clientRef: i.row.client_ref as string, saleGid: i.rowGid })));
