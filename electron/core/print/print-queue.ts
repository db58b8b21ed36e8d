import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { PrintJob } from '../../../shared/contract/checkout.js';

export type JobKind = PrintJob['kind'];

/** Where print bytes go. The device layer implements it (network, serial, OS printer). */
export interface PrinterPort {
  configured(): boolean;
  send(bytes: Uint8Array): Promise<void>;
}

/** Turns a job into printer bytes (ESC/POS); built from the committed rows, never from the UI. */
export interface JobRenderer {
  render(job: { kind: JobKind; refId: number | null; reprint: boolean }): Uint8Array;
}

interface JobRow { id: number; kind: JobKind; ref_id: number | null; status: PrintJob['status']; attempts: number; last_error: string | null; reprint: number; created_at: string }

const view = (r: JobRow): PrintJob => ({ id: r.id, kind: r.kind, refId: r.ref_id, status: r.status, attempts: r.attempts, lastError: r.last_error, createdAt: r.created_at });

/**
 * Print jobs live in the database: a job is written in the same transaction as its sale,
 * then printed after the commit, one at a time. A printer that is off or out of paper marks
 * the job failed with the reason; it never blocks or undoes the sale, and can be retried.
 * Jobs cut off by a crash are marked failed at start, not silently reprinted later.
 */
export function createPrintQueue(db: Database, clock: Clock, port: () => PrinterPort, renderer: () => JobRenderer, onChange?: (job: PrintJob) => void) {
  const insert = db.prepare("INSERT INTO print_jobs (kind, ref_id, status, reprint, created_at, updated_at) VALUES (?, ?, 'pending', ?, ?, ?)");
  const byId = db.prepare<[number], JobRow>('SELECT * FROM print_jobs WHERE id = ?');
  const nextPending = db.prepare<[], JobRow>("SELECT * FROM print_jobs WHERE status = 'pending' ORDER BY id LIMIT 1");
  const setStatus = db.prepare('UPDATE print_jobs SET status = ?, last_error = ?, attempts = attempts + ?, updated_at = ? WHERE id = ?');
  let running: Promise<void> | null = null;

  db.prepare("UPDATE print_jobs SET status = 'failed', last_error = 'interrupted', updated_at = ? WHERE status IN ('pending','printing')").run(localDateTime(clock.now()));

  function update(id: number, status: PrintJob['status'], error: string | null, attempt: 0 | 1) {
    if (!db.open) return;
    setStatus.run(status, error, attempt, localDateTime(clock.now()), id);
    onChange?.(view(byId.get(id)!));
  }

  async function drain(): Promise<void> {
    // The database may close (quit, restore) while a job is at the printer: stop quietly then.
    for (let job = db.open ? nextPending.get() : undefined; job; job = db.open ? nextPending.get() : undefined) {
      update(job.id, 'printing', null, 1);
      try {
        const p = port();
        if (!p.configured()) throw new Error('not_configured');
        const bytes = renderer().render({ kind: job.kind, refId: job.ref_id, reprint: job.reprint === 1 });
        await p.send(bytes);
        update(job.id, 'done', null, 0);
      } catch (err) {
        update(job.id, 'failed', err instanceof Error ? err.message : String(err), 0);
      }
    }
  }

  return {
    /** Queues a job inside the caller's transaction; null when no printer is set up. */
    enqueue(kind: JobKind, refId: number | null, opts: { reprint?: boolean } = {}): number | null {
      if (!port().configured()) return null;
      const at = localDateTime(clock.now());
      return Number(insert.run(kind, refId, opts.reprint ? 1 : 0, at, at).lastInsertRowid);
    },
    /** Starts printing queued jobs in the background (after the caller's commit). */
    kick(): Promise<void> {
      if (!running) running = drain().finally(() => { running = null; });
      return running;
    },
    /** Resolves when the queue is empty (tests, shutdown). */
    async idle(): Promise<void> {
      while (running) await running;
    },
    retry(jobId: number): PrintJob {
      const job = byId.get(jobId);
      if (!job) throw new DomainError('not_found', { entity: 'print_job', id: jobId });
      if (job.status !== 'failed') throw new DomainError('rule_violation', { rule: 'job_not_failed', status: job.status }, 'errors.print_job_not_failed');
      if (!port().configured()) throw new DomainError('rule_violation', { rule: 'printer_not_configured' }, 'errors.printer_not_configured');
      db.prepare("UPDATE print_jobs SET status = 'pending', updated_at = ? WHERE id = ?").run(localDateTime(clock.now()), jobId);
      void this.kick();
      return view(byId.get(jobId)!);
    },
    get: (id: number) => { const r = byId.get(id); if (!r) throw new DomainError('not_found', { entity: 'print_job', id }); return view(r); },
    list(status: PrintJob['status'] | undefined, limit: number): PrintJob[] {
      return (db.prepare<[{ status: string | null; limit: number }], JobRow>('SELECT * FROM print_jobs WHERE (@status IS NULL OR status = @status) ORDER BY id DESC LIMIT @limit').all({ status: status ?? null, limit })).map(view);
    },
  };
}
export type PrintQueue = ReturnType<typeof createPrintQueue>;
