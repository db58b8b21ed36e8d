import type { Database } from '../db/open.js';
import type { MembersService } from '../members/members-service.js';
import type { Points } from '../rewards/points.js';
import type { StoredValue } from '../rewards/stored-value.js';
import { moveComplaintRecords } from '../complaints/member-hooks.js';

/**
 * Merging a duplicate member into the one kept: the profile merge (sales, tags, referrals,
 * tier) and everything the duplicate holds — points, stored value, count cards, coupons,
 * complaints. One path for the manager's 合并会员 and for the same phone enrolled at two
 * tills while offline (electron/core/sync/member-conflicts.ts).
 */
export function createMemberMerge(d: { db: Database; members: MembersService; points: Points; storedValue: StoredValue }) {
  const { db, members, points, storedValue } = d;
  return (keepId: number, mergeId: number, staffId: number) => members.merge(keepId, mergeId, staffId, (keep, gone) => {
    points.moveAll(gone, keep);
    storedValue.moveAll(gone, keep);
    db.prepare('UPDATE member_count_cards SET member_id = ? WHERE member_id = ?').run(keep, gone);
    db.prepare('UPDATE coupons SET member_id = ? WHERE member_id = ?').run(keep, gone);
    moveComplaintRecords(db)(keep, gone);
  });
}
export type MemberMerge = ReturnType<typeof createMemberMerge>;
