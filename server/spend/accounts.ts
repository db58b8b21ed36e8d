import type { PoolClient } from 'pg';
import type { SpendKind } from '../../shared/sync/protocol.js';

/**
 * The server's balances (table accounts) and the holds on them. A balance moves only with
 * a ledger entry as it is ingested; what a till may spend is the balance less the open holds
 * of other sales.
 */

/** Adds `delta` to a balance and returns the new one; the row stays locked until commit. */
export async function post(tx: PoolClient, account: string, kind: SpendKind, delta: number): Promise<number> {
  const { rows } = await tx.query<{ balance: string }>(
    `INSERT INTO accounts (account, kind, balance) VALUES ($1, $2, $3)
     ON CONFLICT (account, kind) DO UPDATE SET balance = accounts.balance + EXCLUDED.balance
     RETURNING balance`,
    [account, kind, delta],
  );
  return Number(rows[0]!.balance);
}

/**
 * Many balance moves in one statement (a push's deferred ones), in key order so two pushes
 * lock the rows they share in the same order. The map holds one delta per balance.
 */
export async function postAll(tx: PoolClient, moves: ReadonlyMap<string, { account: string; kind: SpendKind; delta: number }>): Promise<void> {
  const rows = [...moves.values()].filter((m) => m.delta !== 0);
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO accounts (account, kind, balance)
     SELECT x.account, x.kind, x.delta FROM jsonb_to_recordset($1::jsonb) AS x(account uuid, kind text, delta bigint) ORDER BY x.account, x.kind
     ON CONFLICT (account, kind) DO UPDATE SET balance = accounts.balance + EXCLUDED.balance`,
    [JSON.stringify(rows)],
  );
}

/** Locks a balance (made at 0 if the server has seen none of its entries) and returns it. */
export async function lockBalance(tx: PoolClient, account: string, kind: SpendKind): Promise<number> {
  await tx.query('INSERT INTO accounts (account, kind) VALUES ($1, $2) ON CONFLICT DO NOTHING', [account, kind]);
  const { rows } = await tx.query<{ balance: string }>('SELECT balance FROM accounts WHERE account = $1 AND kind = $2 FOR UPDATE', [account, kind]);
  return Number(rows[0]!.balance);
}

/** What open, unexpired holds keep back from a balance, but those of one sale (till + clientRef). */
export async function heldByOthers(tx: PoolClient, account: string, kind: SpendKind, except?: { tillId: string; clientRef: string }): Promise<number> {
  const { rows } = await tx.query<{ n: string }>(
    `SELECT coalesce(sum(amount - used), 0) AS n FROM holds
      WHERE account = $1 AND kind = $2 AND settled_sale IS NULL AND released_at IS NULL AND expires_at > now()
        AND NOT (till_id IS NOT DISTINCT FROM $3::uuid AND client_ref IS NOT DISTINCT FROM $4::text)`,
    [account, kind, except?.tillId ?? null, except?.clientRef ?? null],
  );
  return Number(rows[0]!.n);
}

/**
 * A sale reached the server: its open holds are now its own (settled_sale), whether or not
 * they lapsed meanwhile — but a lapsed one no longer covers the spend (see coverSpend).
 */
export async function settleHolds(tx: PoolClient, tillId: string, sales: readonly { clientRef: string; saleGid: string }[]): Promise<void> {
  if (sales.length === 0) return;
  await tx.query(
    `UPDATE holds h SET settled_sale = x.sale_gid
       FROM jsonb_to_recordset($2::jsonb) AS x(client_ref text, sale_gid uuid)
      WHERE h.till_id = $1 AND h.client_ref = x.client_ref AND h.settled_sale IS NULL AND h.released_at IS NULL`,
    [tillId, JSON.stringify(sales.map((s) => ({ client_ref: s.clientRef, sale_gid: s.saleGid })))],
  );
}

const HOLDS_FOR_SPEND = {
  sale: `SELECT id, amount - used AS left FROM holds
          WHERE settled_sale = $1 AND account = $2 AND kind = $3 AND expires_at > now() AND used < amount ORDER BY id FOR UPDATE`,
  till: `SELECT id, amount - used AS left FROM holds
          WHERE till_id = $1 AND settled_sale IS NULL AND released_at IS NULL AND account = $2 AND kind = $3 AND expires_at > now() AND used < amount
          ORDER BY id FOR UPDATE`,
};

/**
 * The holds that authorised a spend beforehand, locked: the unused part of its sale's
 * unexpired holds on this balance, or — for a spend outside a sale (a gift paid with points) —
 * of this till's open holds on it, oldest first.
 */
export async function holdsFor(tx: PoolClient, tillId: string, saleGid: string | null, account: string, kind: SpendKind): Promise<{ id: string; left: number }[]> {
  const { rows } = await tx.query<{ id: string; left: string }>(saleGid ? HOLDS_FOR_SPEND.sale : HOLDS_FOR_SPEND.till, [saleGid ?? tillId, account, kind]);
  return rows.map((r) => ({ id: r.id, left: Number(r.left) }));
}

/** What of `amount` those holds cover (read only: a rule decides before it writes). */
export const coverable = (holds: readonly { left: number }[], amount: number): number =>
  Math.min(amount, holds.reduce((n, h) => n + h.left, 0));

/** Uses up `amount` of the holds, oldest first; returns how much they covered. */
export async function coverSpend(tx: PoolClient, holds: readonly { id: string; left: number }[], amount: number): Promise<number> {
  let covered = 0;
  for (const h of holds) {
    const take = Math.min(h.left, amount - covered);
    if (take <= 0) break;
    await tx.query('UPDATE holds SET used = used + $2 WHERE id = $1', [h.id, take]);
    covered += take;
  }
  return covered;
}
