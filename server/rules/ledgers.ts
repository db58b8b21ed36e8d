import type { PushItem, SpendKind } from '../../shared/sync/protocol.js';
import { coverSpend, coverable, heldByOthers, holdsFor, lockBalance, post } from '../spend/accounts.js';
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

/**
 * A rule decides before it writes anything (no savepoint per item: they cost a round trip
 * each and most of ingest's time): the balance is locked, the holds that authorised the spend
 * read, and only then the entry posted — or, for a refused spend, nothing written at all.
 */
function ledgerRule(shape: LedgerShape): TableRule {
  return async (tx, item, till, ctx) => {
    if (item.op !== 'insert') return OK;
    const account = str(item.row[shape.account]);
    if (!account) return { status: 'rejected', reason: 'no_account' };
    const delta = shape.delta(item.row);
    if (!(delta < 0 && shape.spends(item.row))) {
      ctx.defer(account, shape.kind, delta);
      return OK;
    }
    await ctx.flush(account, shape.kind);
    const amount = -delta;
    const saleGid = str(item.row.sale_id);
    const before = await lockBalance(tx, account, shape.kind);
    const holds = await holdsFor(tx, till.tillId, saleGid, account, shape.kind);
    const covered = coverable(holds, amount);
    let verdict: TableRuleResult = OK;
    if (covered < amount) {
      // A spend outside a sale is covered by this till's own open holds, which heldByOthers
      // still counts: what this spend uses of them is no longer held.
      const held = (await heldByOthers(tx, account, shape.kind)) - (saleGid ? 0 : covered);
      if (before - amount - held < 0) verdict = { status: shape.short, reason: `${shape.kind}_short` };
    }
    if (verdict.status === 'rejected') return verdict;
    await coverSpend(tx, holds, amount);
    await post(tx, account, shape.kind, delta);
    return verdict;
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
  coupons: async (_tx, item, _till, ctx) => {
    if (item.op === 'insert') ctx.defer(item.rowGid, 'coupon', 1);
    return OK;
  },
};
