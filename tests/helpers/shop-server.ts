import crypto from 'node:crypto';
import { openDb, type Db } from '../../server/db/pool.js';
import { migrateServer } from '../../server/db/migrate.js';
import { startShopServer, type ShopServer } from '../../server/http/server.js';
import { createPairingCode } from '../../server/pairing.js';
import type { TableRules } from '../../server/rules/index.js';
import { fingerprintOf, makeCertificate, type ServerIdentity } from '../../server/tls.js';
import { connectServer, type ServerClient } from '../../electron/core/sync/server-client.js';
import type { PushItem } from '../../shared/sync/protocol.js';
import { testDatabase, type TestDatabase } from './postgres.js';

/** A real shop server (HTTPS on loopback) over a fresh real PostgreSQL database. */
export interface TestShopServer {
  db: Db;
  database: TestDatabase;
  server: ShopServer;
  identity: ServerIdentity;
  url: string;
  /** Pairs a new till and returns a client pinned to this server with its token. */
  pairTill(name?: string): Promise<{ client: ServerClient; tillId: string; tillCode: string; token: string }>;
  close(): Promise<void>;
}

export async function makeIdentity(): Promise<ServerIdentity> {
  const { cert, key } = await makeCertificate('test-shop', []);
  return { cert, key, fingerprint: fingerprintOf(cert) };
}

export async function startTestShopServer(options: { rules?: TableRules } = {}): Promise<TestShopServer> {
  const database = await testDatabase();
  const db = openDb(database.url, { max: 12 });
  await migrateServer(db);
  const identity = await makeIdentity();
  const server = await startShopServer({ db, identity, host: '127.0.0.1', port: 0, logger: { error: () => {} }, ...(options.rules ? { rules: options.rules } : {}) });
  const clients: ServerClient[] = [];
  return {
    db,
    database,
    server,
    identity,
    url: server.url,
    async pairTill(name = '收银台') {
      const { code } = await createPairingCode(db);
      const client = connectServer({ url: server.url, timeoutMs: 5_000 });
      clients.push(client);
      const answer = await client.pair(code, name);
      return { client, tillId: answer.tillId, tillCode: answer.tillCode, token: answer.token };
    },
    async close() {
      for (const c of clients) c.close();
      await server.close();
      await db.close();
      await database.drop();
    },
  };
}

/** A UUIDv7 (time-ordered), as the tills make for every fact. */
export function uuidv7(): string {
  const b = crypto.randomBytes(16);
  const ms = BigInt(Date.now());
  for (let i = 0; i < 6; i++) b[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A till transaction of `count` facts starting at seq `from` (the last one ends it). */
export function facts(tillId: string, from: number, count: number, table = 'sales', row: Record<string, string | number | boolean | null> = {}): PushItem[] {
  return Array.from({ length: count }, (_, i) => ({
    seq: from + i,
    gid: uuidv7(),
    rowGid: uuidv7(),
    table,
    op: 'insert' as const,
    row: { n: from + i, ...row },
    hlc: `${Date.now()}-${String(i).padStart(6, '0')}-${tillId}`,
    txnEnd: i === count - 1,
  }));
}
