import { SerialPort } from 'serialport';
import type { DeviceState } from '../../shared/contract/system.js';
import type { PoleConfig } from '../../shared/contract/counter.js';
import { POLE_WIDTH, poleAmount, type PoleFrame, type PoleLamp } from '../../shared/display/pole.js';
import type { PoleDisplayPort } from '../core/counter/ports.js';
import { JobQueue } from './printer.js';
import { closePort, openPort, serialErrorState, withTimeout } from './serial-errors.js';

const ESC = 0x1b;
const CR = 0x0d;
const CLR = 0x0c;
/** ESC s n on 8-digit LED displays: '0' all lamps off, '1' 单价, '2' 合计, '3' 收款, '4' 找零. */
export const LAMP_CODES: Record<PoleLamp, number> = { off: 0x30, price: 0x31, total: 0x32, collect: 0x33, change: 0x34 };

const ascii = (text: string) => [...text].map((c) => (c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) < 0x7f ? c.charCodeAt(0) : 0x3f));

/**
 * The bytes for one frame in the CD5220 / ESC-POS customer display command set:
 * - `ESC @` resets the display (it also recovers one left mid-command by a dropped cable);
 * - led8: `ESC s n` lights the lamp, `ESC Q A <digits> CR` shows the amount (8 digits at most:
 *   an amount that does not fit shows its last 8, as the display would scroll it anyway);
 * - vfd: `CLR`, then `ESC Q A <line 1> CR` and `ESC Q B <line 2> CR`, 20 ASCII columns each.
 */
export function encodePoleFrame(kind: PoleConfig['kind'], frame: PoleFrame): Uint8Array {
  const out: number[] = [ESC, 0x40];
  if (kind === 'led8') {
    out.push(ESC, 0x73, LAMP_CODES[frame.lamp]);
    const digits = frame.amountFen === null ? '' : poleAmount(frame.amountFen);
    // The decimal point sits on a digit: 8 digits plus the point.
    const fit = digits.replace('.', '').length > 8 ? digits.slice(-9) : digits;
    out.push(ESC, 0x51, 0x41, ...ascii(fit), CR);
  } else {
    out.push(CLR);
    out.push(ESC, 0x51, 0x41, ...ascii(frame.line1.slice(0, POLE_WIDTH)), CR);
    out.push(ESC, 0x51, 0x42, ...ascii(frame.line2.slice(0, POLE_WIDTH)), CR);
  }
  return Uint8Array.from(out);
}

/**
 * A pole display on a serial port (most are RS-232 or USB-serial at 2400/9600 baud). The port
 * stays open between frames (a frame per scan); a write that fails closes it and the next
 * frame opens it again, so an unplugged display comes back when it is plugged in. Opening,
 * writing and closing run one at a time: two frames must never open the port twice.
 */
export function createPoleDisplay(options: { openTimeoutMs?: number; writeTimeoutMs?: number } = {}): PoleDisplayPort {
  let config: PoleConfig | null = null;
  let port: SerialPort | null = null;
  let state: DeviceState = 'not_configured';
  const queue = new JobQueue();

  const drop = async () => {
    const p = port;
    port = null;
    if (p) await closePort(p);
  };
  const open = async (c: PoleConfig): Promise<SerialPort> => {
    if (port?.isOpen) return port;
    const p = new SerialPort({ path: c.path, baudRate: c.baudRate, autoOpen: false });
    p.on('error', () => {});
    p.on('close', () => {
      if (port === p) port = null;
    });
    try {
      await withTimeout(openPort(p), options.openTimeoutMs ?? 3000, () => new Error(`Could not open ${c.path} in time`));
    } catch (err) {
      await closePort(p); // an open that finishes after the timeout must not keep the port
      throw err;
    }
    port = p;
    return p;
  };

  return {
    apply(next) {
      const same = config && next && config.path === next.path && config.baudRate === next.baudRate;
      config = next;
      if (!same) {
        void queue.run(drop);
        state = next ? 'ready' : 'not_configured';
      }
    },
    show(frame) {
      return queue.run(() => write(frame));
    },
    state: () => state,
    close: () => queue.run(drop),
  };

  async function write(frame: PoleFrame): Promise<void> {
    const c = config;
    if (!c) return;
    try {
      const p = await open(c);
      await withTimeout(
        new Promise<void>((resolve, reject) => p.write(Buffer.from(encodePoleFrame(c.kind, frame)), (err) => (err ? reject(err) : p.drain((e) => (e ? reject(e) : resolve()))))),
        options.writeTimeoutMs ?? 3000,
        () => new Error(`Pole display on ${c.path} did not take the frame`),
      );
      state = 'ready';
    } catch (err) {
      state = serialErrorState(err);
      await drop();
      throw err;
    }
  }
}
