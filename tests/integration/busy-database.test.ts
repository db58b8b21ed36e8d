import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { openShop, clientRef } from '../helpers/shop.js';

/**
 * Another process on the same shop file (pos backup, pos stats, a reporting tool) holding
 * SQLite's write lock for up to a second must make the till wait, not fail: every sale
 * started meanwhile commits. Before writers began IMMEDIATE, a sale's read-then-write
 * upgrade answered SQLITE_BUSY at once and the cashier saw "系统出错了".
 */
const root = path.resolve(import.meta.dirname, '../..');
const shops: Array<{ core: { dispose(): Promise<void> } }> = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const s of shops.splice(0)) await s.core.dispose();
});

function holder(file: string, env: Record<string, string>): Promise<{ done: Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'tests/integration/fixtures/hold-write-lock.mjs')], {
      cwd: root, env: { ...process.env, SHOP_FILE: file, ...env }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    const done = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.stdout.on('data', (c: Buffer) => { if (c.toString().includes('LOCKED')) resolve({ done }); });
    child.on('error', reject);
  });
}

describe('a second process on the shop file', () => {
  it.each([
    ['holding the write lock 1 s at a time', { HOLD_MS: '1000', ROUNDS: '3' }],
    ['holding the write lock 300 ms at a time', { HOLD_MS: '300', ROUNDS: '8' }],
    ['holding a long read transaction', { HOLD_MS: '1000', ROUNDS: '3', READER: '1' }],
  ])('%s: every sale commits', async (_name, env) => {
    const shop = await openShop();
    shops.push(shop);
    const { core, cashier, products } = shop;
    const h = await holder(core.dbFile, env);
    let finished = false;
    void h.done.then(() => { finished = true; });
    const answers: Array<{ ok: boolean; error?: unknown }> = [];
    // Sell until the other process is done, yielding between sales so its output is read.
    while (!finished) {
      answers.push(await core.dispatcher.call('sales.commit', {
        clientRef: clientRef(), lines: [{ productId: products[0]!.id, qty: 1 }],
        payments: [{ method: 'cash', amountFen: 300, tenderedFen: 500 }], expectedTotalFen: 300,
      }, cashier.token));
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await h.done).toBe(0);
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    // Sales went on while it ran (how many depends on the machine's load; none may fail).
    expect(answers.length).toBeGreaterThan(0);
    expect((core.db.prepare("SELECT count(*) AS n FROM sales").get() as { n: number }).n).toBe(answers.length);
  });
});
