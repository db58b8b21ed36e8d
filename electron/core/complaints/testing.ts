import type { z } from 'zod';
import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { SettingsStore } from '../shop/settings-store.js';
import type { SessionStore } from '../dispatch/sessions.js';
import { DomainError } from '../lib/domain-error.js';
import { appError, type Result } from '../../../shared/errors.js';
import { roleAllows } from '../../../shared/roles.js';
import type { CallDef } from '../../../shared/contract/define.js';
import { careContract, complaintsContract } from '../../../shared/contract/complaints.js';
import { m007Complaints } from '../db/migrations/007-complaints.js';
import { createComplaintLists } from './lists.js';
import { createComplaintsService } from './complaints-service.js';
import { createFeedbackService } from './feedback-service.js';
import { createLedgerCompensation, type CompensationPort } from './compensation.js';
import { complaintHandlers } from './handlers.js';
import { createCareService } from '../care/care-service.js';
import { careHandlers } from '../care/handlers.js';

/**
 * Test wiring for the complaints and care calls while they are not yet registered in the
 * app's contract and composition root: applies migration 007 on top of the test shop's
 * schema (unless it is there already), builds the services over the core's database, audit
 * log and settings, and answers calls with the same order of checks as the dispatcher
 * (session, lock, role, input schema, handler, output schema, DomainError → typed error).
 */
export const localContract = { ...complaintsContract, ...careContract };
export type LocalContract = typeof localContract;
export type LocalMethod = keyof LocalContract & string;

export interface CoreLike {
  db: Database;
  services: { audit: AuditLog; settings: SettingsStore; sessions: SessionStore };
}

export function ensureComplaintsSchema(db: Database): void {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'complaints'").get();
  if (!has) db.transaction(() => m007Complaints.up(db))();
}

export function withComplaints(core: CoreLike, clock: Clock, opts: { compensation?: CompensationPort } = {}) {
  const { db } = core;
  const { audit, settings, sessions } = core.services;
  ensureComplaintsSchema(db);
  const lists = createComplaintLists(db, audit, settings);
  const complaints = createComplaintsService(db, clock, audit, lists, opts.compensation ?? createLedgerCompensation(db, clock));
  const feedback = createFeedbackService(db, clock);
  const care = createCareService(db, clock, audit, settings);
  const handlers = { ...complaintHandlers({ db, clock, audit, complaints, feedback, lists }), ...careHandlers(care) } as Record<string, (i: unknown, c: { session: ReturnType<SessionStore['get']> }) => unknown>;
  const contract = localContract as Record<string, CallDef>;

  async function call<M extends LocalMethod>(method: M, input: z.input<LocalContract[M]['input']>, token: string | null): Promise<Result<z.output<LocalContract[M]['output']>>> {
    const def = contract[method]!;
    const session = sessions.get(token);
    if (def.access !== 'public') {
      if (!session) return { ok: false, error: appError('not_signed_in') };
      if (session.locked && !def.whileLocked) return { ok: false, error: appError('session_locked') };
      if (!roleAllows(session.role, def.access)) return { ok: false, error: appError('forbidden', { needs: def.access }) };
    }
    const parsed = def.input.safeParse(input ?? {});
    if (!parsed.success) {
      return { ok: false, error: appError('bad_input', { issues: parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message })) }) };
    }
    try {
      const value = await handlers[method]!(parsed.data, { session });
      const out = def.output.safeParse(value);
      if (!out.success) throw new Error(`${method} answered outside its schema: ${out.error.message}`);
      return { ok: true, value: out.data as z.output<LocalContract[M]['output']> };
    } catch (err) {
      if (err instanceof DomainError) return { ok: false, error: err.error };
      throw err;
    }
  }

  /** Calls and unwraps, failing loudly on an error. */
  async function ok<M extends LocalMethod>(method: M, input: z.input<LocalContract[M]['input']>, token: string): Promise<z.output<LocalContract[M]['output']>> {
    const r = await call(method, input, token);
    if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
    return r.value;
  }

  return { lists, complaints, feedback, care, call, ok };
}
export type ComplaintsHarness = ReturnType<typeof withComplaints>;
