import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program without a shell (arguments are never parsed by one, so a queue name cannot
 * smuggle a command), feeding `input` on stdin. Rejects only when the program cannot be
 * started (ENOENT: not installed) or does not finish within the timeout; a non-zero exit is
 * an answer the caller reads.
 */
export type CommandRunner = (file: string, args: readonly string[], options: { input?: Uint8Array | string; env?: NodeJS.ProcessEnv; timeoutMs: number }) => Promise<CommandResult>;

export const runCommand: CommandRunner = (file, args, options) =>
  new Promise((resolve, reject) => {
    const child = spawn(file, [...args], { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() => reject(Object.assign(new Error(`${file} did not finish within ${options.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    }, options.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('error', (err) => finish(() => reject(err)));
    child.once('close', (code) => finish(() => resolve({ code, stdout, stderr })));
    // A program that exits before reading all of stdin (bad queue name) must not crash us with EPIPE.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input === undefined ? undefined : typeof options.input === 'string' ? options.input : Buffer.from(options.input));
  });
