import type { DeviceState } from '../../shared/contract/system.js';
import { PrinterError } from './printer.js';
import { runCommand, type CommandRunner } from './run-command.js';
import type { SystemPrinterDriver } from './system-printer.js';

export interface CupsDriverOptions {
  run?: CommandRunner;
  /** Passed to lp/lpstat; CUPS_SERVER in it picks a scheduler other than the system's (tests). */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/**
 * A queue name as CUPS allows it (printable, no space, '/', '#' or quotes); refusing a leading
 * '-' keeps a name from ever being read as an option by lp.
 */
export function isCupsQueueName(name: string): boolean {
  return /^[^\s/#'"\\-][^\s/#'"\\]{0,126}$/.test(name) && [...name].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f);
}

/** `lpstat -e` prints one destination per line. */
export function parseQueueList(stdout: string): string[] {
  return stdout.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0 && isCupsQueueName(l));
}

/**
 * `lpstat -p NAME` answers "printer NAME is idle.  enabled since …", "… now printing …" or
 * "… disabled since …" (LANG=C, so the words are English whatever the machine's language).
 */
export function parseQueueState(stdout: string): DeviceState {
  if (/\bdisabled\b/.test(stdout)) return 'offline';
  if (/\bis idle\b|\bnow printing\b/.test(stdout)) return 'ready';
  return 'error';
}

/**
 * Receipt printers through CUPS on Linux and macOS: the job is handed over RAW (`lp -o raw`),
 * so the ESC/POS bytes reach the printer untouched (cut, drawer pulse, GB18030 text) whether
 * the queue is a USB printer, a network one or a raw queue in front of a serial port. `lp`
 * returns once CUPS has queued the job; a printer that is off keeps it in the CUPS queue and
 * the probe (lpstat -p) says the queue is stopped.
 */
export function cupsDriver(options: CupsDriverOptions = {}): SystemPrinterDriver {
  const run = options.run ?? runCommand;
  // English messages and states, whatever the shop's locale.
  const env = { ...(options.env ?? process.env), LANG: 'C', LC_ALL: 'C' };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const call = async (file: string, args: string[], input?: Uint8Array) => {
    try {
      return await run(file, args, { env, timeoutMs, ...(input ? { input } : {}) });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ENOENT') throw new PrinterError('unavailable', `${file} is not installed (CUPS: apt-get install cups-client)`, { cause: err });
      if (code === 'ETIMEDOUT') throw new PrinterError('timeout', `${file} did not answer within ${timeoutMs} ms`, { cause: err });
      throw new PrinterError('io', `${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  };
  const checkName = (name: string) => {
    if (!isCupsQueueName(name)) throw new PrinterError('io', `"${name}" is not a CUPS queue name`);
  };
  return {
    async list() {
      const r = await call('lpstat', ['-e']);
      // No destinations at all is exit 1 with "No destinations added." on some versions.
      return r.code === 0 ? parseQueueList(r.stdout) : [];
    },
    async send(name, bytes) {
      checkName(name);
      const r = await call('lp', ['-d', name, '-o', 'raw', '-t', 'Counter POS', '-s'], bytes);
      if (r.code === 0) return;
      const why = (r.stderr || r.stdout).trim();
      if (/does not exist|not found/i.test(why)) throw new PrinterError('offline', `CUPS has no queue "${name}"`);
      if (/scheduler is not running|unable to connect|connection refused/i.test(why)) throw new PrinterError('offline', `CUPS is not running (${why})`);
      if (/not accepting/i.test(why)) throw new PrinterError('refused', `CUPS queue "${name}" is not accepting jobs`);
      throw new PrinterError('io', `lp -d ${name}: ${why || `exit ${r.code}`}`);
    },
    async probe(name) {
      if (!isCupsQueueName(name)) return 'error';
      const r = await call('lpstat', ['-p', name]).catch((e: unknown) => (e instanceof PrinterError && e.code === 'unavailable' ? null : Promise.reject(e)));
      if (!r) return 'not_configured';
      return r.code === 0 ? parseQueueState(r.stdout) : 'offline';
    },
  };
}
