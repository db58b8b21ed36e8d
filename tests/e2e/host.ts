import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

export interface TestHost {
  /** http://127.0.0.1:PORT/ */
  url: string;
  /** The address `npm start` prints: url + #k=SECRET. */
  openUrl: string;
  secret: string;
  dataDir: string;
  /** POST an envelope to /api/invoke with the secret (or the given headers). */
  invoke(method: string, input: unknown, session?: string | null): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
  /** Moves the shop's clock (hosts started with `clock` only): a local date-time, from which time runs on. */
  setClock(localDateTime: string): void;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 20_000;

/**
 * Starts the real browser host (`electron/host/cli.ts serve`) on a fresh temporary data
 * folder (or the given one) and a free port, and waits for the `Open http://127.0.0.1:PORT/#k=SECRET` line.
 */
export async function startHost(options: { clock?: string; dataDir?: string } = {}): Promise<TestHost> {
  // A given folder (say, on a small tmpfs for the full-disk test) is used as it is.
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pos-e2e-'));
  const secret = randomBytes(18).toString('hex');
  // A settable clock (electron/host/test-clock.ts), kept outside the shop's folder.
  const clockFile = options.clock ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pos-e2e-clock-')), 'now') : null;
  if (clockFile) fs.writeFileSync(clockFile, options.clock!);
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/host/cli.ts', 'serve', '--data-dir', dataDir, '--port', '0', `--secret=${secret}`],
    { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', ...(clockFile ? { POS_TEST_CLOCK_FILE: clockFile } : {}) } },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });

  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start in ${START_TIMEOUT_MS} ms\n${stderr}`)), START_TIMEOUT_MS);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = /^Open (http:\/\/127\.0\.0\.1:\d+\/#k=\S+)$/.exec(line.trim());
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}\n${stderr}`));
    });
  });
  const url = openUrl.slice(0, openUrl.indexOf('#'));

  return {
    url,
    openUrl,
    secret,
    dataDir,
    async invoke(method, input, session = null) {
      const res = await fetch(new URL('/api/invoke', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pos-secret': secret },
        body: JSON.stringify({ method, input, session }),
      });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
    },
    setClock(localDateTime) {
      if (!clockFile) throw new Error('this host was started without a settable clock (startHost({ clock }))');
      fs.writeFileSync(clockFile, localDateTime);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (clockFile) fs.rmSync(path.dirname(clockFile), { recursive: true, force: true });
    },
  };
}
