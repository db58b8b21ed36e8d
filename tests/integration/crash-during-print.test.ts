import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openShop, ok } from '../helpers/shop.js';
import { testCore } from '../helpers/core.js';
import { startFakePrinter } from '../helpers/fake-printer.js';
import { decodeEscPos } from '../helpers/escpos-decode.js';

const root = path.resolve(import.meta.dirname, '../..');
const cleanups: Array<() => unknown> = [];
afterEach(async () => { for (const c of cleanups.splice(0)) await c(); });

/** Runs the burst till until it has acknowledged `ackCount` sales, then SIGKILLs it. */
function burstThenKill(env: Record<string, string>, ackCount: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/fixtures/checkout-burst.ts'], {
      cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: string[] = [];
    let buf = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      buf += c.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('ACK ')) acks.push(line.slice(4));
        if (acks.length >= ackCount) child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(acks) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

describe('a crash while printing', () => {
  it('never loses an acknowledged sale; the cut-off print job is marked failed and prints on retry', async () => {
    const printer = await startFakePrinter({ mode: 'hang' }); // out of paper: the job never finishes
    cleanups.push(() => printer.close());
    const shop = await openShop();
    await ok(shop.core, 'devices.setConfig', { printer: { type: 'network', host: '127.0.0.1', port: printer.port, paperWidth: 58, openDrawerOnCash: false } }, shop.manager.token);
    const dataDir = shop.core.dataDir;
    await shop.core.shutdown();
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));

    const acks = await burstThenKill({
      DATA_DIR: dataDir, STAFF_ID: String(shop.cashier.staffId), PIN: '4321',
      PRODUCT_IDS: shop.products.map((p) => p.id).join(','), COUNT: '50',
    }, 5);
    expect(acks.length).toBeGreaterThanOrEqual(5);

    const after = testCore({ dataDir });
    cleanups.push(() => after.dispose());
    const db = after.db;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    for (const ack of acks) {
      const [id, receiptNo] = ack.split(' ');
      expect(db.prepare('SELECT receipt_no FROM sales WHERE id = ?').get(Number(id))).toEqual({ receipt_no: receiptNo });
    }
    // No partial sale: every sale has lines and payments that add up to it.
    const broken = db.prepare(`SELECT s.id FROM sales s WHERE s.total_fen <> coalesce((SELECT sum(total_fen) FROM sale_lines WHERE sale_id = s.id), -1)
      OR s.total_fen <> coalesce((SELECT sum(amount_fen) FROM sale_payments WHERE sale_id = s.id), -1)`).all();
    expect(broken).toEqual([]);
    // The jobs that were pending or at the printer when it died are failed, not silently reprinted.
    const jobs = db.prepare("SELECT status, last_error FROM print_jobs WHERE status <> 'done'").all() as Array<{ status: string; last_error: string }>;
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((j) => j.status === 'failed' && j.last_error === 'interrupted')).toBe(true);

    await printer.setMode('accept');
    const signIn = await after.dispatcher.call('auth.signIn', { staffId: shop.cashier.staffId, pin: '4321' });
    if (!signIn.ok) throw new Error('sign-in failed');
    const [firstFailed] = await ok(after, 'print.jobs', { status: 'failed', limit: 100 }, signIn.value.token).then((j) => j.slice(-1));
    await ok(after, 'print.retry', { jobId: firstFailed!.id }, signIn.value.token);
    const printed = decodeEscPos(await printer.waitForJob(0), { cpl: 32 });
    expect(printed.text).toContain(acks[0]!.split(' ')[1]!);
  });
});
