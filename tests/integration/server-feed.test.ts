import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerClient } from '../../electron/core/sync/server-client.js';
import type { FeedItem, PushItem } from '../../shared/sync/protocol.js';
import { facts, startTestShopServer, type TestShopServer } from '../helpers/shop-server.js';

/** GET /v1/feed: commit order under concurrent pushes from two tills, and whole till transactions per page. */
let shop: TestShopServer;
let tills: { client: ServerClient; tillId: string }[];
beforeAll(async () => {
  shop = await startTestShopServer();
  tills = [await shop.pairTill('收银台 1'), await shop.pairTill('收银台 2')];
}, 60_000);
afterAll(async () => shop?.close());

/** A till's stream of transactions of 1–4 facts each (sizes cycle), seq 1 … */
function stream(tillId: string, transactions: number): PushItem[][] {
  const txns: PushItem[][] = [];
  let seq = 1;
  for (let i = 0; i < transactions; i++) {
    const size = (i % 4) + 1;
    txns.push(facts(tillId, seq, size));
    seq += size;
  }
  return txns;
}

describe('the feed', () => {
  it('is in commit order: a reader following it during 20 concurrent pushes from two tills misses nothing', async () => {
    const streams = tills.map((t) => stream(t.tillId, 10));
    // Push k of a till re-sends its first k transactions (a backlog growing, with retries):
    // any arrival order is valid, and the two tills' pushes run at the same time.
    const pushes = tills.flatMap((t, i) => streams[i]!.map((_, k) => () => t.client.push(streams[i]!.slice(0, k + 1).flat())));
    const seen: FeedItem[] = [];
    let cursor = 0;
    let done = false;
    const reader = (async () => {
      // Follows the feed as a till does, with small pages, while the pushes commit.
      while (!done || cursor < (await tills[0]!.client.status()).head) {
        const page = await tills[0]!.client.feed(cursor, 3);
        for (const item of page.items) {
          expect(item.feedNo).toBe(cursor + 1); // never a number before the one before it
          cursor = item.feedNo;
          seen.push(item);
        }
        if (page.items.length > 0) expect(page.items.at(-1)!.txnEnd).toBe(true);
      }
    })();
    const answers = await Promise.all(pushes.map((p) => p()));
    done = true;
    await reader;

    const all = streams.flat(2);
    expect(answers.every((a) => a.results.every((r) => r.status === 'ok' || r.status === 'duplicate'))).toBe(true);
    expect(seen.map((s) => s.gid).sort()).toEqual(all.map((f) => f.gid).sort());
    expect(seen.map((s) => s.feedNo)).toEqual(all.map((_, i) => i + 1));
    // Each till's facts come in its own order, whole transactions together.
    for (const t of tills) {
      const mine = seen.filter((s) => s.tillId === t.tillId);
      expect(mine.map((s) => s.row.n)).toEqual(mine.map((_, i) => i + 1));
    }
    const { rows } = await shop.db.pool.query<{ last_seq: string }>('SELECT last_seq FROM tills ORDER BY code');
    expect(rows.map((r) => Number(r.last_seq))).toEqual(streams.map((s) => s.flat().length));
  }, 60_000);

  it('never ends a page inside a till transaction, and reports the head', async () => {
    const head = (await tills[1]!.client.status()).head;
    for (const limit of [1, 2, 3, 5]) {
      let cursor = 0;
      let pages = 0;
      while (cursor < head) {
        const page = await tills[1]!.client.feed(cursor, limit);
        expect(page.head).toBe(head);
        expect(page.items.length).toBeGreaterThanOrEqual(Math.min(limit, head - cursor));
        expect(page.items.at(-1)!.txnEnd).toBe(true);
        cursor = page.items.at(-1)!.feedNo;
        pages++;
      }
      expect(cursor).toBe(head);
      expect(pages).toBeLessThanOrEqual(Math.ceil(head / limit));
    }
    expect(await tills[0]!.client.feed(head, 10)).toMatchObject({ items: [], head });
  });
});
