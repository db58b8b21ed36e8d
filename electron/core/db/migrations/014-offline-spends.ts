import type { Database } from 'better-sqlite3';
import type { Migration } from './types.js';
import { SYNC_TABLE_BY_NAME } from '../../../../shared/sync/tables.js';
import { installSyncTriggers } from '../sync-triggers.js';

/**
 * Spending shared balances while the shop server cannot be reached (electron/core/sync/spend-guard.ts).
 *
 * - offline_spends: what this till let members spend from stored value, points, coupons and
 *   count cards without the server's authorisation, until the server has answered the push
 *   that carried it (confirmed_at). It is the till's own bookkeeping for the owner's offline
 *   caps and the daily report's exposure — not a fact of the shop: the spends themselves are
 *   ledger entries, which sync like every other. upto_seq is the outbox position that covers
 *   the sale's entries.
 * - The settings trigger is made again: the offline caps (sync.offlineCaps) are one of the
 *   shop's shared rules.
 * - sync_member_merges: the same phone enrolled at two tills while offline is one person;
 *   the member made later (by gid) is merged into the earlier one by the till that made it.
 *   The feed parks the clash (electron/core/sync/member-conflicts.ts) and queues the merge
 *   here, so a till that stops before running it runs it after its restart.
 * - coupon_uses stays append-only for the till's own code, but the feed may replace a use of
 *   ours that the server refused (a coupon used at two tills offline) with the one it kept.
 */
export const m014OfflineSpends: Migration = {
  version: 14,
  name: 'offline-spends',
  up(db: Database) {
    db.exec(`
      CREATE TABLE offline_spends (
        id               INTEGER PRIMARY KEY,
        at               TEXT NOT NULL,
        client_ref       TEXT NOT NULL,
        sale_id          INTEGER REFERENCES sales(id),
        member_id        INTEGER REFERENCES members(id),
        stored_value_fen INTEGER NOT NULL DEFAULT 0 CHECK (stored_value_fen >= 0),
        points           INTEGER NOT NULL DEFAULT 0 CHECK (points >= 0),
        coupons          INTEGER NOT NULL DEFAULT 0 CHECK (coupons >= 0),
        card_uses        INTEGER NOT NULL DEFAULT 0 CHECK (card_uses >= 0),
        upto_seq         INTEGER NOT NULL,
        confirmed_at     TEXT
      ) STRICT;
      CREATE INDEX offline_spends_open ON offline_spends(member_id) WHERE confirmed_at IS NULL;
      CREATE INDEX offline_spends_day ON offline_spends(at);

      CREATE TABLE sync_member_merges (
        id       INTEGER PRIMARY KEY,
        keep_id  INTEGER NOT NULL REFERENCES members(id),
        merge_id INTEGER NOT NULL UNIQUE REFERENCES members(id),
        at       TEXT NOT NULL,
        done_at  TEXT
      ) STRICT;

      DROP TRIGGER coupon_uses_no_delete;
      CREATE TRIGGER coupon_uses_no_delete BEFORE DELETE ON coupon_uses WHEN (SELECT applying FROM sync_state) = 0
      BEGIN SELECT RAISE(ABORT, 'coupon uses are append-only'); END;
    `);
    installSyncTriggers(db, SYNC_TABLE_BY_NAME.get('settings')!);
  },
};
