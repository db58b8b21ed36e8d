import type { PushItem, SpendKind } from '../../shared/sync/protocol.js';
import { coverSpend, heldByOthers, post } from '../spend/accounts.js';
import type { TableRule, TableRuleResult } from './index.js';

/**
 * The ledgers' checks at ingest. Each entry moves its balance on the server (accounts). A
 * spend (a stored-value payment, points redeemed or paid for a gift, a count-card use, a
 * coupon use) that a hold authorised before the sale is fine; one that did not — made
 * offline — is still stored when money, points or uses run short (the goods have left), but
 * flagged `overdraft` for a manager and recovered from the next top-up. A coupon used twice is
 * the exception: the second use is `rejected` (the coupon stays used once everywhere, the
 * discount given stays on its sale, and the manager sees it).
 */
const OK: TableRuleResult = { status: 'ok' };

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const int = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));

const reason = (...names: string[]) => (row: PushItem['row']) => names.includes(String(row.reason));

interface LedgerShape {
  kind: SpendKind;
  /** The column holding the balance's gid. */
  account: string;
  delta: (row: PushItem['row']) => number;
  /** Whether an entry is a customer spending the balance (by its reason). */
  spends: (row: PushItem['row']) => boolean;
  /** What a spend beyond the balance becomes. */
  short: 'overdraft' | 'rejected';
}

function ledgerRule(shape: LedgerShape): TableRule {
  return async (tx, item, till) => {
    if (item.op !== 'insert') return OK;
    const account = str(item.row[shape.account]);
    if (!account) return { status: 'rejected', reason: 'no_account' };
    const delta = shape.delta(item.row);
    if (!(delta < 0 && shape.spends(item.row))) {
      await post(tx, account, shape.kind, delta);
      return OK;
    }
    const covered = await coverSpend(tx, till.tillId, str(item.row.sale_id), account, shape.kind, -delta);
    const after = await post(tx, account, shape.kind, delta);
    if (covered >= -delta) return OK;
    const held = await heldByOthers(tx, account, shape.kind);
    return after - held < 0 ? { status: shape.short, reason: `${shape.kind}_short` } : OK;
  };
}

export const ledgerRules: Record<string, TableRule> = {
  stored_value_ledger: ledgerRule({
    kind: 'stored_value', account: 'member_id', delta: (r) => int(r.principal_delta) + int(r.bonus_delta), spends: reason('payment'), short: 'overdraft',
  }),
  points_ledger: ledgerRule({ kind: 'points', account: 'member_id', delta: (r) => int(r.delta), spends: reason('redeem', 'gift'), short: 'overdraft' }),
  count_card_ledger: ledgerRule({ kind: 'count_card', account: 'card_id', delta: (r) => int(r.delta), spends: reason('use'), short: 'overdraft' }),
  coupon_uses: ledgerRule({ kind: 'coupon', account: 'coupon_id', delta: () => -1, spends: () => true, short: 'rejected' }),
  /** A coupon issued is one use to spend. */
  coupons: async (tx, item) => {
    if (item.op === 'insert') await post(tx, item.rowGid, 'coupon', 1);
    return OK;
  },
};
