import type { PoolClient } from 'pg';
import type { PushItem } from '../../shared/sync/protocol.js';
import { SYNC_TABLE_BY_NAME } from '../../shared/sync/tables.js';
import { ANY_BRANCH_AUTHORITY, LOCAL_PRODUCT_TABLES } from '../../shared/sync/scopes.js';
import type { TableRuleResult } from '../rules/index.js';
import type { Till } from '../tills.js';

/**
 * Catalogue and rules come from the top (issue 15): the chain's set-up — products, prices and
 * per-branch prices, tiers, points and stored-value rules, coupon templates, promotions, gifts,
 * the shared settings — is written by head office's tills only. Another branch's change to it is
 * `rejected` ('head_office_only'), written nowhere, and listed for its manager. The one exception
 * is a branch that head office allows to add products of its own (`server branch add … --local-products`):
 * it may add products (with their barcodes and categories) and edit those it added; they are
 * placed in that branch alone (placement.ts). Staff are anyone's to manage (each row says its
 * branch). The till refuses the same before it writes (electron/core/branches/), so this is the
 * backstop for a till that was not told in time.
 */
export async function branchVerdict(tx: PoolClient, item: PushItem, till: Till): Promise<TableRuleResult | undefined> {
  if (till.headOffice) return undefined;
  const table = SYNC_TABLE_BY_NAME.get(item.table);
  if (!table || table.kind !== 'authority' || ANY_BRANCH_AUTHORITY.has(item.table)) return undefined;
  if (!LOCAL_PRODUCT_TABLES.has(item.table)) return { status: 'rejected', reason: 'head_office_only' };
  if (!till.allowLocalProducts) return { status: 'rejected', reason: 'local_products_not_allowed' };
  // A barcode is the product's: it goes only on a product of this branch.
  const owner = item.table === 'product_barcodes' && typeof item.row.product_id === 'string' ? item.row.product_id : item.op === 'insert' ? null : item.rowGid;
  if (owner === null) return undefined; // a new product or category of its own
  return (await isLocalTo(tx, owner, till)) ? undefined : { status: 'rejected', reason: 'head_office_only' };
}

/** Whether a row was made by this branch as its own (a row the server never saw counts as its own: it is new). */
async function isLocalTo(tx: PoolClient, rowGid: string, till: Till): Promise<boolean> {
  const { rows } = await tx.query<{ scope: string; branch_id: string }>(
    "SELECT scope, branch_id FROM facts WHERE row_gid = $1 AND op = 'insert' ORDER BY feed_no LIMIT 1", [rowGid]);
  return !rows[0] || (rows[0].scope === 'branch' && rows[0].branch_id === till.branchId);
}
