import path from 'node:path';
import { createCore, type Core, type CoreOptions } from './app.js';
import { createSessionStore } from './dispatch/sessions.js';
import { createEventBus } from './lib/event-bus.js';
import { openFile, DB_FILE_NAME } from './db/open.js';
import { faultNeedsReopen, storageAppError, type StorageFault } from './db/storage-faults.js';
import type { Dispatcher } from './dispatch/dispatcher.js';
import type { Envelope, Method, Output } from '../../shared/contract/index.js';
import type { Result } from '../../shared/errors.js';
import type { z } from 'zod';
import type { Contract } from '../../shared/contract/index.js';

/**
 * The core the till runs: after an I/O error or a damaged page SQLite's connection may be
 * unusable (a failed sync can leave its page cache out of step with the file), so instead
 * of serving on from that handle the core is closed, the file checked (quick_check on a
 * fresh handle) and the core opened again before the next call. Reopening also makes the
 * connection read the file as a restart would (the WAL is recovered from disk), so when the
 * till then asks whether a sale that failed was recorded (sales.get by clientRef) the answer
 * is the one a restart would give. Sessions and the event stream outlive the reopen: nobody
 * is signed out by a disk hiccup. If the check or the reopen fails, calls are answered with
 * the storage error until a later attempt succeeds.
 */
export function createResilientCore(options: CoreOptions) {
  const sessions = options.sessions ?? createSessionStore();
  const events = options.events ?? createEventBus();
  const logger = options.logger ?? { error: (m: string, e?: unknown) => console.error(m, e) };
  let broken: StorageFault | null = null;
  let reopens = 0;
  const onStorageFault = (fault: StorageFault) => {
    options.onStorageFault?.(fault);
    if (faultNeedsReopen(fault)) broken = fault;
  };
  const open = () => createCore({ ...options, sessions, events, onStorageFault });
  let core: Core = open();

  function reopen(): void {
    try { core.close(); } catch (err) { logger.error('closing the broken database failed', err); }
    const check = openFile(path.join(options.dataDir, DB_FILE_NAME));
    try {
      const result = check.pragma('quick_check', { simple: true });
      if (result !== 'ok') throw Object.assign(new Error(`quick_check: ${String(result)}`), { code: 'SQLITE_CORRUPT' });
    } finally {
      check.close();
    }
    core = open();
    broken = null;
    reopens++;
  }

  async function invoke(envelope: Envelope): Promise<Result<unknown>> {
    if (broken) {
      try {
        reopen();
      } catch (err) {
        logger.error('reopening the database failed', err);
        return { ok: false, error: storageAppError(broken) };
      }
    }
    return core.dispatcher.invoke(envelope);
  }

  const dispatcher: Dispatcher = {
    invoke,
    call<M extends Method>(method: M, input: z.input<Contract[M]['input']>, session?: string | null): Promise<Result<Output<M>>> {
      return invoke({ method, input, session: session ?? null }) as Promise<Result<Output<M>>>;
    },
  };

  return {
    dispatcher,
    events,
    /** The core open right now (it changes after a reopen). */
    get current(): Core { return core; },
    /** How many times the database was reopened after a fault (shown in tests and logs). */
    get reopens(): number { return reopens; },
    shutdown: () => core.shutdown(),
    close: () => core.close(),
  };
}
export type ResilientCore = ReturnType<typeof createResilientCore>;
