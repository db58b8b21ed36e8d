import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SerialPort } from 'serialport';

/**
 * A pseudo-terminal pair made by socat, as a null-modem cable between two serial ports: what
 * is written at one end is read at the other. `link=` gives each end a stable path.
 */
export const hasSocat = !spawnSync('socat', ['-V']).error;

export async function startPtyPair(dir: string): Promise<{ a: string; b: string; stop(): Promise<void> }> {
  const a = path.join(dir, 'a');
  const b = path.join(dir, 'b');
  const proc: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socat did not start: ${stderr}`)), 5000);
    proc.stderr!.on('data', (c: Buffer) => { stderr += c.toString(); if (/starting data transfer loop/.test(stderr)) { clearTimeout(timer); resolve(); } });
    proc.once('exit', (code) => reject(new Error(`socat exited (${code}): ${stderr}`)));
  });
  return { a, b, stop: async () => { if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM'); await exited; } };
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
