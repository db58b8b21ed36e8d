import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Role } from '../../../shared/roles.js';
import type { Locale } from '../../../shared/contract/common.js';
import type { StaffRow } from '../../../shared/contract/staff.js';
import { hashPin } from './pin-hash.js';
import { createPinAttempts } from './pin-attempts.js';

export { MAX_PIN_ATTEMPTS, LOCK_MINUTES } from './pin-attempts.js';

/** Staff who may sign in at this till: owners, staff of no branch, and this till's branch's. */
const HERE = "(role = 'owner' OR branch_code IS NULL OR branch_code = (SELECT branch_code FROM sync_state) OR (SELECT branch_code FROM sync_state) = '')";

interface StaffDbRow {
  id: number; name: string; role: Role; pin_hash: string; active: number; locale: string | null;
  locked_until: string | null; created_at: string;
}

const toRow = (r: StaffDbRow): StaffRow => ({
  id: r.id, name: r.name, role: r.role, active: r.active === 1, lockedUntil: r.locked_until, createdAt: r.created_at,
});

export function createStaffService(db: Database, clock: Clock, audit: AuditLog) {
  const byId = db.prepare<[number], StaffDbRow>('SELECT * FROM staff WHERE id = ?');
  // A branch till of a chain lets in its own branch's staff and the owners (README "A chain of shops").
  const activeList = db.prepare<[], StaffDbRow>(`SELECT * FROM staff WHERE active = 1 AND ${HERE} ORDER BY role = 'owner' DESC, role = 'manager' DESC, name`);
  const worksHere = db.prepare<[number], { ok: number }>(`SELECT ${HERE} AS ok FROM staff WHERE id = ?`);
  const allList = db.prepare<[], StaffDbRow>('SELECT * FROM staff ORDER BY active DESC, name');
  const insert = db.prepare(
    'INSERT INTO staff (name, role, pin_hash, created_at, created_by) VALUES (@name, @role, @pinHash, @at, @by)',
  );
  const nameTaken = db.prepare<[string, number], { id: number }>('SELECT id FROM staff WHERE active = 1 AND name = ? AND id <> ?');
  const attempts = createPinAttempts(db, clock, audit);

  function get(id: number): StaffDbRow {
    const row = byId.get(id);
    if (!row) throw new DomainError('not_found', { entity: 'staff', id });
    return row;
  }

  function assertNameFree(name: string, exceptId = 0) {
    if (nameTaken.get(name, exceptId)) throw new DomainError('conflict', { field: 'name' }, 'errors.staff_name_taken');
  }

  return {
    count(): number {
      return (db.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n;
    },
    listActive: () => activeList.all().map(toRow),
    listAll: () => allList.all().map(toRow),
    get: (id: number) => toRow(get(id)),
    localeOf: (id: number) => (get(id).locale as Locale | null) ?? null,

    /** Hash first (slow, async), then write in one synchronous transaction. */
    async create(input: { name: string; role: Role; pin: string }, by: number | null): Promise<StaffRow> {
      assertNameFree(input.name);
      const pinHash = await hashPin(input.pin);
      const id = db.transaction(() => {
        assertNameFree(input.name);
        const id = Number(insert.run({ ...input, pinHash, at: localDateTime(clock.now()), by }).lastInsertRowid);
        audit.record({ staffId: by, action: 'staff.create', entity: 'staff', entityId: id, details: { name: input.name, role: input.role } });
        return id;
      })();
      return toRow(get(id));
    },

    update(input: { id: number; name?: string | undefined; role?: Role | undefined; active?: boolean | undefined }, by: number): StaffRow {
      return db.transaction(() => {
        const before = get(input.id);
        if (input.name !== undefined) assertNameFree(input.name, input.id);
        const after = {
          name: input.name ?? before.name,
          role: input.role ?? before.role,
          active: input.active === undefined ? before.active : input.active ? 1 : 0,
        };
        // The shop must always keep one active owner who can sign in and manage staff.
        if (before.role === 'owner' && before.active === 1 && (after.role !== 'owner' || after.active === 0)) {
          const owners = db.prepare("SELECT count(*) AS n FROM staff WHERE role = 'owner' AND active = 1").get() as { n: number };
          if (owners.n <= 1) throw new DomainError('rule_violation', { rule: 'last_owner' }, 'errors.last_owner');
        }
        db.prepare('UPDATE staff SET name = @name, role = @role, active = @active WHERE id = @id').run({ ...after, id: input.id });
        audit.record({
          staffId: by, action: 'staff.update', entity: 'staff', entityId: input.id,
          details: { before: { name: before.name, role: before.role, active: before.active === 1 }, after: { ...after, active: after.active === 1 } },
        });
        return toRow(get(input.id));
      })();
    },

    async resetPin(id: number, pin: string, by: number): Promise<StaffRow> {
      get(id);
      const pinHash = await hashPin(pin);
      db.transaction(() => {
        db.prepare('UPDATE staff SET pin_hash = ? WHERE id = ?').run(pinHash, id);
        attempts.clear(id);
        audit.record({ staffId: by, action: 'staff.resetPin', entity: 'staff', entityId: id });
      })();
      return toRow(get(id));
    },

    async changeOwnPin(id: number, currentPin: string, newPin: string): Promise<void> {
      await this.verify(id, currentPin);
      const pinHash = await hashPin(newPin);
      db.transaction(() => {
        db.prepare('UPDATE staff SET pin_hash = ? WHERE id = ?').run(pinHash, id);
        audit.record({ staffId: id, action: 'staff.changePin', entity: 'staff', entityId: id });
      })();
    },

    setLocale(id: number, locale: Locale): void {
      db.prepare('UPDATE staff SET locale = ? WHERE id = ?').run(locale, id);
    },

    /** Checks a PIN through the lockout (see pin-attempts.ts); answers the staff member. */
    async verify(id: number, pin: string): Promise<StaffRow> {
      if (worksHere.get(id)?.ok === 0) throw new DomainError('rule_violation', { rule: 'other_branch' }, 'errors.staff_other_branch');
      await attempts.check(id, pin);
      return toRow(get(id));
    },
  };
}
export type StaffService = ReturnType<typeof createStaffService>;
