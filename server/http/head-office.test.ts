import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../tests/helpers/postgres.js';
import { makeIdentity } from '../../tests/helpers/shop-server.js';
import { migrateServer } from '../db/migrate.js';
import { openDb, type Db } from '../db/pool.js';
import { setOwnerPassword } from '../stats/owner.js';
import { startShopServer, type ShopServer } from './server.js';

/** Head office's sign-in and contract door (head-office.ts) over real HTTPS and PostgreSQL. */
let database: TestDatabase;
let db: Db;
let server: ShopServer;
beforeAll(async () => {
  database = await testDatabase();
  db = openDb(database.url);
  await migrateServer(db);
  server = await startShopServer({ db, identity: await makeIdentity(), host: '127.0.0.1', port: 0, logger: { error: () => {} } });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await db?.close();
  await database?.drop();
});

/** An answer as these tests read it (a contract Result, loosely). */
interface Answer { ok: boolean; value?: unknown; error: { code: string; messageKey?: string; details?: Record<string, unknown> } }

function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Answer; cookie: string | undefined }> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = https.request(`${server.url}${path}`, {
      method, rejectUnauthorized: false,
      headers: { ...(text ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } : {}), ...headers },
    }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: data ? JSON.parse(data) : null, cookie: res.headers['set-cookie']?.[0]?.split(';')[0] }));
    });
    req.on('error', reject);
    req.end(text);
  });
}

describe('head office over HTTPS', () => {
  it('says when no owner password is set, then locks after five wrong passwords like the tills lock a PIN', async () => {
    expect((await call('POST', '/hq/api/sign-in', { password: 'whatever' })).body.error).toMatchObject({ code: 'not_set_up', messageKey: 'errors.head_office_no_password' });
    await setOwnerPassword(db, 'right-password');
    for (let left = 4; left >= 1; left--) {
      expect((await call('POST', '/hq/api/sign-in', { password: 'wrong' })).body.error).toMatchObject({ code: 'wrong_pin', details: { attemptsLeft: left } });
    }
    expect((await call('POST', '/hq/api/sign-in', { password: 'wrong' })).body.error.code).toBe('account_locked');
    // Locked: even the right password is refused until the lock runs out.
    expect((await call('POST', '/hq/api/sign-in', { password: 'right-password' })).body.error.code).toBe('account_locked');
    await db.query("UPDATE hq_owner SET locked_until = now() - interval '1 second'");
    const ok = await call('POST', '/hq/api/sign-in', { password: 'right-password' });
    expect(ok.body).toMatchObject({ ok: true, value: { signedIn: true, branches: [{ code: 'B1', name: '总店' }] } });
    expect(ok.cookie).toMatch(/^hq_session=/);
  });

  it('answers the stats contract only to a session, from this origin, with typed errors', async () => {
    await setOwnerPassword(db, 'right-password');
    const { cookie } = await call('POST', '/hq/api/sign-in', { password: 'right-password' });
    const input = { from: '2026-01-01', to: '2026-01-31' };
    expect((await call('POST', '/hq/api/invoke', { method: 'stats.overview', input })).status).toBe(401);
    expect((await call('POST', '/hq/api/invoke', { method: 'stats.overview', input }, { cookie: cookie!, origin: 'https://evil.example' })).status).toBe(403);
    const r = await call('POST', '/hq/api/invoke', { method: 'stats.overview', input }, { cookie: cookie! });
    expect(r.body).toMatchObject({ ok: true, value: { current: { from: '2026-01-01', sales: 0 }, previous: { to: '2025-12-31' } } });
    expect((await call('POST', '/hq/api/invoke', { method: 'stats.members', input }, { cookie: cookie! })).body.error).toMatchObject({ code: 'unknown_method', messageKey: 'errors.head_office_unsupported' });
    expect((await call('POST', '/hq/api/invoke', { method: 'stats.overview', input: { from: '2026-02-01', to: '2026-01-01' } }, { cookie: cookie! })).body.error.code).toBe('bad_input');
    expect((await call('POST', '/hq/api/invoke', { method: 'stats.overview', input }, { cookie: cookie!, 'x-pos-branch': 'B7' })).body.error).toMatchObject({ code: 'not_found', details: { code: 'B7' } });
    // The tills' API is where it was.
    expect((await call('GET', '/v1/status')).status).toBe(401);
  });
});
