import crypto from 'node:crypto';
import type { PairAnswer, PairRequest } from '../shared/sync/protocol.js';
import type { Db } from './db/pool.js';
import { SyncError } from './errors.js';
import { pairingKey, sameDigest, serverProof, tillProof } from './pairing-proof.js';
import { tokenHash } from './tills.js';

/** Crockford base32 (no I, L, O, U): what PairingCode in the protocol accepts. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PAIRING_CODE_TTL_MS = 30 * 60_000;
const MAX_TILLS = 999; // tillCode is T1 … T999

/** 12 random characters in three groups, about 60 bits: far beyond guessing in 30 minutes. */
export function randomPairingCode(): string {
  const chars = Array.from({ length: 12 }, () => CROCKFORD[crypto.randomInt(CROCKFORD.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/**
 * A new one-time code, kept only as its hash. The code itself is shown once, to the owner. The
 * till that pairs with it joins `branchId` (the first branch, B1, when none is given).
 */
export async function createPairingCode(db: Db, ttlMs = PAIRING_CODE_TTL_MS, branchId?: string, o: { memberJobs?: boolean } = {}): Promise<{ code: string; expiresAt: Date }> {
  const code = randomPairingCode();
  // The member-jobs till (migration 007) is head office's: it writes only member facts.
  const { rows } = await db.pool.query<{ expires_at: Date }>(
    `INSERT INTO pairing_codes (code_hash, expires_at, branch_id, member_jobs)
     VALUES ($1, now() + $2 * interval '1 millisecond', coalesce($3::uuid, (SELECT branch_id FROM branches WHERE code = 'B1')), $4)
     RETURNING expires_at`,
    [pairingKey(code), ttlMs, branchId ?? null, o.memberJobs === true],
  );
  return { code, expiresAt: rows[0]!.expires_at };
}

const refused = () => new SyncError('pairing_refused', 403, 'no open pairing code matches this proof');

/**
 * Pairs a till: the proof must be HMAC(key of an open, unexpired, unused code, "pair-till:" +
 * our fingerprint). A till that saw another certificate (a machine in the middle) computed its
 * proof over that one's fingerprint, so it matches nothing here. All in one transaction: a
 * refusal writes nothing, and a code pairs exactly one till even when two try at once (the
 * open codes are locked while they are checked).
 */
export async function pairTill(db: Db, req: PairRequest, fingerprint: string): Promise<PairAnswer> {
  return db.tx(async (tx) => {
    const { rows: open } = await tx.query<{ id: string; code_hash: Buffer; branch_id: string; member_jobs: boolean }>(
      'SELECT id, code_hash, branch_id, member_jobs FROM pairing_codes WHERE used_by IS NULL AND expires_at > now() ORDER BY id FOR UPDATE',
    );
    // Every open code is compared (in constant time), matched or not.
    let match: { id: string; key: Buffer; branchId: string; memberJobs: boolean } | undefined;
    for (const row of open) {
      if (sameDigest(tillProof(row.code_hash, fingerprint), req.proof) && !match) match = { id: row.id, key: row.code_hash, branchId: row.branch_id, memberJobs: row.member_jobs };
    }
    if (!match) throw refused();

    // The shop row serialises pairings, so two tills never get the same next code.
    const { rows: shop } = await tx.query<{ shop_id: string }>('SELECT shop_id FROM shop FOR UPDATE');
    const { rows: next } = await tx.query<{ n: number }>("SELECT coalesce(max(substring(code from 2)::int), 0) + 1 AS n FROM tills");
    const n = next[0]!.n;
    if (n > MAX_TILLS) throw new SyncError('pairing_refused', 403, 'this shop has the most tills it can number');

    const tillId = crypto.randomUUID();
    // The member-jobs till is T0, outside the tills' own numbering (the shop's first till stays T1);
    // one paired again after T0 (its folder lost) takes the next number.
    const { rows: zero } = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM tills WHERE code = 'T0'");
    const tillCode = match.memberJobs && zero[0]!.n === 0 ? 'T0' : `T${n}`;
    const token = crypto.randomBytes(32).toString('base64url');
    if (match.memberJobs) {
      // One member-jobs till at a time: a new one takes over (the old one's token stops working).
      await tx.query('UPDATE tills SET revoked_at = now() WHERE member_jobs AND revoked_at IS NULL');
    }
    await tx.query('INSERT INTO tills (till_id, code, name, token_sha256, branch_id, member_jobs) VALUES ($1, $2, $3, $4, $5, $6)', [tillId, tillCode, req.tillName, tokenHash(token), match.branchId, match.memberJobs]);
    await tx.query('UPDATE pairing_codes SET used_by = $1, used_at = now() WHERE id = $2', [tillId, match.id]);
    const { rows: branch } = await tx.query<{ code: string; name: string; head_office: boolean; allow_local_products: boolean }>(
      'SELECT code, name, head_office, allow_local_products FROM branches WHERE branch_id = $1', [match.branchId]);
    const b = branch[0]!;
    return {
      tillId, tillCode, token, shopId: shop[0]!.shop_id, serverProof: serverProof(match.key, fingerprint, tillId),
      branch: { code: b.code, name: b.name, headOffice: b.head_office, allowLocalProducts: b.allow_local_products },
    };
  });
}
