import { z } from 'zod';
import { call } from './define.js';
import { Id, Label, Locale, Pin } from './common.js';
import { ROLES } from '../roles.js';

export const RoleSchema = z.enum(ROLES);

export const StaffSummary = z.object({ id: Id, name: z.string(), role: RoleSchema });
export type StaffSummary = z.infer<typeof StaffSummary>;

export const StaffRow = StaffSummary.extend({
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type StaffRow = z.infer<typeof StaffRow>;

export const SessionInfo = z.object({
  token: z.string(),
  staff: StaffSummary,
  locale: Locale.nullable(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const authContract = {
  /** Names on the sign-in screen. No PINs, no hashes. */
  'auth.staffList': call({
    access: 'public',
    whileLocked: true,
    input: z.object({}).strict(),
    output: z.array(StaffSummary),
  }),
  'auth.signIn': call({
    access: 'public',
    input: z.object({ staffId: Id, pin: z.string().max(16) }).strict(),
    output: SessionInfo,
  }),
  'auth.signOut': call({ access: 'cashier', whileLocked: true, input: z.object({}).strict(), output: z.object({}) }),
  'auth.me': call({
    access: 'cashier',
    whileLocked: true,
    input: z.object({}).strict(),
    output: z.object({ staff: StaffSummary, locked: z.boolean(), locale: Locale.nullable() }),
  }),
  'auth.lock': call({ access: 'cashier', input: z.object({}).strict(), output: z.object({}) }),
  'auth.unlock': call({
    access: 'cashier',
    whileLocked: true,
    input: z.object({ pin: z.string().max(16) }).strict(),
    output: z.object({}),
  }),
  'auth.changePin': call({
    access: 'cashier',
    input: z.object({ currentPin: z.string().max(16), newPin: Pin }).strict(),
    output: z.object({}),
  }),
  /** The signed-in staff member's language, remembered across launches. */
  'auth.setLocale': call({ access: 'cashier', input: z.object({ locale: Locale }).strict(), output: z.object({}) }),
};

export const staffContract = {
  'staff.list': call({ access: 'owner', input: z.object({}).strict(), output: z.array(StaffRow) }),
  'staff.create': call({
    access: 'owner',
    input: z.object({ name: Label(20), role: RoleSchema, pin: Pin }).strict(),
    output: StaffRow,
  }),
  'staff.update': call({
    access: 'owner',
    input: z
      .object({ id: Id, name: Label(20).optional(), role: RoleSchema.optional(), active: z.boolean().optional() })
      .strict(),
    output: StaffRow,
  }),
  'staff.resetPin': call({ access: 'owner', input: z.object({ id: Id, pin: Pin }).strict(), output: StaffRow }),
};
