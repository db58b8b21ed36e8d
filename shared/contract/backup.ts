import { z } from 'zod';
import { call } from './define.js';
import { Empty, Ident } from './common.js';

/** Where a backup lives: the data folder's `backups/`, or the optional second folder (USB). */
export const BackupLocation = z.enum(['primary', 'extra']);
/** A backup's file name as listed (never a path): `shop-YYYYMMDD-HHMMSS[-n]-reason.sqlite`. */
export const BackupName = z.string().max(80).regex(/^shop-\d{8}-\d{6}(?:-\d{1,3})?-(?:daily|quit|manual|pre-restore)\.sqlite$/, 'backup_name');
export const BackupReason = z.enum(['daily', 'quit', 'manual', 'pre-restore']);

const Counts = z.record(z.string(), z.number().int());
const LastSale = z.object({ receiptNo: z.string(), soldAt: z.string() }).nullable();

export const BackupItem = z.object({
  location: BackupLocation,
  name: z.string(),
  reason: BackupReason,
  createdAt: z.string(),
  bytes: z.number().int(),
  /** Passed integrity_check when it was taken (its manifest says so). */
  verified: z.boolean(),
  lastSale: LastSale,
  counts: Counts,
});
export type BackupItem = z.infer<typeof BackupItem>;

export const BackupDetails = z.object({
  location: BackupLocation,
  name: z.string(),
  reason: BackupReason,
  createdAt: z.string(),
  appVersion: z.string().nullable(),
  integrity: z.string(),
  schemaVersion: z.number().int(),
  counts: Counts,
  lastSale: LastSale,
  bytes: z.number().int(),
  restorable: z.boolean(),
});
export type BackupDetails = z.infer<typeof BackupDetails>;

const BackupRef = z.object({ location: BackupLocation, name: BackupName }).strict();

/** Backups, restore and export-everything: the owner's, and every one of them audited. */
export const backupContract = {
  'backup.list': call({
    access: 'owner',
    input: Empty,
    output: z.object({
      folders: z.array(z.object({ location: BackupLocation, dir: z.string(), available: z.boolean() })),
      lastDaily: z.string().nullable(),
      items: z.array(BackupItem),
    }),
  }),
  'backup.inspect': call({ access: 'owner', input: BackupRef, output: BackupDetails }),
  'backup.run': call({
    access: 'owner',
    input: Empty,
    output: z.object({
      backup: BackupItem.omit({ location: true, verified: true }),
      extra: z.object({ dir: z.string(), ok: z.boolean(), error: z.string().optional() }).nullable(),
      removed: z.array(z.string()),
    }),
  }),
  /** Takes a safety backup of the current data, then restores; everyone is signed out. */
  'backup.restore': call({
    access: 'owner',
    input: BackupRef.extend({ confirm: z.literal(true) }).strict(),
    output: z.object({ safetyBackup: z.string(), restored: z.string(), counts: Counts, lastSale: LastSale }),
  }),
  'backup.settings': call({ access: 'owner', input: Empty, output: z.object({ extraDir: z.string().nullable() }) }),
  'backup.setSettings': call({
    access: 'owner',
    input: z.object({ extraDir: Ident(500).nullable() }).strict(),
    output: z.object({ extraDir: z.string().nullable() }),
  }),
  /** Everything as a zip of CSV files in the import formats, so a shop can always leave with its data. */
  'backup.exportAll': call({
    access: 'owner',
    input: Empty,
    output: z.object({ fileName: z.string(), zipBase64: z.string(), files: z.array(z.object({ name: z.string(), rows: z.number().int() })) }),
  }),
};
