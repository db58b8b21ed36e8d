import type { Database } from '../db/open.js';

/**
 * The same phone enrolled at two tills while they could not reach the server: two members
 * with one phone, which the till's UNIQUE(phone) cannot hold. It is one person, so the
 * shop keeps the member made first — the smaller gid (UUIDv7 gids grow with time) — and the
 * till that made the other merges it in (a normal merge: balances move by ledger entries, and
 * the merge reaches every till as facts). Until then every till parks the later member
 * without its phone, so the feed goes on instead of stopping.
 *
 * Pure and deterministic: every till, whatever order the two members arrive in, ends with the
 * phone on the first member, the later one merged into it.
 */
export function createMemberConflicts(db: Database) {
  const byPhone = db.prepare<[string], { id: number; gid: string; origin: string | null }>(`SELECT m.id, r.gid, r.origin FROM members m
    JOIN sync_rows r ON r.tbl = 'members' AND r.rid = CAST(m.id AS TEXT) WHERE m.phone = ?`);
  const park = db.prepare<[number]>('UPDATE members SET phone = NULL WHERE id = ?');
  const queueByGid = db.prepare<[number, string, string]>(`INSERT INTO sync_member_merges (keep_id, merge_id, at)
    SELECT CAST(rid AS INTEGER), ?, ? FROM sync_rows WHERE tbl = 'members' AND gid = ? ON CONFLICT (merge_id) DO NOTHING`);

  return {
    /**
     * Before a member row from the feed is written (inside the apply transaction): frees the
     * phone if that member wins, or parks it if it loses. `values` are the row's local values
     * (changed in place); `rowGid` the incoming member's gid; `localId` its id here (an update).
     * Returns our own member that must be merged into the incoming one once it is written.
     */
    beforeWrite(values: Record<string, unknown>, rowGid: string, localId: number | null): { ours?: number } {
      const phone = values.phone;
      if (typeof phone !== 'string') return {};
      const clash = byPhone.get(phone);
      if (!clash || clash.gid === rowGid || (localId !== null && clash.id === localId)) return {};
      if (clash.gid < rowGid) {
        // Ours (or another till's) came first: the incoming one waits without a phone for the
        // till that made it to merge it. If it is ours to merge, that till is us: queue it.
        values.phone = null;
        return {};
      }
      park.run(clash.id);
      if (clash.origin === null) return { ours: clash.id };
      return {};
    },
    /** After the incoming member is written: our later duplicate is queued for the merge. */
    queueMerge(keepGid: string, mergeId: number, at: string): void {
      queueByGid.run(mergeId, at, keepGid);
    },
  };
}
export type MemberConflicts = ReturnType<typeof createMemberConflicts>;
