import { z } from 'zod';
import { call } from './define.js';
import { Label, Line } from './common.js';
import { PairingCode } from '../sync/protocol.js';

/** The till's link to its shop server, as the status chip and Settings › 多收银台 show it. */
export const SyncStatus = z.object({
  paired: z.boolean(),
  online: z.boolean(),
  tillCode: z.string(),
  tillName: z.string().nullable(),
  serverUrl: z.string().nullable(),
  /** Transactions made here (a sale, a top-up, an edit) the server has not confirmed yet. */
  backlog: z.number().int().min(0),
  /** Open exceptions a manager must look at. */
  exceptions: z.number().int().min(0),
  lastContact: z.string().nullable(),
  /** An entry from the server could not be applied: this till sees nothing newer until it is resolved. */
  feedStopped: z.boolean(),
  /** The branch of the chain this till is in (README "A chain of shops"); null without a shop server. */
  branch: z.object({ code: z.string(), name: z.string(), headOffice: z.boolean(), allowLocalProducts: z.boolean() }).nullable().optional(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncException = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.enum(['rejected', 'overdraft', 'feed_stopped']),
  table: z.string().nullable(),
  reason: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type SyncException = z.infer<typeof SyncException>;

/**
 * How much a till may let members spend from shared balances while it cannot reach the shop
 * server (the owner's choice, the same for every till): per member at one till, per till in
 * total (counting what is not yet confirmed by the server), and for how long offline.
 */
export const OfflineCaps = z.object({
  memberStoredValueFen: z.number().int().min(0).max(100_000_000),
  memberPoints: z.number().int().min(0).max(100_000_000),
  tillStoredValueFen: z.number().int().min(0).max(1_000_000_000),
  tillPoints: z.number().int().min(0).max(1_000_000_000),
  maxOfflineHours: z.number().int().min(0).max(24 * 14),
}).strict();
export type OfflineCaps = z.infer<typeof OfflineCaps>;

/** Spent offline at this till and not yet confirmed by the server. */
export const OfflineExposure = z.object({
  sales: z.number().int().min(0),
  storedValueFen: z.number().int().min(0),
  points: z.number().int().min(0),
  coupons: z.number().int().min(0),
  cardUses: z.number().int().min(0),
});
export type OfflineExposure = z.infer<typeof OfflineExposure>;

export const syncContract = {
  'sync.status': call({
    access: 'cashier',
    whileLocked: true,
    input: z.object({}).strict(),
    output: SyncStatus,
  }),
  /**
   * Joins this till to a shop server with the one-time code the server shows. Public, like
   * onboarding, so a newly installed till (no staff yet) can join; a till with a shop of its
   * own needs its owner signed in (checked by the handler).
   */
  'sync.pair': call({
    access: 'public',
    input: z.object({
      url: Line(200).pipe(z.string().regex(/^https:\/\/[^\s/]+(:\d{1,5})?\/?$/, 'https_url')),
      code: PairingCode,
      tillName: Label(40),
    }).strict(),
    output: SyncStatus,
  }),
  'sync.exceptions': call({
    access: 'manager',
    input: z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(),
    output: z.object({ items: z.array(SyncException) }),
  }),
  'sync.offlineCaps': call({ access: 'cashier', input: z.object({}).strict(), output: OfflineCaps }),
  'sync.setOfflineCaps': call({ access: 'owner', input: OfflineCaps.partial().strict(), output: OfflineCaps }),
  'sync.exposure': call({ access: 'manager', input: z.object({}).strict(), output: OfflineExposure }),
  'sync.resolveException': call({
    access: 'manager',
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: z.object({}),
  }),
};
