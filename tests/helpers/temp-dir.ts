import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh folder per test, removed afterwards: every test runs on its own real SQLite file. */
export function makeTempDir(prefix = 'pos-test-'): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
