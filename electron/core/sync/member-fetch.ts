import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';
import { normalizeMobile } from '../../../shared/phone.js';
import type { MemberLookupRequest } from '../../../shared/sync/protocol.js';
import type { SyncService } from './sync-service.js';

type Found = { by: 'phone' | 'last4' | 'card' | 'name' | 'none'; members: unknown[] };
export type RemoteOutcome = 'fetched' | 'none' | 'too_many' | 'offline';

/** Retry a lookup whose answer was lost no sooner than this (it is also retried at the next lookup). */
const RETRY_MS = 30_000;

/**
 * On-demand members for a branch till of a chain (issue 15; README "A chain of shops"). When
 * a lookup by phone, card number or last four digits finds nobody here and the till is paired,
 * the till asks the server's member directory (within the counter's deadline), applies the
 * members' history that comes back (so their balances are their ledgers here too), and holds
 * them from then on: the server's feed carries their changes to this branch.
 *
 * Nothing of the member is missed between the fetch and the next feed read: the server marks
 * the member as this branch's and reads their history in one transaction that holds the feed
 * counter's lock (server/directory/directory.ts), so every fact of theirs numbered after that
 * history commits after the mark, and any feed read that can see such a fact sees the mark and
 * carries it. What a feed page read just before skipped is in the history. The branch's other
 * tills receive the same history replayed in their feed.
 *
 * A lookup whose answer never came (the connection dropped after the server committed) stays
 * in sync_member_fetches and is asked again: its answer brings the member's whole history, so a
 * member is never half here.
 */
export function createMemberFetch(deps: { db: Database; clock: Clock; sync: SyncService }) {
  const { db, clock, sync } = deps;
  const ask = db.prepare<[string, string, string]>('INSERT INTO sync_member_fetches (by, value, asked_at) VALUES (?, ?, ?)');
  const forget = db.prepare<[number]>('DELETE FROM sync_member_fetches WHERE id = ?');
  const answered = db.prepare<[string, number]>('UPDATE sync_member_fetches SET answered_at = ? WHERE id = ?');
  const open = db.prepare<[string], { id: number; by: MemberLookupRequest['by']; value: string }>(
    'SELECT id, by, value FROM sync_member_fetches WHERE answered_at IS NULL AND asked_at <= ? ORDER BY id LIMIT 20');
  const now = () => localDateTime(clock.now());
  let retrying = false;

  async function lookup(request: MemberLookupRequest): Promise<RemoteOutcome> {
    const id = Number(ask.run(request.by, request.value, now()).lastInsertRowid);
    const answer = await sync.lookupMember(request);
    if (answer === 'not_sent') forget.run(id);
    if (answer === 'offline' || answer === 'not_sent') return 'offline';
    answered.run(now(), id);
    void retryLost();
    if (answer.tooMany) return 'too_many';
    return answer.members.length > 0 ? 'fetched' : 'none';
  }

  /** Lookups asked a while ago and never answered, asked again (quietly; the counter is not waiting). */
  async function retryLost(): Promise<void> {
    if (retrying) return;
    retrying = true;
    try {
      const before = localDateTime(new Date(clock.now().getTime() - RETRY_MS));
      for (const r of open.all(before)) {
        const answer = await sync.lookupMember({ by: r.by, value: r.value });
        if (answer === 'offline' || answer === 'not_sent') return;
        answered.run(now(), r.id);
      }
    } finally {
      retrying = false;
    }
  }

  return {
    lookup,
    retryLost,
    /**
     * members.find, then the server when nobody was found here. Names are looked up only
     * here (the directory knows phones and cards; a name is not a key).
     */
    async find<F extends Found>(query: string, local: () => F): Promise<F & { remote?: RemoteOutcome }> {
      const first = local();
      if (first.members.length > 0 || !sync.paired() || !sync.status().branch) return first;
      const request = remoteKey(query, first.by);
      if (!request) return first;
      const remote = await lookup(request);
      return remote === 'fetched' ? { ...local(), remote } : { ...first, remote };
    },
  };
}

export type MemberFetch = ReturnType<typeof createMemberFetch>;

/** What members.find searched by, as the directory's key (null: a name, or digits that are no key). */
export function remoteKey(query: string, by: Found['by']): MemberLookupRequest | null {
  const digits = query.trim().replace(/[\s-]/g, '');
  if (by === 'last4') return { by: 'last4', value: digits };
  if (by === 'card' && /^\d{13}$/.test(digits)) return { by: 'card', value: digits };
  if (by === 'phone') {
    const phone = normalizeMobile(digits);
    return phone && /^\+?[0-9]{4,20}$/.test(phone) ? { by: 'phone', value: phone } : null;
  }
  return null;
}
