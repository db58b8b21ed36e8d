/**
 * `npm run bench [-- --quick] [--only checkout,lookups,dashboard,browser,import,sync,promotions,stock] [--seed N]`
 * `npm run bench -- --chain [--quick] [--in-place]`: the chain of shops on PostgreSQL instead (bench/chain.ts).
 *
 * Generates (or reuses from bench/.cache) the benchmark shop, measures every figure beside
 * a baseline measured in the same run, prints one markdown table and writes it as JSON to
 * bench/results/. --quick uses the shop at scale 0.05 and shorter measurements.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { cachedShop, workingCopy, DEFAULT_SEED } from './cache.js';
import { openShopCore } from './lib/shop-core.js';
import { markdownTable, type Row } from './lib/table.js';
import { nowMs } from './lib/measure.js';
import { lookupFigures } from './figures/lookups.js';
import { checkoutFigures } from './figures/checkout.js';
import { importFigure } from './figures/import.js';
import { salesImportFigure } from './figures/sales-import.js';
import { browserFigures } from './figures/browser.js';
import { dashboardFigures } from './figures/dashboard.js';
import { syncFigures } from './figures/sync.js';
import { promotionFigures } from './figures/promotions.js';
import { stockFigures } from './figures/stock.js';

const FIGURES = ['lookups', 'checkout', 'dashboard', 'browser', 'import', 'sync', 'promotions', 'stock'] as const;
type Figure = (typeof FIGURES)[number];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    scale: { type: 'string' },
    chain: { type: 'boolean', default: false },
    'in-place': { type: 'boolean', default: false },
  },
});
const quick = values.quick;
const seed = Number(values.seed);
const scale = values.scale ? Number(values.scale) : quick ? 0.05 : 1;
const only = new Set<Figure>(values.only ? (values.only.split(',') as Figure[]) : FIGURES);
const settings = quick
  ? { samples: 500, checkoutMs: 2500, scans: 100, starts: 3, runs: 5, visibleMs: 15_000 }
  : { samples: 3000, checkoutMs: 8000, scans: 100, starts: 5, runs: 9, visibleMs: 40_000 };
const TINY_SCALE = 0.0001;
const SYNC_SCALE = 0.05;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const t0 = nowMs();
const log = (m: string) => console.log(`[bench ${((nowMs() - t0) / 1000).toFixed(0).padStart(4)} s] ${m}`);

// The chain (issue 15) is a PostgreSQL database of its own, not the shop file.
if (values.chain) {
  const { runChainBench } = await import('./chain.js');
  await runChainBench({ quick, ...(values.scale ? { scale: Number(values.scale) } : {}), seed, inPlace: values['in-place'], root, log });
  process.exit(0);
}

// Pricing is pure code: `--only promotions` needs no generated shop.
if (only.size === 1 && only.has('promotions')) {
  const rows = promotionFigures({ samples: settings.samples, seed });
  console.log(`\n## Benchmarks (promotions only, ${Math.round((nowMs() - t0) / 1000)} s)\n`);
  console.log(markdownTable(rows));
  console.log(`\n${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}, Node ${process.version}`);
  const dir = path.join(root, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest-promotions.json'), JSON.stringify({ at: new Date().toISOString(), seed, rows }, null, 2));
  process.exit(0);
}

const shop = await cachedShop({ seed, scale, log: (m) => log(`generate: ${m}`) });
log(`shop at scale ${scale}: ${shop.generated ? `generated in ${shop.seconds} s` : 'from the cache'} — ${JSON.stringify(shop.counts)}`);
const rows: Row[] = [];
// A figure that throws is reported and the others still run: one broken figure must not throw
// away a quarter of an hour of measurements (the table and JSON say which ones failed).
const failed: string[] = [];
async function section(name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    failed.push(name);
    log(`${name} FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}
const copy = workingCopy(shop, 'main');
try {
  let membersCsv = '';
  if (only.has('lookups') || only.has('import') || only.has('dashboard')) await section('lookups and dashboard', async () => {
    const { core, cashier, owner } = await openShopCore(shop, copy.dir);
    try {
      if (only.has('lookups')) rows.push(...(await lookupFigures({ db: core.db, dispatcher: core.dispatcher, token: cashier, samples: settings.samples })));
      if (only.has('dashboard')) rows.push(...(await dashboardFigures({ db: core.db, dispatcher: core.dispatcher, token: owner, until: shop.until, scale, runs: settings.runs })));
      if (only.has('import')) membersCsv = core.services.membersCsv.exportCsv().csv;
    } finally {
      await core.shutdown();
    }
    log('lookups and dashboard done');
  });
  if (only.has('checkout')) await section('checkout', async () => {
    rows.push(...(await checkoutFigures({ shop, dataDir: copy.dir, totalMs: settings.checkoutMs, log })));
    log('checkout done');
  });
  if (only.has('import')) await section('import', async () => {
    rows.push(...(await importFigure({ csv: membersCsv, until: shop.until, log })));
    membersCsv = '';
    // A tenth of the history, at most 100,000 rows (a few years of another system's sales).
    rows.push(...(await salesImportFigure({ shop, count: Math.min(100_000, Math.max(1000, Math.round((shop.counts.sales ?? 0) / 10))), log })));
    log('import done');
  });
  if (only.has('browser')) await section('browser', async () => {
    buildIfStale();
    const tiny = await cachedShop({ seed, scale: TINY_SCALE });
    const tinyCopy = workingCopy(tiny, 'tiny');
    try {
      rows.push(...(await browserFigures({ big: shop, bigDir: copy.dir, tiny, tinyDir: tinyCopy.dir, scans: settings.scans, starts: settings.starts, log })));
    } finally {
      tinyCopy.cleanup();
    }
    log('browser done');
  });
  if (only.has('promotions')) await section('promotions', async () => { rows.push(...promotionFigures({ samples: settings.samples, seed })); });
  if (only.has('sync')) await section('sync', async () => {
    // Pairing queues the whole history in one transaction: many minutes and GBs of WAL for the
    // full shop. So the paired-checkout and ingest figures use the quick shop (what the outbox
    // adds to a sale is a few indexed writes, whatever the history), and the latency figure a
    // tiny one that a newly paired till receives in seconds.
    const synced = scale > SYNC_SCALE ? await cachedShop({ seed, scale: SYNC_SCALE, log: (m) => log(`generate: ${m}`) }) : shop;
    const tiny = await cachedShop({ seed, scale: TINY_SCALE });
    rows.push(...(await syncFigures({ shop: synced, tiny, totalMs: settings.checkoutMs, latencyMs: settings.visibleMs, log })));
    log('sync done');
  });
  if (only.has('stock')) await section('stock', async () => {
    // Its own copy: it changes the catalogue (stocked halves, 5,000 products) and adds sales.
    const stockCopy = workingCopy(shop, 'stock');
    try {
      rows.push(...(await stockFigures({ shop, dataDir: stockCopy.dir, totalMs: settings.checkoutMs, samples: settings.samples, log })));
    } finally {
      stockCopy.cleanup();
    }
    log('stock done');
  });
} finally {
  copy.cleanup();
}

const order = (id: string) => ['checkout', 'member', 'product', 'dashboard', 'browser', 'import', 'sync', 'promotions', 'stock'].findIndex((p) => id.startsWith(p));
rows.sort((a, b) => order(a.id) - order(b.id));
const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30),
  os: `${os.type()} ${os.release()}`, node: process.version,
};
const table = markdownTable(rows);
const seconds = Math.round((nowMs() - t0) / 1000);
console.log(`\n## Benchmarks (${quick ? 'quick, ' : ''}scale ${scale}: ${shop.counts.members} members, ${shop.counts.sales} sales, ${shop.counts.products} products; ${seconds} s)\n`);
console.log(table);
console.log(`\n${machine.cores} × ${machine.cpu}, ${machine.memoryGb} GB, ${machine.os}, Node ${machine.node}`);
const unmet = rows.filter((r) => r.met === false);
if (unmet.length > 0) console.log(`\nTargets missed: ${unmet.map((r) => r.figure).join('; ')}`);
if (failed.length > 0) console.log(`\nFigures that failed (see the log above): ${failed.join(', ')}`);

const dir = path.join(root, 'bench', 'results');
fs.mkdirSync(dir, { recursive: true });
const result = { at: new Date().toISOString(), mode: quick ? 'quick' : 'full', seed, scale, seconds, machine, failed, shop: { counts: shop.counts, generatedInSeconds: shop.seconds, generatedThisRun: shop.generated }, rows, table };
const name = `bench-${result.mode}-${result.at.replaceAll(':', '-').slice(0, 19)}.json`;
fs.writeFileSync(path.join(dir, name), JSON.stringify(result, null, 2));
// A partial run (--only) keeps its own file but does not replace the latest whole run's.
if (!values.only) fs.writeFileSync(path.join(dir, `latest-${result.mode}.json`), JSON.stringify(result, null, 2));
log(`written bench/results/${name}`);
if (failed.length > 0) process.exitCode = 1;

/** The browser figures drive the built host and renderer: rebuild when a source is newer. */
function buildIfStale() {
  const outputs = ['dist/node/electron/host/cli.js', 'dist/renderer/index.html'];
  const built = Math.min(...outputs.map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0)));
  const newest = (dir: string): number => fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = path.join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }, 0);
  if (built > Math.max(newest('renderer'), newest('electron'), newest('shared'))) return;
  log('building the app (npm run build) for the browser figures');
  execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
}
