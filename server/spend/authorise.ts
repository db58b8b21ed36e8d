import { HOLD_MS, type AuthoriseAnswer, type AuthoriseRequest } from '../../shared/sync/protocol.js';
import type { Db } from '../db/pool.js';
import type { Till } from '../tills.js';
import { heldByOthers, lockBalance } from './accounts.js';

/**
 * POST /v1/authorise: may this sale spend these balances? In one transaction, each balance
 * row is locked (in a fixed order, so two tills asking for the same two balances cannot
 * deadlock), what other sales hold is taken off, and either every spend is held for this sale
 * or none is and the answer says what is left. Asking again for the same sale replaces its
 * holds, so a retried payment never holds twice.
 */
export async function authoriseSpend(db: Db, till: Till, req: AuthoriseRequest): Promise<AuthoriseAnswer> {
  const wanted = new Map<string, { kind: AuthoriseRequest['spends'][number]['kind']; account: string; amount: number }>();
  for (const s of req.spends) {
    const key = `${s.kind}:${s.account}`;
    const prev = wanted.get(key);
    wanted.set(key, { kind: s.kind, account: s.account, amount: (prev?.amount ?? 0) + s.amount });
  }
  const spends = [...wanted.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return db.tx(async (tx) => {
    await tx.query('DELETE FROM holds WHERE till_id = $1 AND client_ref = $2 AND settled_sale IS NULL', [till.tillId, req.clientRef]);
    const refused: Array<{ kind: (typeof spends)[number]['kind']; account: string; available: number }> = [];
    for (const s of spends) {
      const balance = await lockBalance(tx, s.account, s.kind);
      const available = balance - (await heldByOthers(tx, s.account, s.kind));
      if (s.amount > available) refused.push({ kind: s.kind, account: s.account, available: Math.max(0, available) });
    }
    if (refused.length > 0) return { ok: false as const, refused };
    const expiresAt = new Date(Date.now() + HOLD_MS);
    await tx.query(
      `INSERT INTO holds (till_id, client_ref, account, kind, amount, expires_at)
       SELECT $1, $2, x.account, x.kind, x.amount, $4 FROM jsonb_to_recordset($3::jsonb) AS x(account uuid, kind text, amount bigint)`,
      [till.tillId, req.clientRef, JSON.stringify(spends), expiresAt],
    );
    return { ok: true as const, expiresAt: expiresAt.toISOString() };
  });
}

/** POST /v1/release: the sale was not made (cancelled, failed): its holds stop counting. */
export async function releaseSpend(db: Db, till: Till, clientRef: string): Promise<number> {
  const r = await db.pool.query(
    'UPDATE holds SET released_at = now() WHERE till_id = $1 AND client_ref = $2 AND settled_sale IS NULL AND released_at IS NULL', [till.tillId, clientRef]);
  return r.rowCount ?? 0;
}
