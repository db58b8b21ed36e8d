import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDatabase } from './open.js';
import { migrations } from './migrations/index.js';
import { makeTempDir } from '../../../tests/helpers/temp-dir.js';

/**
 * Migration 015 moves the outbox's seq from AUTOINCREMENT to sync_state.outbox_seq. The server
 * refuses a seq it has already seen, so a paired till must go on from the highest seq it ever
 * gave — also when everything was pushed and the outbox is empty.
 */
const temps: Array<{ cleanup(): void }> = [];
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

function pairedAt14(entries: number, acknowledged: number) {
  const t = makeTempDir();
  temps.push(t);
  const file = path.join(t.dir, 'shop.sqlite');
  const old = openDatabase(file, { migrations: migrations.filter((m) => m.version <= 14) });
  old.exec("UPDATE sync_state SET enabled = 1, till_code = 'T1'");
  old.prepare("INSERT INTO settings (key, value) VALUES ('shop', '\"0\"')").run();
  for (let i = 1; i < entries; i++) old.prepare("UPDATE settings SET value = ? WHERE key = 'shop'").run(`"${i}"`);
  old.prepare('DELETE FROM outbox WHERE seq <= ?').run(acknowledged);
  const before = old.prepare('SELECT seq, gid, tbl, op, hlc FROM outbox ORDER BY seq').all();
  old.close();
  return { file, before };
}

const queued = (db: ReturnType<typeof openDatabase>) => db.prepare('SELECT seq, gid, tbl, op, hlc FROM outbox ORDER BY seq').all() as Array<{ seq: number }>;

describe('migration 015: the outbox seq', () => {
  it('keeps the pending entries as they were and numbers the next one after them', () => {
    const { file, before } = pairedAt14(5, 2);
    expect(before.map((e) => (e as { seq: number }).seq)).toEqual([3, 4, 5]);
    const db = openDatabase(file);
    expect(queued(db)).toEqual(before);
    db.prepare("UPDATE settings SET value = '\"next\"' WHERE key = 'shop'").run();
    expect(queued(db).map((e) => e.seq)).toEqual([3, 4, 5, 6]);
    db.close();
  });

  it('goes on from the highest seq ever given when the outbox was empty', () => {
    const { file, before } = pairedAt14(4, 4);
    expect(before).toEqual([]);
    const db = openDatabase(file);
    expect(db.prepare('SELECT outbox_seq FROM sync_state').pluck().get()).toBe(4);
    db.prepare("UPDATE settings SET value = '\"a\"' WHERE key = 'shop'").run();
    db.prepare("UPDATE settings SET value = '\"b\"' WHERE key = 'shop'").run();
    expect(queued(db).map((e) => e.seq)).toEqual([5, 6]);
    // An unpaired till queues nothing and does not move the counter.
    db.exec('UPDATE sync_state SET enabled = 0');
    db.prepare("UPDATE settings SET value = '\"c\"' WHERE key = 'shop'").run();
    expect(db.prepare('SELECT outbox_seq FROM sync_state').pluck().get()).toBe(6);
    db.close();
  });
});
