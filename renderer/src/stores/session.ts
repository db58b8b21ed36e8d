import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { StaffSummary } from '../../../shared/contract/staff.js';

export interface SessionState {
  /** The token auth.signIn returned; sent as `session` in every envelope. */
  token: string | null;
  staff: StaffSummary | null;
  locked: boolean;
  signedIn(token: string, staff: StaffSummary): void;
  setStaff(staff: StaffSummary): void;
  setLocked(locked: boolean): void;
  clear(): void;
}

/**
 * Who is signed in on this tab. Kept in sessionStorage so a reload keeps the sign-in
 * (the core still decides: a stale token answers not_signed_in and we return to sign-in);
 * never in localStorage, so closing the window signs the till out.
 */
export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      token: null,
      staff: null,
      locked: false,
      signedIn: (token, staff) => set({ token, staff, locked: false }),
      setStaff: (staff) => set({ staff }),
      setLocked: (locked) => set({ locked }),
      clear: () => set({ token: null, staff: null, locked: false }),
    }),
    {
      name: 'pos.session',
      storage: createJSONStorage(() => sessionStorage),
      partialize: (s) => ({ token: s.token, staff: s.staff, locked: s.locked }),
    },
  ),
);
