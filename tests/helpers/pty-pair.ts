import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SerialPort } from 'serialport';

/**
 * A socat pseudo-terminal pair, as electron/devices/serial.test.ts makes it: what is written
 * to one end is read on the other, as over a null-modem cable. `link=` gives each end a
 * stable path.
 */
export const hasSocat = !spawnSync('socat', ['-V']).error;

export interface PtyPair {
  /** Stable paths (symlinks) of the two ends. */
  a: string;
  b: string;
  /** The /dev/pts devices socat reported on stderr. */
  pts: string[];
  stop(): Promise<void>;
}

export async function startPtyPair(dir: string): Promise<PtyPair> {
  const a = path.join(dir, 'a');
  const b = path.join(dir, 'b');
  const proc: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socat did not start: ${stderr}`)), 5000);
    proc.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // "N PTY is /dev/pts/3" twice, then "N starting data transfer loop": both ends exist.
      if (/starting data transfer loop/.test(stderr)) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.once('exit', (code) => reject(new Error(`socat exited (${code}): ${stderr}`)));
  });
  const pts = [...stderr.matchAll(/PTY is (\/dev\/pts\/\d+)/g)].map((m) => m[1]!);
  return {
    a,
    b,
    pts,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}

/** The far end, collecting everything that arrives. */
export async function readEnd(p: string) {
  const port = new SerialPort({ path: p, baudRate: 9600, autoOpen: false });
  port.on('error', () => {});
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  let received = Buffer.alloc(0);
  port.on('data', (c: Buffer) => {
    received = Buffer.concat([received, c]);
  });
  return {
    received: () => received,
    clear: () => {
      received = Buffer.alloc(0);
    },
    /** Resolves once what arrived satisfies `done`. */
    async until(done: (bytes: Buffer) => boolean, timeoutMs = 3000): Promise<Buffer> {
      const start = Date.now();
      while (!done(received)) {
        if (Date.now() - start > timeoutMs) throw new Error(`timed out; got ${received.toString('hex')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  };
}

/** Opens one end as a plain serial port (the device's side). */
export async function openEnd(p: string): Promise<SerialPort> {
  const port = new SerialPort({ path: p, baudRate: 9600, autoOpen: false });
  port.on('error', () => {});
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  return port;
}

export const writeTo = (port: SerialPort, data: string) => new Promise<void>((resolve, reject) => port.write(data, (e) => (e ? reject(e) : port.drain(() => resolve()))));
export const closeEnd = (port: SerialPort) => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
