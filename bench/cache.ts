/**
 * Generated shops are cached under bench/.cache, keyed by seed, scale, schema version and
 * generator version, so repeated bench runs reuse them. Benchmarks that write get their
 * own copy of the file (`workingCopy`), so the cached shop never changes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LATEST_VERSION } from '../electron/core/db/migrations/index.js';
import { DB_FILE_NAME, openDatabase } from '../electron/core/db/open.js';
import { generateShop, GENERATOR_VERSION, type GeneratedShop } from './generate/generate-shop.js';

export const DEFAULT_SEED = 20261120;
export const CACHE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '.cache');

export interface CachedShop extends GeneratedShop {
  /** The cached data folder (read it, never write it: use workingCopy). */
  dir: string;
  /** True when this call generated it. */
  generated: boolean;
}

export function cacheKey(seed: number, scale: number, schema = LATEST_VERSION): string {
  return `shop-seed${seed}-scale${scale}-schema${schema}-gen${GENERATOR_VERSION}`;
}

/**
 * A shop cached at an older schema, brought up to date by the app's own migrations (as a
 * shop's file is when the till is upgraded) — minutes instead of generating the full-scale
 * shop again (10 min, 2.7 GB) for every schema change. Newest older schema first.
 */
function carryForward(o: { seed: number; scale: number; log?: (m: string) => void }, tmp: string): GeneratedShop | null {
  for (let v = LATEST_VERSION - 1; v > 0; v--) {
    const from = path.join(CACHE_DIR, cacheKey(o.seed, o.scale, v));
    if (!fs.existsSync(path.join(from, 'shop.json'))) continue;
    o.log?.(`cached shop at schema ${v}: copying it and running the migrations to ${LATEST_VERSION}`);
    const started = Date.now();
    fs.copyFileSync(path.join(from, DB_FILE_NAME), path.join(tmp, DB_FILE_NAME));
    // openDatabase migrates; the copy it takes aside first is not wanted in the cache.
    const db = openDatabase(path.join(tmp, DB_FILE_NAME), { synchronous: 'NORMAL', onPreMigrationCopy: (f) => fs.rmSync(f, { force: true }) });
    try {
      db.exec('ANALYZE');
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    o.log?.(`migrated in ${Math.round((Date.now() - started) / 1000)} s`);
    return JSON.parse(fs.readFileSync(path.join(from, 'shop.json'), 'utf8')) as GeneratedShop;
  }
  return null;
}

export async function cachedShop(o: { seed: number; scale: number; log?: (m: string) => void }): Promise<CachedShop> {
  const dir = path.join(CACHE_DIR, cacheKey(o.seed, o.scale));
  const info = path.join(dir, 'shop.json');
  if (fs.existsSync(info)) return { ...(JSON.parse(fs.readFileSync(info, 'utf8')) as GeneratedShop), dir, generated: false };
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  try {
    const shop = carryForward(o, tmp) ?? (await generateShop({ dataDir: tmp, seed: o.seed, scale: o.scale, ...(o.log ? { log: o.log } : {}) }));
    fs.writeFileSync(path.join(tmp, 'shop.json'), JSON.stringify(shop, null, 2));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(tmp, dir);
    return { ...shop, dir, generated: true };
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** A private copy of the shop's database in a new temporary folder, removed by `cleanup`. */
export function workingCopy(shop: CachedShop, label: string): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pos-bench-${label}-`));
  fs.copyFileSync(path.join(shop.dir, DB_FILE_NAME), path.join(dir, DB_FILE_NAME));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
