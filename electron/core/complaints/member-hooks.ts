import type { Database } from '../db/open.js';

/**
 * For `members.merge`'s `onMerge(keepId, mergeId)` (inside the merge transaction): the
 * duplicate card's complaints and satisfaction answers move to the kept member, like its sales.
 * Its open care tasks are dropped by the next generation (the member is then `merged`).
 */
export function moveComplaintRecords(db: Database): (keepId: number, mergeId: number) => void {
  const complaints = db.prepare('UPDATE complaints SET member_id = ? WHERE member_id = ?');
  const feedback = db.prepare('UPDATE feedback SET member_id = ? WHERE member_id = ?');
  return (keepId, mergeId) => {
    complaints.run(keepId, mergeId);
    feedback.run(keepId, mergeId);
  };
}
