import { z } from 'zod';

/**
 * The contract between a till and the shop server (HTTPS on the LAN, JSON bodies). Every
 * message is declared here once, like the page ↔ core contract, and both sides parse with
 * these schemas: the server answers a malformed or oversized message with a typed error and
 * writes nothing.
 *
 * Trust: the server's certificate is self-signed, made at its first start, and pinned by its
 * SHA-256 fingerprint at pairing. Pairing proves both ends know the one-time code without
 * sending it: the till sends HMAC(code, "pair-till:" + fingerprint it sees), so a machine in
 * the middle (another fingerprint) cannot pair, and the server answers with
 * HMAC(code, "pair-server:" + fingerprint + ":" + tillId). HMAC-SHA256, keyed with SHA-256 of
 * the code as printed (upper-case, dashes kept), so the server keeps only that hash; fingerprint
 * is hex lower-case without colons (server/pairing-proof.ts computes both ends). After pairing
 * every call carries `authorization: Bearer <till token>`; the server keeps only the token's
 * SHA-256.
 */

export const SYNC_PROTOCOL_VERSION = 1;
/** Most items in one push; a till's backlog goes in several. */
export const MAX_PUSH_ITEMS = 500;
/** Largest request body the server reads (bytes). */
export const MAX_SYNC_BODY_BYTES = 4 * 1024 * 1024;
export const MAX_FEED_ITEMS = 1000;

export const Gid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'uuidv7');
export const PairingCode = z.string().trim().toUpperCase().regex(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/, 'pairing_code');
export const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
/** A hybrid logical clock stamp: wall ms, counter, till id — compared in that order. */
export const Hlc = z.string().regex(/^\d{13}-\d{6}-[0-9a-f-]{36}$/, 'hlc');

export const PairRequest = z.object({
  tillName: z.string().trim().min(1).max(40),
  proof: Hex64,
  protocol: z.literal(SYNC_PROTOCOL_VERSION),
}).strict();
/** The branch a till belongs to (issue 15): told at pairing and with every feed page, so a change of permission reaches it. */
export const BranchInfo = z.object({
  code: z.string().regex(/^B\d{1,3}$/),
  name: z.string().min(1).max(40),
  /** Head office's tills set the chain's catalogue and rules. */
  headOffice: z.boolean(),
  /** Whether this branch may add products of its own (seen only in it). */
  allowLocalProducts: z.boolean(),
}).strict();
export const PairAnswer = z.object({
  tillId: z.string().uuid(),
  /** Short code printed in this till's receipt numbers (e.g. "T2"). */
  tillCode: z.string().regex(/^T\d{1,3}$/),
  token: z.string().min(32).max(128),
  shopId: z.string().uuid(),
  serverProof: Hex64,
  /** Absent from a server before branches. */
  branch: BranchInfo.optional(),
}).strict();

/** A row as it travels: references to other synced rows are their gids, never local ids. */
export const SyncRow = z.record(z.string().max(64), z.union([z.string().max(20_000), z.number(), z.boolean(), z.null()]));

export const SyncOp = z.enum(['insert', 'update', 'delete']);
export const PushItem = z.object({
  /** The till's own sequence number: pushed in order, without gaps after the first. */
  seq: z.number().int().positive(),
  /** This change's own id: sending it again is harmless (answered `duplicate`). */
  gid: Gid,
  /** The row's id, the same on every till: an insert makes it, updates and deletes name it. */
  rowGid: Gid,
  table: z.string().regex(/^[a-z_]{1,40}$/),
  op: SyncOp,
  /** The row (insert), the changed fields (update), nothing (delete). */
  row: SyncRow,
  /** Update ordering, last writer wins per field. */
  hlc: Hlc,
  /** The last item of one till transaction: a batch or a feed page never ends inside one. */
  txnEnd: z.boolean(),
}).strict();
export const PushRequest = z.object({ items: z.array(PushItem).min(1).max(MAX_PUSH_ITEMS) }).strict();

export const ItemStatus = z.enum(['ok', 'duplicate', 'rejected', 'overdraft']);
export const PushResult = z.object({
  seq: z.number().int().positive(),
  status: ItemStatus,
  /** Why, for rejected and overdraft: a translation key's last part (sync.reason.*). */
  reason: z.string().max(64).optional(),
}).strict();
export const PushAnswer = z.object({ results: z.array(PushResult), feedNo: z.number().int().min(0) }).strict();

/** How long a feed request may wait for news (long poll), so a till sees another's sale at once. */
export const FEED_WAIT_MS = 20_000;
export const FeedQuery = z.object({
  after: z.coerce.number().int().min(0),
  limit: z.coerce.number().int().min(1).max(MAX_FEED_ITEMS).default(500),
  /** When nothing is after `after`, wait up to this many ms for the next commit before answering. */
  wait: z.coerce.number().int().min(0).max(FEED_WAIT_MS).default(0),
  /** Transactions the till still has to push (shown by `server status`). */
  waiting: z.coerce.number().int().min(0).max(1_000_000_000).optional(),
}).strict();
export const FeedItem = z.object({
  feedNo: z.number().int().positive(),
  tillId: z.string().uuid(),
  gid: Gid,
  rowGid: Gid,
  table: z.string(),
  op: SyncOp,
  row: SyncRow,
  hlc: Hlc,
  txnEnd: z.boolean(),
}).strict();
export const FeedAnswer = z.object({
  items: z.array(FeedItem),
  /** The highest feed number the server has committed (the till is caught up when it reaches it). */
  head: z.number().int().min(0),
  /** This till's branch as the server has it now. */
  branch: BranchInfo.optional(),
  /**
   * A branch till's feed is filtered: every fact up to this number was looked at for this page
   * (those not shown are not this till's), so the till's cursor may move there. Absent: the last item's number.
   */
  through: z.number().int().min(0).optional(),
}).strict();

/**
 * A member this till does not hold (a chain past its replica limit), looked up at the server by
 * normalised phone, card number or the phone's last four digits. The answer's facts are the
 * members' whole history up to `head`, in feed order; from then on the feed carries their changes.
 */
export const MemberLookupRequest = z.object({
  by: z.enum(['phone', 'card', 'last4']),
  value: z.string().regex(/^\+?[0-9]{4,20}$/),
}).strict();
export const MemberLookupAnswer = z.object({
  members: z.array(z.string().uuid()),
  /** More members match than one answer carries (four digits): ask for more digits. */
  tooMany: z.boolean(),
  items: z.array(FeedItem),
  head: z.number().int().min(0),
}).strict();

/**
 * Spending a shared balance while connected (储值, 积分, 优惠券, 次卡): before the sale commits
 * the till asks the server to hold the amounts, under a row lock, so two tills spending the
 * same balance at the same moment cannot both succeed. A hold is named by the till and the
 * sale's clientRef; asking again with the same clientRef replaces it; the sale's arrival at
 * the server consumes it; an abandoned one is released by the till or lapses after HOLD_MS.
 */
export const SpendKind = z.enum(['stored_value', 'points', 'coupon', 'count_card']);
export const HOLD_MS = 10 * 60_000;
export const Spend = z.object({
  kind: SpendKind,
  /** The member (stored value, points), the coupon or the count card, by gid. */
  account: Gid,
  /** Fen, points, uses; a coupon is 1. */
  amount: z.number().int().positive().max(1_000_000_000),
}).strict();
export const AuthoriseRequest = z.object({
  clientRef: z.string().min(8).max(64),
  spends: z.array(Spend).min(1).max(50),
}).strict();
export const AuthoriseAnswer = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), expiresAt: z.string() }).strict(),
  /** What is left of each balance that was too small (after other tills' holds). */
  z.object({ ok: z.literal(false), refused: z.array(z.object({ kind: SpendKind, account: Gid, available: z.number().int() }).strict()).min(1) }).strict(),
]);
export const ReleaseRequest = z.object({ clientRef: z.string().min(8).max(64) }).strict();
export const ReleaseAnswer = z.object({ released: z.number().int().min(0) }).strict();

export const ServerStatus = z.object({
  shopId: z.string().uuid(),
  serverTime: z.string(),
  head: z.number().int().min(0),
  protocol: z.literal(SYNC_PROTOCOL_VERSION),
}).strict();

export const SyncErrorCode = z.enum([
  'bad_request', 'too_large', 'unauthorized', 'revoked', 'pairing_refused', 'out_of_order', 'protocol', 'unavailable', 'internal',
]);
export const SyncErrorBody = z.object({ error: z.object({ code: SyncErrorCode, message: z.string().optional() }).strict() }).strict();

export type PairRequest = z.infer<typeof PairRequest>;
export type PairAnswer = z.infer<typeof PairAnswer>;
export type SyncRow = z.infer<typeof SyncRow>;
export type PushItem = z.infer<typeof PushItem>;
export type PushRequest = z.infer<typeof PushRequest>;
export type PushResult = z.infer<typeof PushResult>;
export type PushAnswer = z.infer<typeof PushAnswer>;
export type FeedItem = z.infer<typeof FeedItem>;
export type FeedAnswer = z.infer<typeof FeedAnswer>;
export type BranchInfo = z.infer<typeof BranchInfo>;
export type MemberLookupRequest = z.infer<typeof MemberLookupRequest>;
export type MemberLookupAnswer = z.infer<typeof MemberLookupAnswer>;
export type ServerStatus = z.infer<typeof ServerStatus>;
export type SyncErrorCode = z.infer<typeof SyncErrorCode>;
export type SpendKind = z.infer<typeof SpendKind>;
export type Spend = z.infer<typeof Spend>;
export type AuthoriseRequest = z.infer<typeof AuthoriseRequest>;
export type AuthoriseAnswer = z.infer<typeof AuthoriseAnswer>;
