import net from 'node:net';
import type { DeviceState } from '../../shared/contract/system.js';
import { DEFAULT_PRINTER_PORT } from '../../shared/contract/devices.js';
import { JobQueue, PrinterError, type ReceiptPrinter } from './printer.js';

export interface TcpPrinterOptions {
  host: string;
  /** Raw printing port ("JetDirect"/AppSocket); 9100 on every network receipt printer. */
  port?: number;
  /** Give up connecting after this long; a printer on the shop's LAN answers in milliseconds. */
  connectTimeoutMs?: number;
  /** Give up when the printer has not taken the job within this long after connecting. */
  writeTimeoutMs?: number;
}

export { DEFAULT_PRINTER_PORT };

/**
 * A network receipt printer on raw TCP. A job is: connect, write the bytes, half-close, and
 * wait until the printer acknowledges — by closing its side (what port-9100 printers do once
 * they have read everything, and what CUPS's socket backend waits for) or by sending any
 * byte (receiptline jobs end with GS r, a status request the printer answers once it gets
 * there). A printer that is out of paper stops reading, so neither happens: timeout.
 */
export class TcpPrinter implements ReceiptPrinter {
  readonly kind = 'network' as const;
  readonly host: string;
  readonly port: number;
  private readonly connectTimeoutMs: number;
  private readonly writeTimeoutMs: number;
  private readonly queue = new JobQueue();

  constructor(options: TcpPrinterOptions) {
    this.host = options.host;
    this.port = options.port ?? DEFAULT_PRINTER_PORT;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 3000;
    this.writeTimeoutMs = options.writeTimeoutMs ?? 10_000;
  }

  send(bytes: Uint8Array): Promise<void> {
    return this.queue.run(async () => {
      const socket = await this.connect();
      await this.deliver(socket, bytes);
    });
  }

  /** Connects and hangs up. Queued behind jobs: many printers take one connection at a time. */
  probe(): Promise<DeviceState> {
    return this.queue.run(async () => {
      try {
        (await this.connect()).destroy();
        return 'ready';
      } catch (e) {
        return e instanceof PrinterError && (e.code === 'offline' || e.code === 'refused') ? 'offline' : 'error';
      }
    });
  }

  private connect(): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new PrinterError('offline', `No answer from printer ${this.where()} within ${this.connectTimeoutMs} ms`));
      }, this.connectTimeoutMs);
      socket.once('error', (err) => {
        clearTimeout(timer);
        socket.destroy();
        reject(this.socketError(err));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(socket);
      });
    });
  }

  private deliver(socket: net.Socket, bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      let finished = false; // our bytes have all been handed to the OS
      const done = (err?: PrinterError) => {
        clearTimeout(timer);
        socket.removeAllListeners();
        socket.on('error', () => {}); // late errors after we gave up are not interesting
        socket.destroy();
        if (err) reject(err);
        else resolve();
      };
      const timer = setTimeout(
        () => done(new PrinterError('timeout', `Printer ${this.where()} did not take the job within ${this.writeTimeoutMs} ms (out of paper or cover open?)`)),
        this.writeTimeoutMs,
      );
      socket.on('error', (err) => done(this.socketError(err)));
      // Printers may send status bytes (answer to GS r); reading also lets us see their close.
      socket.on('data', () => {
        if (finished) done();
      });
      socket.on('close', () => done());
      socket.end(bytes, () => {
        finished = true;
      });
    });
  }

  private socketError(err: Error & { code?: string }): PrinterError {
    const where = this.where();
    switch (err.code) {
      case 'ECONNREFUSED':
        return new PrinterError('refused', `Printer ${where} refused the connection`, { cause: err });
      case 'ECONNRESET':
      case 'EPIPE':
        return new PrinterError('offline', `Printer ${where} dropped the connection`, { cause: err });
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
      case 'EHOSTDOWN':
      case 'ENETDOWN':
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
      case 'ETIMEDOUT':
        return new PrinterError('offline', `Printer ${where} is not reachable (${err.code})`, { cause: err });
      default:
        return new PrinterError('io', `Printer ${where}: ${err.message}`, { cause: err });
    }
  }

  private where(): string {
    return `${this.host}:${this.port}`;
  }
}
