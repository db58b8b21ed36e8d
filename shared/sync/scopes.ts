/**
 * Where a shared fact belongs in a chain of branches (issue 15), and so which tills the server
 * sends it to. Every synced table is in exactly one of three places:
 *
 * - member: the member's own record and balances — chain-wide, but at a branch till only for
 *   the members that till holds (see README "A chain of shops": all members up to a threshold,
 *   beyond it those who visited the branch plus those fetched on demand).
 * - branch: what happened at one branch's counter (sales, shifts, top-up receipts, stock,
 *   complaints, feedback, the audit log): only that branch's tills receive it.
 * - chain:  the set-up head office runs (catalogue, tiers, rules, coupon templates, promotions,
 *   per-branch prices, staff): every till receives it — except products a branch added for
 *   itself (a local product), which stay in that branch.
 */
export type FactScope = 'chain' | 'branch' | 'member';

export const MEMBER_TABLES: ReadonlySet<string> = new Set([
  'members', 'member_tags', 'member_count_cards', 'points_ledger', 'stored_value_ledger', 'count_card_ledger',
  'member_tier_history', 'coupons', 'coupon_uses', 'gift_redemptions', 'gift_redemption_cancels',
]);

export const BRANCH_TABLES: ReadonlySet<string> = new Set([
  'shifts', 'sales', 'sale_lines', 'sale_payments', 'sale_promotions', 'topups',
  'stock_receipts', 'stock_counts', 'stock_count_lines', 'stock_count_closes', 'stock_moves',
  'gift_stock_ledger', 'complaints', 'complaint_events', 'feedback', 'audit_log',
  'sale_line_weights', 'payment_codes', 'payment_code_checks',
]);

/** Head office's tables a branch may write to only for a product of its own (when allowed). */
export const LOCAL_PRODUCT_TABLES: ReadonlySet<string> = new Set(['products', 'product_barcodes', 'categories']);

/** Set-up anyone may change anywhere: staff (each row carries its branch; owners are chain-wide). */
export const ANY_BRANCH_AUTHORITY: ReadonlySet<string> = new Set(['staff']);

/**
 * How the server finds the member a member-table row belongs to: a column holding the member's
 * gid, or a column naming a parent row (a coupon, a count card, a redemption) whose member is
 * known. Rows edited or deleted later (members, tags, coupons) are found by their own gid.
 */
export const MEMBER_OWNER: Readonly<Record<string, { member?: string; parent?: string }>> = {
  members: {},
  member_tags: { member: 'member_id' },
  member_count_cards: { member: 'member_id' },
  points_ledger: { member: 'member_id' },
  stored_value_ledger: { member: 'member_id' },
  member_tier_history: { member: 'member_id' },
  coupons: { member: 'member_id' },
  gift_redemptions: { member: 'member_id' },
  coupon_uses: { parent: 'coupon_id' },
  count_card_ledger: { parent: 'card_id' },
  gift_redemption_cancels: { parent: 'redemption_id' },
};

/** Member-table rows that are edited or deleted later, or that other rows hang from: the server keeps whose they are. */
export const ROWS_WITH_CHILDREN: ReadonlySet<string> = new Set(['members', 'member_tags', 'coupons', 'member_count_cards', 'gift_redemptions']);

/** Branch facts that name a member: a sale there means the member visited that branch. */
export const VISIT_COLUMNS: Readonly<Record<string, string>> = { sales: 'member_id', topups: 'member_id', complaints: 'member_id', feedback: 'member_id' };

export function scopeOfTable(table: string): FactScope {
  if (MEMBER_TABLES.has(table)) return 'member';
  if (BRANCH_TABLES.has(table)) return 'branch';
  return 'chain';
}

