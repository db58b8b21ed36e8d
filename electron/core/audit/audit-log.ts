import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';

export interface AuditRecord {
  staffId: number | null;
  action: string;
  entity?: string;
  entityId?: string | number;
  details?: Record<string, unknown>;
}

/** Appends to the audit log (append-only by trigger). Called inside the caller's transaction. */
export function createAuditLog(db: Database, clock: Clock) {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, staff_id, action, entity, entity_id, details) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const count = db.prepare('SELECT count(*) AS n FROM audit_log WHERE (@action IS NULL OR action = @action)');
  const list = db.prepare(`
    SELECT a.id, a.at, a.staff_id AS staffId, s.name AS staffName, a.action, a.entity, a.entity_id AS entityId, a.details
    FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id
    WHERE (@action IS NULL OR a.action = @action)
    ORDER BY a.id DESC LIMIT @limit OFFSET @offset`);

  return {
    record(r: AuditRecord): void {
      insert.run(
        localDateTime(clock.now()),
        r.staffId,
        r.action,
        r.entity ?? null,
        r.entityId === undefined ? null : String(r.entityId),
        r.details ? JSON.stringify(r.details) : null,
      );
    },
    list(q: { offset: number; limit: number; action?: string | undefined }) {
      const params = { action: q.action ?? null, limit: q.limit, offset: q.offset };
      const rows = list.all(params) as Array<{
        id: number; at: string; staffId: number | null; staffName: string | null;
        action: string; entity: string | null; entityId: string | null; details: string | null;
      }>;
      return {
        total: (count.get(params) as { n: number }).n,
        items: rows.map((r) => ({ ...r, details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null })),
      };
    },
  };
}
export type AuditLog = ReturnType<typeof createAuditLog>;
