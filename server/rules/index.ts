import type { PoolClient } from 'pg';
import type { PushItem, SpendKind } from '../../shared/sync/protocol.js';
import type { Till } from '../tills.js';
import { ledgerRules } from './ledgers.js';
import { salesRule } from './sales.js';

/**
 * Table-specific checks at ingest, one per synced table that needs one (a ledger's balance,
 * a coupon used once …). A rule runs inside the push's transaction, before the fact is stored.
 * It decides before it writes: a rule answering 'rejected' has written nothing (there is no
 * savepoint per item — one costs a round trip, most of ingest's time once). It may lock rows
 * (SELECT … FOR UPDATE) to decide.
 *   ok        the fact is stored in facts
 *   overdraft the fact is stored (the goods have left) and also recorded in exceptions
 *   rejected  the fact is not stored; it is recorded in exceptions with the reason
 * A rule that throws fails the whole push (nothing written; the till retries).
 * Tables without a rule are stored as they come.
 */
export interface TableRuleResult {
  status: 'ok' | 'rejected' | 'overdraft';
  /** For rejected and overdraft: a translation key's last part (sync.reason.*). */
  reason?: string;
}

/**
 * What a push's rules share: balance moves that need not be read back at once are gathered
 * and written in one statement at the end of the push (most ledger entries — points earned,
 * a top-up — only add to a balance); a rule that must read a balance flushes its moves first.
 */
export interface RuleContext {
  defer(account: string, kind: SpendKind, delta: number): void;
  flush(account: string, kind: SpendKind): Promise<void>;
}

export type TableRule = ((tx: PoolClient, item: PushItem, till: Till, ctx: RuleContext) => Promise<TableRuleResult>) & {
  /** Runs once per push, before any item's rule, with the push's new items of the table. */
  prepare?: (tx: PoolClient, items: readonly PushItem[], till: Till) => Promise<void>;
};
export type TableRules = Readonly<Record<string, TableRule | undefined>>;

/** The registry ingest looks rules up in, by PushItem.table. */
export const tableRules: TableRules = { ...ledgerRules, sales: salesRule };
