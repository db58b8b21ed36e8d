/**
 * Which of the till's tables are the shop's shared facts, and how each is merged. The till's
 * sync triggers, its outbox reader, the feed applier and the server's checks all read this
 * one list, so a new table is shared by adding it here (and its triggers in its migration).
 *
 * - fact:      append-only records that are never refused (the goods have left): sales, their
 *              lines and payments, shifts, complaints, feedback, the audit log.
 * - ledger:    append-only money, points and stock entries; balance = sum; checked at the
 *              server (an overdraft is accepted and flagged, never silent).
 * - profile:   edited in place; last writer wins per field by hybrid logical clock.
 * - authority: the shop's set-up (staff, catalogue, tiers, offers): edited in place the same
 *              way, and the server is where the owner's copy lives.
 *
 * Not listed (and so never sent): summaries kept by triggers (they follow the raw rows on
 * every till), the till's own queues (print jobs, held orders, receipt counters) and
 * care_tasks, which each till's daily job derives from the shared facts.
 *
 * `refs` maps a column to the table whose row it points at: on the wire it carries that row's
 * gid, and each till turns it back into its own local id. `local` columns stay on the till
 * (a PIN lockout counts per till). Order matters: a table comes after the tables it refers to,
 * so a backfill in this order never sends a reference before its row.
 */
export type SyncKind = 'fact' | 'ledger' | 'profile' | 'authority';

export interface SyncTable {
  name: string;
  kind: SyncKind;
  refs: Readonly<Record<string, string>>;
  local?: readonly string[];
  /** A table without rowids: its rows are named by these columns (refs mapped) instead. */
  key?: readonly string[];
  /** Only rows whose column holds one of these values are shared (the others are this till's own). */
  only?: { column: string; values: readonly string[] };
  /**
   * The migration that made the table, when it came after 013 (which made every table listed
   * before it syncable): 013 skips tables it did not know, and the newer migration installs them.
   */
  since?: number;
}

/**
 * The till migration that makes a till one branch of a chain (issue 15): its per-branch prices
 * table is shared from it on. One constant, so renumbering the migration is this line and its file name.
 */
export const BRANCHES_MIGRATION = 19;

const t = (name: string, kind: SyncKind, refs: Record<string, string> = {}, local?: string[], key?: string[]): SyncTable =>
  ({ name, kind, refs, ...(local ? { local } : {}), ...(key ? { key } : {}) });

export const SYNC_TABLES: readonly SyncTable[] = [
  t('staff', 'authority', { created_by: 'staff' }, ['failed_attempts', 'locked_until', 'lockouts']),
  t('tiers', 'authority'),
  t('categories', 'authority'),
  t('products', 'authority', { category_id: 'categories', updated_by: 'staff' }),
  t('product_barcodes', 'authority', { product_id: 'products' }, undefined, ['barcode']),
  t('coupon_templates', 'authority'),
  t('count_card_types', 'authority', { package_product_id: 'products', service_product_id: 'products' }),
  t('gifts', 'authority'),
  { ...t('promotions', 'authority', { updated_by: 'staff' }), since: 16 },
  { ...t('promotion_targets', 'authority', { promotion_id: 'promotions', product_id: 'products', category_id: 'categories', tier_id: 'tiers' }), since: 16 },
  // A branch's price for a head-office product (migration 019): set at head office, used by that branch's tills.
  { ...t('product_branch_prices', 'authority', { product_id: 'products', updated_by: 'staff' }), since: BRANCHES_MIGRATION },
  t('members', 'profile', { referrer_id: 'members', tier_id: 'tiers', merged_into: 'members', created_by: 'staff', paid_tier_id: 'tiers' }),
  t('member_tags', 'profile', { member_id: 'members' }, undefined, ['member_id', 'tag']),
  t('shifts', 'fact', { staff_id: 'staff', closed_by: 'staff' }),
  t('sales', 'fact', { refund_of: 'sales', member_id: 'members', staff_id: 'staff', shift_id: 'shifts' }),
  t('member_count_cards', 'ledger', { member_id: 'members', type_id: 'count_card_types', sale_id: 'sales', line_id: 'sale_lines' }),
  t('sale_lines', 'fact', { sale_id: 'sales', product_id: 'products', refund_of_line: 'sale_lines', count_card_id: 'member_count_cards' }),
  t('sale_payments', 'fact', { sale_id: 'sales' }),
  { ...t('sale_promotions', 'fact', { sale_id: 'sales', line_id: 'sale_lines', promotion_id: 'promotions' }), since: 16 },
  // Stock (migration 017): slips, counts and the moves that make on hand.
  { ...t('stock_receipts', 'fact', { staff_id: 'staff' }), since: 17 },
  { ...t('stock_counts', 'fact', { category_id: 'categories', staff_id: 'staff' }), since: 17 },
  { ...t('stock_count_lines', 'fact', { count_id: 'stock_counts', product_id: 'products', staff_id: 'staff' }), since: 17 },
  { ...t('stock_count_closes', 'fact', { count_id: 'stock_counts', staff_id: 'staff' }), since: 17 },
  { ...t('stock_moves', 'ledger', { product_id: 'products', receipt_id: 'stock_receipts', count_id: 'stock_counts', sale_id: 'sales', line_id: 'sale_lines', staff_id: 'staff' }), since: 17 },
  // Weighed goods (migration 020): the label scales' layouts, the products sold by weight, the weights of sold lines.
  { ...t('scale_templates', 'authority', { updated_by: 'staff' }), since: 20 },
  { ...t('weighed_products', 'authority', { product_id: 'products', template_id: 'scale_templates', updated_by: 'staff' }), since: 20 },
  { ...t('sale_line_weights', 'fact', { line_id: 'sale_lines' }), since: 20 },
  // Payment codes (migration 021): code-paid payments and their checks against the platform's statement.
  { ...t('payment_codes', 'fact', { sale_id: 'sales', shift_id: 'shifts' }), since: 21 },
  { ...t('payment_code_checks', 'fact', { payment_code_id: 'payment_codes', staff_id: 'staff' }), since: 21 },
  t('topups', 'fact', { member_id: 'members', staff_id: 'staff', shift_id: 'shifts' }),
  t('points_ledger', 'ledger', { member_id: 'members', sale_id: 'sales', staff_id: 'staff' }),
  t('stored_value_ledger', 'ledger', { member_id: 'members', sale_id: 'sales', staff_id: 'staff', topup_id: 'topups' }),
  t('count_card_ledger', 'ledger', { card_id: 'member_count_cards', sale_id: 'sales', staff_id: 'staff' }),
  t('member_tier_history', 'fact', { member_id: 'members', from_tier: 'tiers', to_tier: 'tiers', staff_id: 'staff', sale_id: 'sales' }),
  t('coupons', 'profile', { template_id: 'coupon_templates', member_id: 'members', issued_by: 'staff' }),
  t('coupon_uses', 'ledger', { coupon_id: 'coupons', sale_id: 'sales' }),
  t('gift_redemptions', 'ledger', { member_id: 'members', gift_id: 'gifts', points_entry_id: 'points_ledger', staff_id: 'staff' }),
  t('gift_redemption_cancels', 'ledger', { redemption_id: 'gift_redemptions', staff_id: 'staff' }),
  t('gift_stock_ledger', 'ledger', { gift_id: 'gifts', redemption_id: 'gift_redemptions', staff_id: 'staff' }),
  t('complaints', 'fact', { member_id: 'members', sale_id: 'sales', assignee_id: 'staff', created_by: 'staff' }),
  t('complaint_events', 'fact', { complaint_id: 'complaints', staff_id: 'staff' }),
  t('feedback', 'fact', { member_id: 'members', sale_id: 'sales', staff_id: 'staff' }),
  t('audit_log', 'fact', { staff_id: 'staff' }),
  // The shop's rules are shared; a till's devices, backup folder and daily-job marks are its own.
  { name: 'settings', kind: 'authority', refs: {}, key: ['key'], only: { column: 'key', values: [
    'shop', 'shop.setUp', 'shop.demo', 'checkout.rules', 'rewards.rules', 'storedValue.rules', 'care.rules', 'complaints.lists', 'sync.offlineCaps',
  ] } },
];

export const SYNC_TABLE_BY_NAME: ReadonlyMap<string, SyncTable> = new Map(SYNC_TABLES.map((x) => [x.name, x]));

/** Columns a ledger or fact may never change after its insert (the till's triggers refuse it too). */
export const APPEND_ONLY: ReadonlySet<string> = new Set(SYNC_TABLES.filter((x) => x.kind === 'ledger').map((x) => x.name));
