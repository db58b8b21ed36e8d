import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/pool.js';
import { migrateServer } from '../db/migrate.js';
import { lockBalance } from './accounts.js';
import { authoriseSpend } from './authorise.js';
import { lockTill, tokenHash, type Till } from '../tills.js';
import { testDatabase, type TestDatabase } from '../../tests/helpers/postgres.js';

/**
 * A till whose authorise is slow gives up waiting (the spend counts as offline) and pushes the
 * sale while the server is still authorising it: the push holds the till's row and then the
 * balance, the authorise holds the balance and then inserts its hold, which references the till.
 */
let pgdb: TestDatabase;
let db: Db;
let till: Till;
const account = '0190a5c1-0000-7000-8000-0000000000aa';

beforeAll(async () => {
  pgdb = await testDatabase();
  db = openDb(pgdb.url);
  await migrateServer(db);
  const tillId = '0190a5c1-0000-7000-8000-000000000001';
  await db.pool.query("INSERT INTO tills (till_id, code, name, token_sha256, branch_id) SELECT $1, 'T1', '收银台 1', $2, branch_id FROM branches LIMIT 1", [tillId, tokenHash('t1')]);
  await db.pool.query("INSERT INTO accounts (account, kind, balance) VALUES ($1, 'stored_value', 10000)", [account]);
  till = (await db.tx((tx) => lockTill(tx, tillId)))!;
});
afterAll(async () => {
  await db.close();
  await pgdb.drop();
});

describe('authorising a spend while the same till pushes', () => {
  it('is not held up by the push holding the till, and neither of the two deadlocks', async () => {
    const push = await db.pool.connect();
    try {
      await push.query('BEGIN');
      await lockTill(push, till.tillId); // a push under way
      const authorised = authoriseSpend(db, till, { clientRef: 'sale-1', spends: [{ kind: 'stored_value', account, amount: 1500 }] });
      const waited = await Promise.race([authorised.then(() => 'answered'), new Promise((r) => setTimeout(() => r('held up'), 3_000))]);
      expect(waited).toBe('answered');
      expect(await authorised).toMatchObject({ ok: true });
      // The push goes on to the balance the authorise locked (and has released by committing).
      expect(await lockBalance(push, account, 'stored_value')).toBe(10_000);
      await push.query('COMMIT');
    } finally {
      push.release();
    }
    const holds = await db.pool.query('SELECT amount FROM holds WHERE client_ref = $1', ['sale-1']);
    expect(holds.rows.map((r) => Number(r.amount))).toEqual([1500]);
  });
});
