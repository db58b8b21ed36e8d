import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.js';
import { fixedClock } from '../../../tests/helpers/core.js';
import type { MemberLookupAnswer, MemberLookupRequest } from '../../../shared/sync/protocol.js';
import { createMemberFetch, remoteKey } from './member-fetch.js';
import type { SyncService } from './sync-service.js';

/** The till's side of the on-demand fetch, over a real database and a stand-in for the server's answers. */
function fetcher(answers: Array<MemberLookupAnswer | 'offline' | 'not_sent'>) {
  const db = openDatabase(':memory:');
  const clock = fixedClock('2026-12-07T10:00:00');
  const asked: MemberLookupRequest[] = [];
  const sync = {
    paired: () => true,
    status: () => ({ branch: { code: 'B3', name: '三店', headOffice: false, allowLocalProducts: false } }),
    lookupMember: async (r: MemberLookupRequest) => { asked.push(r); return answers.shift() ?? 'offline'; },
  } as unknown as SyncService;
  return { db, clock, asked, fetch: createMemberFetch({ db, clock, sync }) };
}
const open = (db: ReturnType<typeof openDatabase>) => db.prepare('SELECT by, value FROM sync_member_fetches WHERE answered_at IS NULL').all();
const found: MemberLookupAnswer = { members: ['0190a5c1-0000-7000-8000-0000000000aa'], tooMany: false, items: [], head: 9 };

describe('member fetch on demand', () => {
  it('asks the server by the key members.find used: phone, card, last four — never a name', () => {
    expect(remoteKey('137 0013 7000', 'phone')).toEqual({ by: 'phone', value: '13700137000' });
    expect(remoteKey('7000', 'last4')).toEqual({ by: 'last4', value: '7000' });
    expect(remoteKey('2900000000017', 'card')).toEqual({ by: 'card', value: '2900000000017' });
    expect(remoteKey('王芳', 'name')).toBeNull();
    expect(remoteKey('12345', 'none')).toBeNull();
  });

  it('a lookup whose answer never came is asked again later, until answered; then it is done', async () => {
    const f = fetcher(['offline', 'offline', found]);
    expect(await f.fetch.lookup({ by: 'phone', value: '13700137000' })).toBe('offline');
    expect(open(f.db)).toEqual([{ by: 'phone', value: '13700137000' }]);
    await f.fetch.retryLost(); // too soon: the counter may still be waiting for it
    expect(f.asked).toHaveLength(1);
    f.clock.advance(31_000);
    await f.fetch.retryLost();
    expect(open(f.db)).toHaveLength(1); // still no answer
    f.clock.advance(31_000);
    await f.fetch.retryLost();
    expect(f.asked).toEqual(Array(3).fill({ by: 'phone', value: '13700137000' }));
    expect(open(f.db)).toEqual([]);
  });

  it('find asks only when nobody was found here, and says why when the server cannot help', async () => {
    const f = fetcher([{ members: [], tooMany: true, items: [], head: 3 }, 'offline']);
    const local = { by: 'last4' as const, members: [] };
    expect(await f.fetch.find('7777', () => local)).toEqual({ ...local, remote: 'too_many' });
    expect(await f.fetch.find('13700137000', () => ({ by: 'phone' as const, members: [] }))).toEqual({ by: 'phone', members: [], remote: 'offline' });
    const here = { by: 'phone' as const, members: [{ id: 1 }] };
    expect(await f.fetch.find('13700137000', () => here)).toBe(here);
    expect(f.asked).toHaveLength(2);
  });

  it('a lookup never sent (the server known to be down) is not asked again later', async () => {
    const f = fetcher(['not_sent']);
    expect(await f.fetch.lookup({ by: 'last4', value: '7000' })).toBe('offline');
    expect(open(f.db)).toEqual([]);
  });
});
