import { z } from 'zod';
import { call } from './define.js';
import { Line, PageInput, page } from './common.js';

export const DeviceState = z.enum(['not_configured', 'ready', 'offline', 'error']);
export type DeviceState = z.infer<typeof DeviceState>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  staffId: z.number().int().nullable(),
  staffName: z.string().nullable(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const systemContract = {
  'devices.status': call({
    access: 'cashier',
    whileLocked: true,
    input: z.object({}).strict(),
    output: z.object({ printer: DeviceState, scanner: DeviceState }),
  }),
  'audit.list': call({
    access: 'owner',
    input: PageInput.extend({ action: Line(60).optional() }).strict(),
    output: page(AuditEntry),
  }),
  'system.info': call({
    access: 'manager',
    input: z.object({}).strict(),
    output: z.object({ version: z.string(), dataDir: z.string(), dbFile: z.string(), schemaVersion: z.number().int() }),
  }),
};
