import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { SessionStore } from '../dispatch/sessions.js';
import type { StaffService } from './staff-service.js';
import type { AuditLog } from '../audit/audit-log.js';
import { DomainError } from '../lib/domain-error.js';

type AuthMethods =
  | 'auth.staffList' | 'auth.signIn' | 'auth.signOut' | 'auth.me' | 'auth.lock' | 'auth.unlock'
  | 'auth.changePin' | 'auth.setLocale'
  | 'staff.list' | 'staff.create' | 'staff.update' | 'staff.resetPin';

/** Staff are signed in by the dispatcher's session store; every handler here acts as `ctx.session`. */
export function staffHandlers(staff: StaffService, sessions: SessionStore, audit: AuditLog): PartialHandlers<AuthMethods> {
  const me = (ctx: { session: { staffId: number } | null }) => {
    if (!ctx.session) throw new DomainError('not_signed_in');
    return ctx.session;
  };
  return {
    'auth.staffList': () => staff.listActive().map(({ id, name, role }) => ({ id, name, role })),

    'auth.signIn': async ({ staffId, pin }) => {
      const row = await staff.verify(staffId, pin);
      const session = sessions.open(row);
      audit.record({ staffId: row.id, action: 'auth.signIn', entity: 'staff', entityId: row.id });
      return { token: session.token, staff: { id: row.id, name: row.name, role: row.role }, locale: staff.localeOf(row.id) };
    },

    'auth.signOut': (_input, ctx) => {
      const s = me(ctx) as { token: string; staffId: number };
      sessions.close(s.token);
      audit.record({ staffId: s.staffId, action: 'auth.signOut', entity: 'staff', entityId: s.staffId });
      return {};
    },

    'auth.me': (_input, ctx) => {
      const s = ctx.session!;
      return { staff: { id: s.staffId, name: s.name, role: s.role }, locked: s.locked, locale: staff.localeOf(s.staffId) };
    },

    'auth.lock': (_input, ctx) => {
      ctx.session!.locked = true;
      return {};
    },

    /** Only the person who locked the screen unlocks it; anyone else signs out and in. */
    'auth.unlock': async ({ pin }, ctx) => {
      const s = ctx.session!;
      await staff.verify(s.staffId, pin);
      s.locked = false;
      return {};
    },

    'auth.changePin': async ({ currentPin, newPin }, ctx) => {
      await staff.changeOwnPin(ctx.session!.staffId, currentPin, newPin);
      return {};
    },

    'auth.setLocale': ({ locale }, ctx) => {
      staff.setLocale(ctx.session!.staffId, locale);
      return {};
    },

    'staff.list': () => staff.listAll(),
    'staff.create': (input, ctx) => staff.create(input, ctx.session!.staffId),
    'staff.update': (input, ctx) => {
      const row = staff.update(input, ctx.session!.staffId);
      // A changed role or a deactivation takes effect now, not at the next sign-in.
      if (input.role !== undefined || input.active === false) {
        if (input.id !== ctx.session!.staffId) sessions.closeForStaff(input.id);
        else if (input.role !== undefined) ctx.session!.role = input.role;
      }
      return row;
    },
    'staff.resetPin': (input, ctx) => staff.resetPin(input.id, input.pin, ctx.session!.staffId),
  };
}
