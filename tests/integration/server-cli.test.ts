import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { connectServer, ServerClientError } from '../../electron/core/sync/server-client.js';
import { serverCommand } from '../../server/cli.js';
import { runningPort } from '../../server/embedded.js';
import { makeTempDir } from '../helpers/temp-dir.js';

/** `npm run pos -- server --embedded DIR` as a real process: what it prints is enough to pair a till. */
const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const pos = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'electron/host/cli.ts', ...args], { cwd: root });
const tmp = makeTempDir('pos-server-cli-');
// As root the embedded cluster runs as 'postgres', which must be able to enter the folder.
fs.chmodSync(tmp.dir, 0o755);
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  tmp.cleanup();
});

/** The owner's commands, run in this process (as the CLI dispatches them) to spare a start-up each. */
async function owner(...args: string[]): Promise<{ code: number; stdout: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    return { code: await serverCommand(args), stdout: lines.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

interface Started { child: ChildProcess; url: string; fingerprint: string; code: string; exited: Promise<number | null> }

function startServer(dir: string): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/host/cli.ts', 'server', '--embedded', dir, '--port', '0', '--host', '127.0.0.1'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}\n${err}`)), 60_000);
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (!out.includes('Press Ctrl+C')) return;
      clearTimeout(timer);
      const url = /address: (https:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const fingerprint = /fingerprint \(SHA-256\): ([0-9a-f]{64})/.exec(out)?.[1];
      const code = /pairing code: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}) \(one till, valid 30 minutes/.exec(out)?.[1];
      if (!url || !fingerprint || !code) reject(new Error(`unexpected output:\n${out}`));
      else resolve({ child, url, fingerprint, code, exited });
    });
    void exited.then((c) => reject(new Error(`server exited ${c}:\n${out}\n${err}`)));
  });
}

describe('npm run pos -- server --embedded', () => {
  it('starts PostgreSQL and the server, prints address, fingerprint and code; pairs, lists, revokes, stops cleanly, keeps its certificate', async () => {
    const dir = path.join(tmp.dir, 'shop-server');
    const first = await startServer(dir);
    expect(first.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

    const till = connectServer({ url: first.url, timeoutMs: 5_000 });
    const paired = await till.pair(first.code, '收银台 1');
    expect(paired.fingerprint).toBe(first.fingerprint);
    expect(paired.tillCode).toBe('T1');

    // The owner's commands join the running cluster.
    const status = JSON.parse((await owner('status', '--json', '--embedded', dir)).stdout) as { head: number; tills: { code: string; name: string; revokedAt: string | null }[] };
    expect(status.tills).toMatchObject([{ code: 'T1', name: '收银台 1', revokedAt: null, backlog: 0 }]);
    expect((await owner('pair-code', '--embedded', dir)).stdout).toMatch(/^pairing code: [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4} /);
    expect(await owner('revoke', 'T1', '--embedded', dir)).toEqual({ code: 0, stdout: 'T1 revoked: its token no longer works' });
    expect((await owner('revoke', 'T1', '--embedded', dir)).code).toBe(1);
    await expect(till.status()).rejects.toSatisfy((e: unknown) => e instanceof ServerClientError && e.code === 'revoked');
    till.close();

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(runningPort(dir)).toBeUndefined();

    const again = await startServer(dir);
    expect(again.fingerprint).toBe(first.fingerprint);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  }, 120_000);

  it('refuses to start without a database and explains', async () => {
    await expect(pos('server')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--pg URL or --embedded DIR') });
  });
});
