import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { buildSync } from 'esbuild';

/**
 * The parent's side of the sync fault runs: child scripts bundled once (a cold `tsx` start costs
 * about a second, the bundle well under half: hundreds of restarts depend on it), started as
 * real processes whose stdout lines are watched, and ended with SIGKILL.
 */
const root = path.resolve(import.meta.dirname, '../..');

/** Bundles a helper script into .tmp (packages stay external: better-sqlite3 is native); returns the file and its cleanup. */
export function bundleScript(entry: string, name: string): { file: string; remove(): void } {
  const file = path.join(root, '.tmp', 'sync-faults', `${name}-${process.pid}.mjs`);
  buildSync({ entryPoints: [path.join(root, entry)], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: file, logLevel: 'error' });
  return { file, remove: () => fs.rmSync(file, { force: true }) };
}

/** The tag tests/helpers/server-process.ts prints for a till's pushes (its token's SHA-256, shortened). */
export const tokenTag = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 8);

/** A free loopback port, to be reused by every restart of the server (the tills keep its URL). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface Proc {
  child: ChildProcess;
  /** Every stdout line so far. */
  lines: string[];
  stderr(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Calls fn on each new stdout line until it returns true (or the process ends); the returned function cancels. */
  onLine(fn: (line: string) => boolean | void): () => void;
  /** The next line that matches; rejects when the process ends first or after timeoutMs. */
  waitFor(match: (line: string) => boolean, timeoutMs: number, what: string): Promise<string>;
  send(line: string): void;
  /** SIGKILL, then the exit. */
  kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startProc(file: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [file], { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const listeners = new Set<(line: string) => boolean | void>();
  let err = '';
  let buf = '';
  child.stderr!.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-20_000)));
  child.stdout!.on('data', (c: Buffer) => {
    buf += c.toString();
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      lines.push(line);
      for (const fn of [...listeners]) if (fn(line) === true) listeners.delete(fn);
    }
  });
  child.stdin!.on('error', () => {}); // writing to a till that was just killed
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  let ended = false;
  void exit.then(() => (ended = true));

  const proc: Proc = {
    child,
    lines,
    stderr: () => err,
    exit,
    onLine(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    waitFor(match, timeoutMs, what) {
      return new Promise((resolve, reject) => {
        if (ended) return reject(new Error(`${what}: the process had already ended\n${err}`));
        const timer = setTimeout(() => { cancel(); reject(new Error(`${what}: not within ${timeoutMs} ms\n${lines.slice(-20).join('\n')}\n${err}`)); }, timeoutMs);
        const cancel = proc.onLine((line) => {
          if (!match(line)) return false;
          clearTimeout(timer);
          resolve(line);
          return true;
        });
        void exit.then(({ code, signal }) => {
          clearTimeout(timer);
          cancel();
          reject(new Error(`${what}: the process ended (${code ?? signal})\n${lines.slice(-20).join('\n')}\n${err}`));
        });
      });
    },
    send(line) {
      if (!ended) child.stdin!.write(`${line}\n`);
    },
    async kill() {
      if (!ended) child.kill('SIGKILL');
      return exit;
    },
  };
  return proc;
}

/** Waits for cond() to hold, polling; the last value is in the error when it does not. */
export async function until<T>(probe: () => Promise<T> | T, cond: (v: T) => boolean, timeoutMs: number, what: string, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (cond(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A seeded random in [0, 1) (Park–Miller): a failing run can be repeated with its seed. */
export function seeded(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}
