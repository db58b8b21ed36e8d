/**
 * Staff roles, weakest first. A call declares the minimum role it needs;
 * 'public' calls are answered before anyone signs in (shop status, sign-in itself).
 */
export const ROLES = ['cashier', 'manager', 'owner'] as const;
export type Role = (typeof ROLES)[number];
export type Access = 'public' | Role;

const rank: Record<Role, number> = { cashier: 1, manager: 2, owner: 3 };

/** True when a staff member with `role` may make a call that needs `needed`. */
export function roleAllows(role: Role, needed: Access): boolean {
  return needed === 'public' || rank[role] >= rank[needed];
}
