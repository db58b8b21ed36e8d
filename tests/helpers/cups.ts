import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A private CUPS scheduler for tests: Debian's cupsd with its own configuration, spool and
 * socket in a temporary folder, so tests never touch (or need) the machine's CUPS. Clients
 * reach it with CUPS_SERVER=<socket>. Needs the `cups` package (.ci/run installs it).
 */
export const CUPSD = '/usr/sbin/cupsd';
export const hasCups = fs.existsSync(CUPSD) && !spawnSync('lp', ['-h']).error && !spawnSync('lpadmin', ['-h']).error;

export interface TestCups {
  socket: string;
  env: NodeJS.ProcessEnv;
  /** A raw queue (no driver, no filter) sending to `uri`, e.g. socket://127.0.0.1:PORT. */
  addRawQueue(name: string, uri: string): void;
  run(cmd: string, args: string[]): string;
  stop(): Promise<void>;
}

export async function startCups(): Promise<TestCups> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-cups-'));
  for (const d of ['etc', 'spool', 'cache', 'state', 'log', 'run']) fs.mkdirSync(path.join(dir, d));
  const socket = path.join(dir, 'run', 'cups.sock');
  fs.writeFileSync(path.join(dir, 'etc', 'cupsd.conf'), [
    `Listen ${socket}`, 'LogLevel warn', 'Browsing Off', 'WebInterface No', 'DefaultAuthType None',
    '<Location />', '  Order allow,deny', '  Allow all', '</Location>',
    '<Location /admin>', '  Order allow,deny', '  Allow all', '</Location>',
    '<Policy default>', '  <Limit All>', '    Order deny,allow', '  </Limit>', '</Policy>', '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'etc', 'cups-files.conf'), [
    `ServerRoot ${dir}/etc`, `RequestRoot ${dir}/spool`, `CacheDir ${dir}/cache`, `StateDir ${dir}/state`, `TempDir ${dir}/spool`,
    'ServerBin /usr/lib/cups', 'DataDir /usr/share/cups', `Printcap ${dir}/printcap`, 'FileDevice No',
    `ErrorLog ${dir}/log/error_log`, `AccessLog ${dir}/log/access_log`, `PageLog ${dir}/log/page_log`, '',
  ].join('\n'));
  // cupsd drops to the `lp` user for its backends: it must be able to read the folder.
  for (const d of ['', 'etc', 'spool', 'cache', 'state', 'log', 'run']) fs.chmodSync(path.join(dir, d), 0o755);
  const env = { ...process.env, CUPS_SERVER: socket, LANG: 'C', LC_ALL: 'C' };
  const proc: ChildProcess = spawn(CUPSD, ['-f', '-c', path.join(dir, 'etc', 'cupsd.conf'), '-s', path.join(dir, 'etc', 'cups-files.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  const start = Date.now();
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`cupsd exited: ${output}`);
    if (spawnSync('lpstat', ['-r'], { env, encoding: 'utf8' }).stdout.includes('scheduler is running')) break;
    if (Date.now() - start > 10_000) throw new Error(`cupsd did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    socket,
    env,
    addRawQueue: (name, uri) => void run('lpadmin', ['-p', name, '-E', '-v', uri]),
    run,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
