import type { ServerMigration } from './types.js';
import { BRANCH_TABLES, MEMBER_OWNER, MEMBER_TABLES, ROWS_WITH_CHILDREN } from '../../../shared/sync/scopes.js';

/** Members a chain lets every till hold; beyond it, a branch's tills hold the members it needs (README "A chain of shops"). */
export const DEFAULT_MEMBER_REPLICA_LIMIT = 250_000;

/**
 * A chain of shops (issue 15): who sees which fact, and the server's member directory.
 *
 * - branches.head_office: the branch whose tills set the catalogue and rules for the chain
 *   (B1 总店, made by 003). Exactly one.
 * - facts.scope ('chain' | 'branch' | 'member', shared/sync/scopes.ts) and facts.member_gid
 *   (for member facts: whose they are), decided at ingest, so a till's feed is one indexed
 *   range read filtered by its branch and the members it holds.
 * - member_directory: each member's phone, card number and last four digits, kept from the
 *   members facts at ingest: the on-demand lookup (POST /v1/members/lookup) reads it.
 * - member_rows: which member a row belongs to, for the rows that are edited later or have
 *   children (a coupon and its use, a count card and its uses).
 * - member_branches: the members a branch's tills hold — those who did anything there (kept at
 *   ingest) and those fetched on demand. Consulted only once the chain is past the replica limit.
 * - feed_replays: a fetched member's facts, numbered again for the branch that fetched them, so
 *   the branch's other tills (whose feed is past them) receive the member too.
 * - chain_settings: that limit, and the count of members it is compared with.
 */
export const m004MemberDirectory: ServerMigration = {
  version: 4,
  name: 'member-directory',
  async up(c) {
    await c.query(`
      ALTER TABLE branches ADD COLUMN head_office boolean NOT NULL DEFAULT false;
      UPDATE branches SET head_office = true WHERE code = 'B1';
      CREATE UNIQUE INDEX branches_one_head_office ON branches (head_office) WHERE head_office;

      CREATE TABLE member_directory (
        member_gid uuid PRIMARY KEY,
        phone text,
        card_no text,
        last4 text,
        name text NOT NULL DEFAULT '',
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX member_directory_phone ON member_directory (phone) WHERE phone IS NOT NULL;
      CREATE INDEX member_directory_card ON member_directory (card_no) WHERE card_no IS NOT NULL;
      CREATE INDEX member_directory_last4 ON member_directory (last4, member_gid) WHERE last4 IS NOT NULL;

      CREATE TABLE member_rows (
        row_gid uuid PRIMARY KEY,
        member_gid uuid NOT NULL
      );

      CREATE TABLE member_branches (
        member_gid uuid NOT NULL,
        branch_id uuid NOT NULL REFERENCES branches (branch_id),
        how text NOT NULL CHECK (how IN ('visit', 'fetch')),
        since timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (member_gid, branch_id)
      );

      -- A member's history sent again to a branch that starts holding them (fetched on demand):
      -- its other tills read past those facts long ago. Numbered from the feed's counter like
      -- facts, so they come before any later change of the member.
      CREATE TABLE feed_replays (
        feed_no bigint PRIMARY KEY,
        branch_id uuid NOT NULL REFERENCES branches (branch_id),
        gid uuid NOT NULL REFERENCES facts (gid)
      );
      CREATE INDEX feed_replays_branch ON feed_replays (branch_id, feed_no);

      CREATE TABLE chain_settings (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        member_replica_limit integer NOT NULL DEFAULT ${DEFAULT_MEMBER_REPLICA_LIMIT} CHECK (member_replica_limit >= 0),
        members bigint NOT NULL DEFAULT 0
      );
      INSERT INTO chain_settings DEFAULT VALUES;

      ALTER TABLE facts ADD COLUMN scope text NOT NULL DEFAULT 'chain' CHECK (scope IN ('chain', 'branch', 'member'));
      ALTER TABLE facts ADD COLUMN member_gid uuid;
    `);
    // The facts a single shop already has: placed by table (its one branch is head office, so
    // its set-up is the chain's), their members found as ingest would.
    await c.query(`UPDATE facts SET scope = CASE WHEN tbl = ANY($1) THEN 'member' WHEN tbl = ANY($2) THEN 'branch' ELSE 'chain' END`, [[...MEMBER_TABLES], [...BRANCH_TABLES]]);
    await c.query(`UPDATE facts SET member_gid = row_gid WHERE tbl = 'members'`);
    const direct = Object.entries(MEMBER_OWNER).filter(([, o]) => o.member);
    for (const [tbl, o] of direct) {
      await c.query(`UPDATE facts SET member_gid = (row->>'${o.member}')::uuid WHERE tbl = $1 AND op = 'insert' AND row->>'${o.member}' IS NOT NULL`, [tbl]);
    }
    await c.query(`INSERT INTO member_rows (row_gid, member_gid)
      SELECT DISTINCT ON (row_gid) row_gid, member_gid FROM facts WHERE op = 'insert' AND member_gid IS NOT NULL AND tbl = ANY($1) ORDER BY row_gid, feed_no`, [[...ROWS_WITH_CHILDREN]]);
    for (const [tbl, o] of Object.entries(MEMBER_OWNER).filter(([, x]) => x.parent)) {
      await c.query(`UPDATE facts f SET member_gid = r.member_gid FROM member_rows r WHERE f.tbl = $1 AND f.op = 'insert' AND r.row_gid = (f.row->>'${o.parent}')::uuid`, [tbl]);
    }
    await c.query(`UPDATE facts f SET member_gid = r.member_gid FROM member_rows r WHERE f.member_gid IS NULL AND f.scope = 'member' AND r.row_gid = f.row_gid`);
    // A coupon given to nobody in particular is everyone's to see.
    await c.query(`UPDATE facts SET scope = 'chain' WHERE scope = 'member' AND member_gid IS NULL`);
    await c.query(`
      INSERT INTO member_directory (member_gid, phone, card_no, last4, name)
        SELECT DISTINCT ON (row_gid) row_gid, row->>'phone', row->>'card_no', right(row->>'phone', 4), coalesce(row->>'name', '')
          FROM facts WHERE tbl = 'members' AND op = 'insert' ORDER BY row_gid, feed_no;
      UPDATE chain_settings SET members = (SELECT count(*) FROM member_directory);
      INSERT INTO member_branches (member_gid, branch_id, how)
        SELECT DISTINCT member_gid, branch_id, 'visit' FROM facts WHERE member_gid IS NOT NULL ON CONFLICT DO NOTHING;
      CREATE INDEX facts_member ON facts (member_gid, feed_no) WHERE member_gid IS NOT NULL;
    `);
  },
};
