import { randomUUID } from 'node:crypto';
import type { FeedItem, PushItem } from '../../shared/sync/protocol.js';
import type { SyncTransport, Pairing } from '../../electron/core/sync/sync-service.js';

/**
 * The feed semantics of the shop server in memory — change ids deduplicated, feed numbers in
 * arrival order, `down` to play an outage — for tests of the till's own engine (outbox,
 * apply, clocks). Tests of the shop as a whole use the real server over HTTPS.
 */
export function syncRelay() {
  const feed: FeedItem[] = [];
  const seen = new Set<string>();
  const shopId = randomUUID();
  let tills = 0;
  const relay = {
    feed,
    down: false,
    pairing(tillName: string): Pairing {
      tills++;
      return { url: 'https://relay.test', fingerprint: 'f'.repeat(64), tillName, tillId: randomUUID(), tillCode: `T${tills}`, token: randomUUID() + randomUUID(), shopId, serverProof: '0'.repeat(64) };
    },
    transport(tillId: string): SyncTransport {
      return {
        async push(items: PushItem[]) {
          if (relay.down) throw Object.assign(new Error('offline'), { code: 'offline' });
          const results = items.map((i) => {
            if (seen.has(i.gid)) return { seq: i.seq, status: 'duplicate' as const };
            seen.add(i.gid);
            feed.push({ feedNo: feed.length + 1, tillId, gid: i.gid, rowGid: i.rowGid, table: i.table, op: i.op, row: i.row, hlc: i.hlc, txnEnd: i.txnEnd });
            return { seq: i.seq, status: 'ok' as const };
          });
          return { results, feedNo: feed.length };
        },
        async feed(after: number, limit: number) {
          if (relay.down) throw Object.assign(new Error('offline'), { code: 'offline' });
          return { items: feed.slice(after, after + limit), head: feed.length };
        },
      };
    },
  };
  return relay;
}
