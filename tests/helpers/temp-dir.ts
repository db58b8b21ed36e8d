import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

/** A fresh folder per test, removed afterwards: every test runs on its own real SQLite file. */
export function makeTempDir(prefix = 'pos-test-'): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * For a test file: `const tempFile = tempShopFiles()` gives a shop file path in a fresh folder
 * per call, every folder removed after each test.
 */
export function tempShopFiles(): () => string {
  const temps: Array<{ cleanup(): void }> = [];
  afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));
  return () => {
    const t = makeTempDir();
    temps.push(t);
    return path.join(t.dir, 'shop.sqlite');
  };
}
