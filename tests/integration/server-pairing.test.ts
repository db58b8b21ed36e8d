import https from 'node:https';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectServer, ServerClientError } from '../../electron/core/sync/server-client.js';
import { createPairingCode, randomPairingCode } from '../../server/pairing.js';
import { revokeTill } from '../../server/tills.js';
import { KEY_FILE, loadOrCreateIdentity } from '../../server/tls.js';
import { makeIdentity, startTestShopServer, type TestShopServer } from '../helpers/shop-server.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { PairingCode } from '../../shared/sync/protocol.js';

/** Pairing, certificate pinning and till authentication, over real HTTPS against real PostgreSQL. */
let shop: TestShopServer;
beforeAll(async () => {
  shop = await startTestShopServer();
}, 60_000);
afterAll(async () => shop?.close());

const count = async (sql: string) => Number((await shop.db.pool.query<{ n: string }>(sql)).rows[0]!.n);
const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => (e instanceof ServerClientError ? e.code : String(e)));

describe('the server certificate', () => {
  it('is made once in the data folder, its key readable by the owner only, and reused', async () => {
    const tmp = makeTempDir();
    try {
      const first = await loadOrCreateIdentity(tmp.dir);
      expect(fs.statSync(path.join(tmp.dir, KEY_FILE)).mode & 0o777).toBe(0o600);
      expect(first.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect((await loadOrCreateIdentity(tmp.dir)).fingerprint).toBe(first.fingerprint);
    } finally {
      tmp.cleanup();
    }
  });

  it('pairing codes are three groups of four Crockford characters', () => {
    for (let i = 0; i < 50; i++) expect(PairingCode.safeParse(randomPairingCode()).success).toBe(true);
  });
});

describe('pairing', () => {
  it('pairs a till with the right code: T1, then T2; the till pins the fingerprint the server has', async () => {
    const { code } = await createPairingCode(shop.db);
    const client = connectServer({ url: shop.url });
    const answer = await client.pair(code.toLowerCase(), '收银台 1');
    client.close();
    expect(answer.fingerprint).toBe(shop.identity.fingerprint);
    expect(answer.tillCode).toBe('T1');
    expect(answer.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = (await shop.db.pool.query<{ token_sha256: Buffer; name: string }>('SELECT token_sha256, name FROM tills WHERE till_id = $1', [answer.tillId])).rows[0]!;
    expect(stored.name).toBe('收银台 1');
    expect(stored.token_sha256.toString('hex')).not.toContain(Buffer.from(answer.token).toString('hex'));
    const second = await shop.pairTill('收银台 2');
    expect(second.tillCode).toBe('T2');
    expect((await second.client.status()).shopId).toBe(answer.shopId);
  });

  it('refuses a wrong, a used and an expired code, writing nothing', async () => {
    const tillsBefore = await count('SELECT count(*) AS n FROM tills');
    const client = connectServer({ url: shop.url });
    expect(await refusal(client.pair(randomPairingCode(), 'x'))).toBe('pairing_refused');

    const { code } = await createPairingCode(shop.db);
    await client.pair(code, 'once');
    expect(await refusal(connectServer({ url: shop.url }).pair(code, 'twice'))).toBe('pairing_refused');

    const expired = await createPairingCode(shop.db, -1_000);
    expect(await refusal(connectServer({ url: shop.url }).pair(expired.code, 'late'))).toBe('pairing_refused');
    expect(await count('SELECT count(*) AS n FROM pairing_codes WHERE used_by IS NOT NULL')).toBe(3); // T1, T2, 'once'
    expect(await count('SELECT count(*) AS n FROM tills')).toBe(tillsBefore + 1);
    client.close();
  });

  it('pairs one till per code when two try the same code at once', async () => {
    const { code } = await createPairingCode(shop.db);
    const outcomes = await Promise.allSettled([connectServer({ url: shop.url }).pair(code, 'a'), connectServer({ url: shop.url }).pair(code, 'b')]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
  });

  it('cannot be done through a machine in the middle: its certificate changes the proof', async () => {
    // A TLS-terminating proxy with a certificate of its own, passing everything on to the shop server.
    const mitm = await makeIdentity();
    const proxy = https.createServer({ cert: mitm.cert, key: mitm.key }, (req, res) => {
      const upstream = https.request({ host: '127.0.0.1', port: shop.server.port, method: req.method, path: req.url, headers: req.headers, rejectUnauthorized: false }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const tillsBefore = await count('SELECT count(*) AS n FROM tills');
    const { code } = await createPairingCode(shop.db);
    const client = connectServer({ url: `https://127.0.0.1:${(proxy.address() as AddressInfo).port}` });
    expect(await refusal(client.pair(code, 'fooled'))).toBe('pairing_refused');
    expect(await count('SELECT count(*) AS n FROM tills')).toBe(tillsBefore);
    client.close();
    await new Promise((r) => proxy.close(r));
    // The code was not used up by the attempt: the real till still pairs with it.
    const direct = connectServer({ url: shop.url });
    await expect(direct.pair(code, 'real')).resolves.toMatchObject({ fingerprint: shop.identity.fingerprint });
    direct.close();
  });

  it('a paired till refuses a server with another certificate, before sending it anything', async () => {
    const { client, token } = await shop.pairTill('pinned');
    expect((await client.status()).protocol).toBe(1);
    const other = await makeIdentity();
    let requests = 0;
    const impostor = https.createServer({ cert: other.cert, key: other.key }, (_req, res) => {
      requests++;
      res.end('{}');
    });
    await new Promise<void>((r) => impostor.listen(0, '127.0.0.1', r));
    const pinned = connectServer({ url: `https://127.0.0.1:${(impostor.address() as AddressInfo).port}`, fingerprint: shop.identity.fingerprint, token });
    expect(await refusal(pinned.status())).toBe('pinning');
    expect(await refusal(pinned.push([]))).toBe('pinning');
    expect(await refusal(pinned.pair(randomPairingCode(), 'again'))).toBe('pinning');
    expect(requests).toBe(0);
    pinned.close();
    await new Promise((r) => impostor.close(r));
  });
});

describe('till authentication', () => {
  it('answers unauthorized without a token or with an unknown one, and revoked after a revoke', async () => {
    const base = { url: shop.url, fingerprint: shop.identity.fingerprint };
    expect(await refusal(connectServer(base).status())).toBe('unauthorized');
    expect(await refusal(connectServer({ ...base, token: 'A'.repeat(43) }).feed(0))).toBe('unauthorized');
    const { client, tillCode } = await shop.pairTill('to revoke');
    await expect(client.feed(0)).resolves.toMatchObject({ head: 0 });
    expect(await revokeTill(shop.db, tillCode)).toBe(true);
    expect(await refusal(client.status())).toBe('revoked');
    expect(await refusal(client.push([]))).toBe('revoked');
  });

  it('a dead address makes the till offline quickly, not frozen', async () => {
    const started = Date.now();
    const dead = connectServer({ url: 'https://127.0.0.1:9', fingerprint: shop.identity.fingerprint, token: 'A'.repeat(43), timeoutMs: 500 });
    expect(await refusal(dead.status())).toBe('offline');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a server that accepts but never answers (mid-handshake or mid-request) also times out as offline', async () => {
    const silentTcp = net.createServer(() => {});
    const silentHttps = https.createServer({ cert: shop.identity.cert, key: shop.identity.key }, () => {}); // our cert, no answer
    // Every raw socket is kept, so the servers can be shut even with a TLS handshake left half done.
    const sockets = new Set<net.Socket>();
    silentTcp.on('connection', (s) => sockets.add(s));
    silentHttps.on('connection', (s: net.Socket) => sockets.add(s));
    await Promise.all([new Promise<void>((r) => silentTcp.listen(0, '127.0.0.1', r)), new Promise<void>((r) => silentHttps.listen(0, '127.0.0.1', r))]);
    const at = (s: net.Server) => `https://127.0.0.1:${(s.address() as AddressInfo).port}`;
    for (const url of [at(silentTcp), at(silentHttps)]) {
      const started = Date.now();
      const client = connectServer({ url, fingerprint: shop.identity.fingerprint, token: 'A'.repeat(43), timeoutMs: 400 });
      expect(await refusal(client.feed(0))).toBe('offline');
      expect(Date.now() - started).toBeLessThan(3_000); // the 400 ms deadline, with room for a loaded machine
      client.close();
    }
    for (const s of sockets) s.destroy();
    await Promise.all([new Promise((r) => silentHttps.close(r)), new Promise((r) => silentTcp.close(r))]);
  });
});
