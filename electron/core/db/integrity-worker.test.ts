import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../tests/helpers/temp-dir.js';
import { openFile } from './open.js';
import { integrityCheckInWorker } from './integrity-worker.js';
import BetterSqlite3 from 'better-sqlite3';

const dirs: Array<{ cleanup(): void }> = [];
afterEach(() => { for (const d of dirs.splice(0)) d.cleanup(); });

function database(): string {
  const tmp = makeTempDir();
  dirs.push(tmp);
  const file = path.join(tmp.dir, 'x.sqlite');
  // A plain file with enough rows to span many pages (open.ts would add WAL and migrations).
  const db = new BetterSqlite3(file);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX t_v ON t(v);');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.transaction(() => { for (let i = 0; i < 5000; i++) insert.run(`row ${i} ${'x'.repeat(50)}`); })();
  db.close();
  return file;
}

describe('integrity check in a worker thread', () => {
  it('answers ok for a sound file, something else for a damaged one, and refuses what is not a database', async () => {
    const file = database();
    expect(await integrityCheckInWorker(file)).toBe('ok');

    const bytes = fs.readFileSync(file);
    bytes.fill(0x41, 4096 * 5 + 100, 4096 * 5 + 2000); // scribble over a page in the middle
    fs.writeFileSync(file, bytes);
    const damaged = await integrityCheckInWorker(file).catch((err: Error) => err.message);
    expect(damaged).not.toBe('ok');
    expect(() => openFile(file, { readonly: true }).close()).not.toThrow(); // the header still looks fine

    const garbage = path.join(path.dirname(file), 'garbage.sqlite');
    fs.writeFileSync(garbage, Buffer.alloc(8192, 7));
    await expect(integrityCheckInWorker(garbage)).rejects.toMatchObject({ code: 'SQLITE_NOTADB' });
  });
});
