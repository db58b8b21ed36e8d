import type { ServerMigration } from './types.js';

/**
 * The shop server's base: who the shop is, which tills may talk to it, the one-time pairing
 * codes, and the facts the tills push, numbered in commit order for the feed.
 *
 * - shop: one row; the id every till learns at pairing.
 * - tills: a till's token is kept only as its SHA-256; code (T1, T2 …) goes into receipt
 *   numbers, so it is never reused, not even after a revoke.
 * - pairing_codes: only a SHA-256 of the code is kept; a code pairs one till, once.
 * - feed_counter: one row; ingest takes feed numbers with UPDATE … RETURNING, whose row lock
 *   is held until commit, so numbers become visible in the order they were given (a bare
 *   sequence is not: a later transaction can commit a smaller number after a reader passed it).
 * - facts: everything the tills pushed, once each: gid is the change's own id, row_gid the
 *   row it makes or changes, (till_id, till_seq) its place in that till's stream, feed_no its
 *   place in the shop's feed.
 * - exceptions: items a table rule refused (stored nowhere else) or flagged as overdraft
 *   (stored in facts too), for a manager to resolve: nothing is dropped silently.
 */
export const m001ShopSync: ServerMigration = {
  version: 1,
  name: 'shop-sync',
  async up(c) {
    await c.query(`
      CREATE TABLE shop (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        shop_id uuid NOT NULL DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO shop DEFAULT VALUES;

      CREATE TABLE tills (
        till_id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^T[0-9]{1,3}$'),
        name text NOT NULL,
        token_sha256 bytea NOT NULL UNIQUE CHECK (length(token_sha256) = 32),
        paired_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        last_seen_at timestamptz,
        last_seq bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0)
      );

      CREATE TABLE pairing_codes (
        id bigserial PRIMARY KEY,
        code_hash bytea NOT NULL UNIQUE CHECK (length(code_hash) = 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_by uuid REFERENCES tills (till_id),
        used_at timestamptz
      );
      CREATE INDEX pairing_codes_open ON pairing_codes (expires_at) WHERE used_by IS NULL;

      CREATE TABLE feed_counter (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        n bigint NOT NULL DEFAULT 0 CHECK (n >= 0)
      );
      INSERT INTO feed_counter DEFAULT VALUES;

      CREATE TABLE facts (
        gid uuid PRIMARY KEY,
        feed_no bigint NOT NULL UNIQUE CHECK (feed_no > 0),
        till_id uuid NOT NULL REFERENCES tills (till_id),
        till_seq bigint NOT NULL CHECK (till_seq > 0),
        row_gid uuid NOT NULL,
        tbl text NOT NULL,
        op text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        row jsonb NOT NULL,
        hlc text NOT NULL,
        txn_end boolean NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (till_id, till_seq)
      );
      -- The feed reads by feed_no (the UNIQUE index); a page that would end inside a till
      -- transaction looks up that till's next txn_end row.
      CREATE INDEX facts_till_txn_end ON facts (till_id, feed_no) WHERE txn_end;
      CREATE INDEX facts_tbl ON facts (tbl, feed_no);
      -- A row's history (its insert, then updates and a delete), for table rules.
      CREATE INDEX facts_row ON facts (row_gid, feed_no);

      CREATE TABLE exceptions (
        id bigserial PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('rejected', 'overdraft')),
        till_id uuid NOT NULL REFERENCES tills (till_id),
        till_seq bigint NOT NULL,
        gid uuid NOT NULL UNIQUE,
        tbl text NOT NULL,
        reason text,
        row jsonb NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        UNIQUE (till_id, till_seq)
      );
      CREATE INDEX exceptions_open ON exceptions (till_id) WHERE resolved_at IS NULL;
    `);
  },
};
