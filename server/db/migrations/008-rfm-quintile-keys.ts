import type { ServerMigration } from './types.js';

/**
 * RFM as of the latest day (server/stats/rfm-latest.ts) without sorting a scope's members:
 * each quintile's first key is read from one of these indexes in index order, and the cells
 * are counted from the first, which carries what they add up (an index-only scan of the
 * scope's members, not the whole table's rows of every scope). Partial: a member whose window
 * holds no sale (freq 0) is in no quintile.
 */
export const m008RfmQuintileKeys: ServerMigration = {
  version: 8,
  name: 'rfm-quintile-keys',
  async up(c) {
    await c.query(`
      CREATE INDEX hq_rfm_members_by_recency ON hq_rfm_members (scope, last_day, member) INCLUDE (freq, spend) WHERE freq > 0;
      CREATE INDEX hq_rfm_members_by_frequency ON hq_rfm_members (scope, freq, member) WHERE freq > 0;
    `);
  },
};
