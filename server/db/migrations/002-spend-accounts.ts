import type { ServerMigration } from './types.js';

/**
 * The shared balances the server checks spends against, and the holds of spends in progress.
 *
 * - accounts: one row per balance, the sum of its ledger entries as ingested: a member's
 *   stored value (principal + bonus, fen) and points, a count card's uses left, a coupon's
 *   uses left (1 when issued). Kept by the table rules in the push's transaction; its row lock
 *   is what serialises two tills spending the same balance (server/spend/authorise.ts).
 * - holds: an amount a till was allowed to spend for one sale (clientRef) before it commits.
 *   Open holds count against what others may spend; the sale's arrival settles them
 *   (settled_sale, used), the till releases one it did not use, and one left open lapses at
 *   expires_at.
 *
 * - tills.waiting: how many transactions the till said it still has to push, at its last
 *   feed request (server status shows each till's backlog).
 *
 * A server that already holds facts gets its balances from them here, so an upgrade starts
 * with the same sums a fresh ingest would have made.
 */
export const m002SpendAccounts: ServerMigration = {
  version: 2,
  name: 'spend-accounts',
  async up(c) {
    await c.query(`
      ALTER TABLE tills ADD COLUMN waiting integer NOT NULL DEFAULT 0 CHECK (waiting >= 0);

      CREATE TABLE accounts (
        account uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('stored_value', 'points', 'coupon', 'count_card')),
        balance bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (account, kind)
      );

      CREATE TABLE holds (
        id bigserial PRIMARY KEY,
        till_id uuid NOT NULL REFERENCES tills (till_id),
        client_ref text NOT NULL,
        account uuid NOT NULL,
        kind text NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        used bigint NOT NULL DEFAULT 0 CHECK (used >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        settled_sale uuid,
        released_at timestamptz,
        UNIQUE (till_id, client_ref, account, kind)
      );
      CREATE INDEX holds_open ON holds (account, kind, expires_at) WHERE settled_sale IS NULL AND released_at IS NULL;
      CREATE INDEX holds_sale ON holds (settled_sale, account, kind) WHERE settled_sale IS NOT NULL;

      -- A refund is checked against the other refunds of its sale, from every till.
      CREATE INDEX facts_refunds ON facts ((row->>'refund_of')) WHERE tbl = 'sales' AND op = 'insert' AND row->>'refund_of' IS NOT NULL;

      INSERT INTO accounts (account, kind, balance)
      SELECT account, kind, sum(delta) FROM (
        SELECT (row->>'member_id')::uuid AS account, 'points' AS kind, (row->>'delta')::bigint AS delta
          FROM facts WHERE tbl = 'points_ledger' AND op = 'insert'
        UNION ALL
        SELECT (row->>'member_id')::uuid, 'stored_value', (row->>'principal_delta')::bigint + (row->>'bonus_delta')::bigint
          FROM facts WHERE tbl = 'stored_value_ledger' AND op = 'insert'
        UNION ALL
        SELECT (row->>'card_id')::uuid, 'count_card', (row->>'delta')::bigint
          FROM facts WHERE tbl = 'count_card_ledger' AND op = 'insert'
        UNION ALL
        SELECT row_gid, 'coupon', 1 FROM facts WHERE tbl = 'coupons' AND op = 'insert'
        UNION ALL
        SELECT (row->>'coupon_id')::uuid, 'coupon', -1 FROM facts WHERE tbl = 'coupon_uses' AND op = 'insert'
      ) AS entries
      WHERE account IS NOT NULL
      GROUP BY account, kind;
    `);
  },
};
