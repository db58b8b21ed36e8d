import type { ServerMigration } from './types.js';

/**
 * The chain's daily member jobs (issue 15): points expiry, birthday points and coupons,
 * count-card expiry and the tier review are facts about chain-wide members, so they run once,
 * on the server, not on every till. The server runs them in a till of its own (the
 * member-jobs till, electron/host/member-jobs-till.ts): it pairs like any till, but
 *
 * - receives the whole feed (every branch's sales: a tier review counts a member's spend in
 *   every branch) instead of its branch's view;
 * - does not mark the members it writes for as held by head office (member_branches), and its
 *   points entries count in the chain's figures only, not in head office's;
 * - there is at most one (a second one would award the birthday points twice).
 *
 * A pairing code made for it (pairing_codes.member_jobs) pairs a till with the flag set.
 */
export const m007MemberJobsTill: ServerMigration = {
  version: 7,
  name: 'member-jobs-till',
  async up(c) {
    await c.query(`
      ALTER TABLE tills ADD COLUMN member_jobs boolean NOT NULL DEFAULT false;
      ALTER TABLE pairing_codes ADD COLUMN member_jobs boolean NOT NULL DEFAULT false;
      CREATE UNIQUE INDEX tills_one_member_jobs ON tills (member_jobs) WHERE member_jobs AND revoked_at IS NULL;
    `);
  },
};
