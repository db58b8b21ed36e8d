import type { ServerMigration } from './types.js';

/**
 * Branches: the server of a chain serves several shops; a single shop is a chain of one.
 *
 * - branches: code B1, B2 … (never reused, like till codes); the first branch is made here so
 *   every existing till belongs to one. allow_local_products: whether head office lets the
 *   branch add products of its own.
 * - tills.branch_id: each paired till belongs to exactly one branch, given by the pairing code
 *   it paired with (pairing_codes.branch_id; a code made without one pairs into B1).
 * - facts.branch_id: the branch of the till that pushed the fact, copied at ingest so feeds and
 *   head-office figures filter by branch without a join (a till never changes branch; one that
 *   moves is revoked and paired again).
 */
export const m003Branches: ServerMigration = {
  version: 3,
  name: 'branches',
  async up(c) {
    await c.query(`
      CREATE TABLE branches (
        branch_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^B[0-9]{1,3}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
        allow_local_products boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO branches (code, name) VALUES ('B1', '总店');

      ALTER TABLE tills ADD COLUMN branch_id uuid REFERENCES branches (branch_id);
      UPDATE tills SET branch_id = (SELECT branch_id FROM branches WHERE code = 'B1');
      ALTER TABLE tills ALTER COLUMN branch_id SET NOT NULL;

      ALTER TABLE pairing_codes ADD COLUMN branch_id uuid REFERENCES branches (branch_id);

      ALTER TABLE facts ADD COLUMN branch_id uuid;
      UPDATE facts f SET branch_id = t.branch_id FROM tills t WHERE t.till_id = f.till_id;
      ALTER TABLE facts ALTER COLUMN branch_id SET NOT NULL;
      CREATE INDEX facts_branch ON facts (branch_id, feed_no);
    `);
  },
};
