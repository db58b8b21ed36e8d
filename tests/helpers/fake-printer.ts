import net from 'node:net';

/**
 * A fake network receipt printer: a TCP server on 127.0.0.1 that behaves like port 9100.
 *
 * Modes (switch any time with setMode):
 * - 'accept'  reads each connection to the end, keeps its bytes, then closes (a healthy printer)
 * - 'refuse'  stops listening, so connecting gets ECONNREFUSED (printer switched off / rebooting)
 * - 'close'   accepts and closes at once without reading (a printer busy with another till)
 * - 'reset'   accepts, then drops the connection with a TCP reset (printer crashed mid-job)
 * - 'hang'    accepts and never reads or answers (out of paper with a full buffer, cover open)
 *
 * Only ever binds the loopback address.
 */
export type FakePrinterMode = 'accept' | 'refuse' | 'close' | 'reset' | 'hang';

export interface FakePrinter {
  readonly host: '127.0.0.1';
  readonly port: number;
  mode(): FakePrinterMode;
  setMode(mode: FakePrinterMode): Promise<void>;
  /** Bytes of every finished connection that sent something, in order. */
  jobs(): Buffer[];
  /** Number of connections accepted (probes included). */
  connections(): number;
  /** Resolves with job number `index` (default: the next one) once it has fully arrived. */
  waitForJob(index?: number, timeoutMs?: number): Promise<Buffer>;
  close(): Promise<void>;
}

export async function startFakePrinter(options: { port?: number; mode?: FakePrinterMode } = {}): Promise<FakePrinter> {
  const jobs: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const waiters = new Set<() => void>();
  let mode: FakePrinterMode = options.mode ?? 'accept';
  let accepted = 0;
  let server: net.Server | null = null;
  let port = options.port ?? 0;

  const onConnection = (socket: net.Socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {}); // the client may reset too
    if (mode === 'close') return void socket.end();
    if (mode === 'reset') return void socket.resetAndDestroy();
    if (mode === 'hang') return void socket.pause();
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      if (chunks.length > 0) jobs.push(Buffer.concat(chunks));
      for (const wake of waiters) wake();
      socket.end();
    });
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer(onConnection);
      s.once('error', reject);
      s.listen({ host: '127.0.0.1', port }, () => {
        port = (s.address() as net.AddressInfo).port;
        server = s;
        resolve();
      });
    });
  const unlisten = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      for (const socket of sockets) socket.destroy();
      if (!s) return resolve();
      s.close(() => resolve());
    });

  if (mode !== 'refuse') await listen();
  else {
    // Reserve a port number that is closed right now.
    await listen();
    await unlisten();
  }

  return {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    mode: () => mode,
    async setMode(next) {
      mode = next;
      if (next === 'refuse') await unlisten();
      else if (!server) await listen();
    },
    jobs: () => [...jobs],
    connections: () => accepted,
    waitForJob(index = jobs.length, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const job = jobs[index];
          if (!job) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(job);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`fake printer: job ${index} did not arrive within ${timeoutMs} ms (have ${jobs.length})`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: unlisten,
  };
}

/** A loopback port with nothing listening on it (bound, then released). */
export async function closedLoopbackPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
