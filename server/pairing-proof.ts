import crypto from 'node:crypto';

/**
 * The pairing proofs of shared/sync/protocol.ts, in one place for both ends (the server and
 * electron/core/sync/server-client.ts). The HMAC key is SHA-256 of the code as printed
 * (upper-case, with its dashes): that lets the server keep only the code's hash, never the
 * code, and still check a proof. Messages: "pair-till:" + fingerprint (the till's view of the
 * server certificate) and "pair-server:" + fingerprint + ":" + tillId.
 */
export function pairingKey(code: string): Buffer {
  return crypto.createHash('sha256').update(code.trim().toUpperCase(), 'utf8').digest();
}

export function tillProof(key: Buffer, fingerprint: string): string {
  return crypto.createHmac('sha256', key).update(`pair-till:${fingerprint}`, 'utf8').digest('hex');
}

export function serverProof(key: Buffer, fingerprint: string, tillId: string): string {
  return crypto.createHmac('sha256', key).update(`pair-server:${fingerprint}:${tillId}`, 'utf8').digest('hex');
}

/** Constant-time equality of two hex digests (false for different lengths or non-hex). */
export function sameDigest(aHex: string, bHex: string): boolean {
  const a = Buffer.from(aHex, 'hex');
  const b = Buffer.from(bHex, 'hex');
  return a.length === 32 && b.length === 32 && crypto.timingSafeEqual(a, b);
}
