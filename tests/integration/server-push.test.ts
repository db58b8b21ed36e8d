import https from 'node:https';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectServer, ServerClientError, type ServerClient } from '../../electron/core/sync/server-client.js';
import { openDb } from '../../server/db/pool.js';
import { startShopServer } from '../../server/http/server.js';
import type { TableRules } from '../../server/rules/index.js';
import { MAX_SYNC_BODY_BYTES, SyncErrorBody } from '../../shared/sync/protocol.js';
import { facts, startTestShopServer, type TestShopServer } from '../helpers/shop-server.js';

/** POST /v1/push against a real server and PostgreSQL: order, replays, refusals, table rules. */
const rules: TableRules = {
  // A stand-in for a real rule: it decides by the row, then writes (a refusing rule writes
  // nothing — the contract in rules/index.ts); a write before a throw must go with the push.
  coupon_uses: async (tx, item) => {
    if (item.row.coupon === 'used') return { status: 'rejected', reason: 'coupon_used' };
    await tx.query('INSERT INTO rule_writes (gid) VALUES ($1)', [item.gid]);
    if (item.row.coupon === 'over') return { status: 'overdraft', reason: 'balance' };
    if (item.row.coupon === 'boom') throw new Error('rule failed');
    return { status: 'ok' };
  },
};

let shop: TestShopServer;
let till: { client: ServerClient; tillId: string; token: string };
beforeAll(async () => {
  shop = await startTestShopServer({ rules });
  await shop.db.pool.query('CREATE TABLE rule_writes (gid uuid)');
  till = await shop.pairTill('收银台 1');
}, 60_000);
afterAll(async () => shop?.close());

const q = async (sql: string) => (await shop.db.pool.query(sql)).rows;
/** Everything a push may change, to show a refused or replayed one changed nothing. */
const snapshot = () => q(`SELECT (SELECT n FROM feed_counter) AS head, (SELECT count(*) FROM facts) AS facts,
  (SELECT count(*) FROM exceptions) AS exceptions, (SELECT count(*) FROM rule_writes) AS writes,
  (SELECT string_agg(code || ':' || last_seq, ',' ORDER BY code) FROM tills) AS seqs`);
const codeOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e instanceof ServerClientError ? e.code : String(e)));

/** A raw request (no client library), to send what a well-behaved till never would. */
function raw(method: string, path: string, options: { headers?: Record<string, string | number>; body?: string | Buffer; chunks?: number } = {}) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port: shop.server.port, method, path, rejectUnauthorized: false, headers: { authorization: `Bearer ${till.token}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown }));
    });
    req.on('error', reject);
    if (options.chunks) {
      // A chunked body bigger than the limit: keep writing until the server answers.
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < options.chunks! && req.write(chunk)) sent++;
        if (sent < options.chunks!) req.once('drain', pump);
      };
      req.on('response', () => (sent = options.chunks!));
      pump();
      return;
    }
    req.end(options.body);
  });
}

describe('push', () => {
  it('stores a batch in order, numbers it in the feed and moves the till on', async () => {
    const batch = facts(till.tillId, 1, 3);
    const answer = await till.client.push(batch);
    expect(answer).toEqual({ results: [1, 2, 3].map((seq) => ({ seq, status: 'ok' })), feedNo: 3 });
    const rows = await q('SELECT feed_no, till_seq, txn_end, row FROM facts ORDER BY feed_no');
    expect(rows.map((r) => [r.feed_no, r.till_seq, r.txn_end])).toEqual([['1', '1', false], ['2', '2', false], ['3', '3', true]]);
    expect(rows[0].row).toEqual({ n: 1 });
    const [t] = await q(`SELECT last_seq, last_seen_at FROM tills WHERE till_id = '${till.tillId}'`);
    expect(t.last_seq).toBe('3');
    expect(t.last_seen_at).toBeInstanceOf(Date);

    // The same batch again (the answer was lost): duplicate, and nothing changes.
    const before = await snapshot();
    expect((await till.client.push(batch)).results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await snapshot()).toEqual(before);

    // Overlapping: the known head answered duplicate, the rest stored.
    const next = [...batch.slice(1), ...facts(till.tillId, 4, 2)];
    expect((await till.client.push(next)).results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'ok', 'ok']);
    expect((await q('SELECT n FROM feed_counter'))[0].n).toBe('5');
  });

  it('refuses a gap, a non-consecutive batch, a reused seq and an unfinished transaction, writing nothing', async () => {
    const before = await snapshot();
    expect(await codeOf(till.client.push(facts(till.tillId, 9, 2)))).toBe('out_of_order');
    const jumbled = facts(till.tillId, 6, 3);
    jumbled[1]!.seq = 8;
    jumbled[2]!.seq = 7;
    expect(await codeOf(till.client.push(jumbled))).toBe('out_of_order');
    expect(await codeOf(till.client.push(facts(till.tillId, 5, 2)))).toBe('out_of_order'); // seq 5 is another fact's
    const open = facts(till.tillId, 6, 2);
    open[1]!.txnEnd = false;
    expect(await codeOf(till.client.push(open))).toBe('bad_request');
    expect(await snapshot()).toEqual(before);
  });

  it('runs table rules in the transaction: rejected is kept only as an exception, overdraft in both', async () => {
    const [{ last_seq }] = await q(`SELECT last_seq FROM tills WHERE till_id = '${till.tillId}'`);
    const from = Number(last_seq) + 1;
    const batch = [
      ...facts(till.tillId, from, 1, 'coupon_uses', { coupon: 'fine' }),
      ...facts(till.tillId, from + 1, 1, 'coupon_uses', { coupon: 'used' }),
      ...facts(till.tillId, from + 2, 2, 'coupon_uses', { coupon: 'over' }),
    ];
    batch[2]!.row = { coupon: 'fine' };
    batch[3]!.row = { coupon: 'used' }; // the transaction's last item is refused
    const answer = await till.client.push(batch);
    expect(answer.results).toEqual([
      { seq: from, status: 'ok' },
      { seq: from + 1, status: 'rejected', reason: 'coupon_used' },
      { seq: from + 2, status: 'ok' },
      { seq: from + 3, status: 'rejected', reason: 'coupon_used' },
    ]);
    const stored = await q(`SELECT gid, txn_end FROM facts WHERE tbl = 'coupon_uses' ORDER BY feed_no`);
    expect(stored.map((r) => r.gid)).toEqual([batch[0]!.gid, batch[2]!.gid]);
    // The stored part of the till transaction still ends it, so feed pages can close it.
    expect(stored.map((r) => r.txn_end)).toEqual([true, true]);
    const exceptions = await q(`SELECT kind, gid, reason, row FROM exceptions ORDER BY till_seq`);
    expect(exceptions).toEqual([
      { kind: 'rejected', gid: batch[1]!.gid, reason: 'coupon_used', row: batch[1]!.row },
      { kind: 'rejected', gid: batch[3]!.gid, reason: 'coupon_used', row: batch[3]!.row },
    ]);
    // Only what the accepted items' rules wrote is there.
    expect((await q('SELECT gid FROM rule_writes')).map((r) => r.gid).sort()).toEqual([batch[0]!.gid, batch[2]!.gid].sort());

    const over = facts(till.tillId, from + 4, 1, 'coupon_uses', { coupon: 'over' });
    expect((await till.client.push(over)).results).toEqual([{ seq: from + 4, status: 'overdraft', reason: 'balance' }]);
    expect(await q(`SELECT count(*)::int AS n FROM facts WHERE gid = '${over[0]!.gid}'`)).toEqual([{ n: 1 }]);
    expect(await q(`SELECT kind FROM exceptions WHERE gid = '${over[0]!.gid}'`)).toEqual([{ kind: 'overdraft' }]);

    // Replays answer what the first delivery answered, and change nothing.
    const before = await snapshot();
    expect((await till.client.push([...batch, ...over])).results.map((r) => r.status)).toEqual(['duplicate', 'rejected', 'duplicate', 'rejected', 'overdraft']);
    expect(await snapshot()).toEqual(before);

    // A rule that fails fails the whole push: nothing of it is kept, the till retries later.
    const boom = [...facts(till.tillId, from + 5, 1), ...facts(till.tillId, from + 6, 1, 'coupon_uses', { coupon: 'boom' })];
    expect(await codeOf(till.client.push(boom))).toBe('internal');
    expect(await snapshot()).toEqual(before);
  });
});

describe('a database that goes away', () => {
  it('answers 503 unavailable (the till retries later), and works again once it is back', async () => {
    // The server reaches PostgreSQL through a TCP relay the test can cut.
    const target = new URL(shop.database.url);
    const sockets = new Set<net.Socket>();
    let relayOpen = true;
    const relay = net.createServer((inbound) => {
      if (!relayOpen) return inbound.destroy();
      const outbound = net.connect(Number(target.port), target.hostname);
      for (const s of [inbound, outbound]) {
        sockets.add(s);
        s.on('error', () => {});
        s.on('close', () => sockets.delete(s));
      }
      inbound.pipe(outbound).pipe(inbound);
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    const viaRelay = new URL(shop.database.url);
    viaRelay.hostname = '127.0.0.1';
    viaRelay.port = String((relay.address() as net.AddressInfo).port);
    const db = openDb(viaRelay.toString(), { onError: () => {} });
    const server = await startShopServer({ db, identity: shop.identity, host: '127.0.0.1', port: 0, logger: { error: () => {} } });
    const client = connectServer({ url: server.url, fingerprint: shop.identity.fingerprint, token: till.token, timeoutMs: 8_000 });
    try {
      await expect(client.status()).resolves.toMatchObject({ protocol: 1 });
      relayOpen = false;
      for (const s of sockets) s.destroy();
      expect(await codeOf(client.push(facts(till.tillId, 1, 1)))).toBe('unavailable');
      relayOpen = true;
      await expect(client.status()).resolves.toMatchObject({ protocol: 1 });
    } finally {
      client.close();
      await server.close();
      await db.close();
      await new Promise((r) => relay.close(r));
    }
  });
});

describe('malformed and oversized requests', () => {
  const isErrorBody = (body: unknown) => SyncErrorBody.safeParse(body).success && !JSON.stringify(body).includes('    at ');

  it('answers 400 bad_request to broken JSON, a wrong shape, a wrong content type, a bad feed query', async () => {
    const before = await snapshot();
    const json = { 'content-type': 'application/json' };
    const cases = [
      await raw('POST', '/v1/push', { headers: json, body: '{"items": [' }),
      await raw('POST', '/v1/push', { headers: json, body: JSON.stringify({ items: [{ seq: 1 }] }) }),
      await raw('POST', '/v1/push', { headers: json, body: JSON.stringify({ items: facts(till.tillId, 1, 1), extra: true }) }),
      await raw('POST', '/v1/push', { headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ items: facts(till.tillId, 1, 1) }) }),
      await raw('POST', '/v1/pair', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=b' }),
      await raw('GET', '/v1/feed?after=-1'),
      await raw('GET', '/v1/feed?after=0&limit=100000'),
      await raw('GET', '/v1/feed?after=0&sneaky=1'),
    ];
    for (const c of cases) {
      expect(c.status).toBe(400);
      expect(isErrorBody(c.body)).toBe(true);
      expect((c.body as { error: { code: string } }).error.code).toBe('bad_request');
    }
    const protocol = await raw('POST', '/v1/pair', { headers: json, body: JSON.stringify({ tillName: 'x', proof: 'a'.repeat(64), protocol: 2 }) });
    expect(protocol).toMatchObject({ status: 400, body: { error: { code: 'protocol' } } });
    expect(await raw('GET', '/v1/nothing')).toMatchObject({ status: 404, body: { error: { code: 'bad_request' } } });
    expect(await raw('GET', '/v1/push')).toMatchObject({ status: 405, body: { error: { code: 'bad_request' } } });
    expect(await snapshot()).toEqual(before);
  });

  it('answers 413 too_large to a body over the limit, announced or streamed, without reading it all', async () => {
    const before = await snapshot();
    const announced = await raw('POST', '/v1/push', { headers: { 'content-type': 'application/json', 'content-length': MAX_SYNC_BODY_BYTES + 1 }, body: '{' });
    expect(announced).toMatchObject({ status: 413, body: { error: { code: 'too_large' } } });
    const streamed = await raw('POST', '/v1/push', { headers: { 'content-type': 'application/json' }, chunks: Math.ceil((MAX_SYNC_BODY_BYTES * 3) / (64 * 1024)) });
    expect(streamed).toMatchObject({ status: 413, body: { error: { code: 'too_large' } } });
    expect(await snapshot()).toEqual(before);
    // The server is still there for the next request.
    await expect(till.client.status()).resolves.toMatchObject({ protocol: 1 });
  });
});
