import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Database, type OpenOptions } from '../../electron/core/db/open.js';
import { makeTempDir } from './temp-dir.js';

/**
 * A fresh shop file per property run, copied from one migrated (and seeded) once: migrating
 * from empty takes ~0.3 s, which over 60–150 runs was most of a property test's time on a
 * loaded machine. Opening a copy runs no migration. Each `open` removes the previous run's
 * files (closed by then); `cleanup` removes every file made.
 */
export function templateCopies(options: OpenOptions & { seed?: (db: Database) => void } = {}) {
  const { seed, ...open } = options;
  const tmp = makeTempDir('pos-template-');
  const template = path.join(tmp.dir, 'template.sqlite');
  let n = 0;
  return {
    open(): Database {
      if (!fs.existsSync(template)) {
        const db = openDatabase(template, open);
        seed?.(db);
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
      }
      for (const end of ['', '-wal', '-shm']) fs.rmSync(path.join(tmp.dir, `shop-${n}.sqlite${end}`), { force: true });
      const file = path.join(tmp.dir, `shop-${++n}.sqlite`);
      fs.copyFileSync(template, file);
      return openDatabase(file, open);
    },
    cleanup: () => tmp.cleanup(),
  };
}
