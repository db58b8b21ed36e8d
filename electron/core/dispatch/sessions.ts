import { randomBytes } from 'node:crypto';
import type { Role } from '../../../shared/roles.js';

export interface Session {
  token: string;
  staffId: number;
  name: string;
  role: Role;
  locked: boolean;
  lastSeen: number;
}

/**
 * Signed-in staff, in memory only: a restart signs everyone out, which is what a till should do.
 * Tokens are 256 random bits; they are the only thing the renderer holds.
 */
export function createSessionStore(idleMs = 12 * 60 * 60 * 1000) {
  const sessions = new Map<string, Session>();
  return {
    open(staff: { id: number; name: string; role: Role }): Session {
      const s: Session = {
        token: randomBytes(32).toString('base64url'),
        staffId: staff.id,
        name: staff.name,
        role: staff.role,
        locked: false,
        lastSeen: Date.now(),
      };
      sessions.set(s.token, s);
      return s;
    },
    get(token: string | null | undefined): Session | null {
      if (!token) return null;
      const s = sessions.get(token);
      if (!s) return null;
      if (Date.now() - s.lastSeen > idleMs) {
        sessions.delete(token);
        return null;
      }
      s.lastSeen = Date.now();
      return s;
    },
    close(token: string): void {
      sessions.delete(token);
    },
    /** After a restore from backup: the staff and their roles may differ, so everyone signs in again. */
    closeAll(): void {
      sessions.clear();
    },
    /** After a role change or deactivation, that person's open sessions end. */
    closeForStaff(staffId: number): void {
      for (const [t, s] of sessions) if (s.staffId === staffId) sessions.delete(t);
    },
  };
}
export type SessionStore = ReturnType<typeof createSessionStore>;
