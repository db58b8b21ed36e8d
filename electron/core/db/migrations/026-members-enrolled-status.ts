import type { Database } from 'better-sqlite3';
import type { Migration } from './types.js';

/**
 * The enrolment index carries the member's status (issue 19). Every count of new members and
 * every cohort size is "enrolled in a range and not merged"; with the index on enrolled_at alone
 * each member in the range was read from the table for its status — 200,000 row reads for the
 * five-year cohort table on the bench shop (67 ms; 40 ms from the index alone). The same index
 * name, one more column: a member's status changes rarely (a freeze, an erasure, a merge), so
 * the write side is unchanged for a sale and one index entry for an enrolment, as before.
 */
export const m026MembersEnrolledStatus: Migration = {
  version: 26,
  name: 'members-enrolled-status',
  up(db: Database) {
    db.exec(`
      DROP INDEX members_enrolled;
      CREATE INDEX members_enrolled ON members(enrolled_at, status);
    `);
  },
};
