import type { z } from 'zod';
import { contract as defaultContract, isMethod, type Contract, type Envelope, type Method, type Output, type ParsedInput } from '../../../shared/contract/index.js';
import type { CallDef } from '../../../shared/contract/define.js';
import { appError, type Result } from '../../../shared/errors.js';
import { roleAllows } from '../../../shared/roles.js';
import { DomainError } from '../lib/domain-error.js';
import { storageAppError, storageFault, type StorageFault } from '../db/storage-faults.js';
import type { Session, SessionStore } from './sessions.js';

export interface CallContext {
  /** The signed-in staff member, or null for public calls made before sign-in. */
  session: Session | null;
}

export type Handler<M extends Method> = (
  input: ParsedInput<M>,
  ctx: CallContext,
) => z.input<Contract[M]['output']> | Promise<z.input<Contract[M]['output']>>;

export type Handlers = { [M in Method]: Handler<M> };
export type PartialHandlers<K extends Method> = { [M in K]: Handler<M> };

export interface Logger {
  error(message: string, err?: unknown): void;
}

export interface DispatcherOptions {
  contract?: Record<string, CallDef>;
  /** Validate every answer against its schema (on in tests; catches contract drift). */
  checkOutputs?: boolean;
  logger?: Logger;
  /** Told of every storage fault a call met (the resilient core reopens the database after I/O errors). */
  onStorageFault?: (fault: StorageFault) => void;
  /** After every call that answered (the sync service sends what it wrote to the shop server at once). */
  afterCall?: (method: string) => void;
}

/** Joins the per-domain handler maps; a name handled twice is a start-up error. */
export function joinHandlers(...parts: Array<Record<string, unknown>>): Handlers {
  const all: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [name, fn] of Object.entries(part)) {
      if (Object.hasOwn(all, name)) throw new Error(`dispatcher: "${name}" is handled twice`);
      all[name] = fn;
    }
  }
  return all as Handlers;
}

/**
 * The one entry point for every transport. Order matters: the method must exist, the
 * caller must be allowed to make it, and the input must parse, before any handler runs,
 * so bad input never reaches SQL. Handlers throw DomainError for refusals; any other
 * throw is logged and answered as `internal` without leaking a stack trace, except storage
 * faults (full disk, I/O errors, a lock held too long), which get their own typed answers.
 */
export function createDispatcher(handlers: Handlers, sessions: SessionStore, options: DispatcherOptions = {}) {
  const contract = (options.contract ?? defaultContract) as Record<string, CallDef>;
  const logger = options.logger ?? { error: (m: string, e?: unknown) => console.error(m, e) };
  const missing = Object.keys(contract).filter((m) => typeof (handlers as Record<string, unknown>)[m] !== 'function');
  if (missing.length > 0) throw new Error(`dispatcher: no handler for ${missing.join(', ')}`);

  async function invoke(envelope: Envelope): Promise<Result<unknown>> {
    const method = typeof envelope?.method === 'string' ? envelope.method : '';
    if (!isMethod(method) || !Object.hasOwn(contract, method)) {
      return { ok: false, error: appError('unknown_method', { method: method.slice(0, 80) }) };
    }
    const def = contract[method]!;
    const session = sessions.get(typeof envelope.session === 'string' ? envelope.session : null);
    if (def.access !== 'public') {
      if (!session) return { ok: false, error: appError('not_signed_in') };
      if (session.locked && !def.whileLocked) return { ok: false, error: appError('session_locked') };
      if (!roleAllows(session.role, def.access)) {
        return { ok: false, error: appError('forbidden', { needs: def.access }) };
      }
    }
    const parsed = def.input.safeParse(envelope.input ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: appError('bad_input', {
          issues: parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message })),
        }),
      };
    }
    try {
      const handler = (handlers as Record<string, (i: unknown, c: CallContext) => unknown>)[method]!;
      const value = await handler(parsed.data, { session });
      options.afterCall?.(method);
      if (options.checkOutputs) {
        const out = def.output.safeParse(value);
        if (!out.success) {
          logger.error(`dispatcher: ${method} answered outside its schema`, out.error);
          return { ok: false, error: appError('internal') };
        }
        return { ok: true, value: out.data };
      }
      return { ok: true, value };
    } catch (err) {
      if (err instanceof DomainError) return { ok: false, error: err.error };
      // A full disk or a failing drive is not a bug: say what happened, in words the cashier can act on.
      const fault = storageFault(err);
      if (fault) {
        logger.error(`dispatcher: ${method} met a storage fault (${fault})`, err);
        options.onStorageFault?.(fault);
        return { ok: false, error: storageAppError(fault) };
      }
      logger.error(`dispatcher: ${method} failed`, err);
      return { ok: false, error: appError('internal') };
    }
  }

  return {
    invoke,
    /** Typed convenience for Node callers (CLI, tests, benchmarks). */
    call<M extends Method>(method: M, input: z.input<Contract[M]['input']>, session?: string | null): Promise<Result<Output<M>>> {
      return invoke({ method, input, session: session ?? null }) as Promise<Result<Output<M>>>;
    },
  };
}
export type Dispatcher = ReturnType<typeof createDispatcher>;
