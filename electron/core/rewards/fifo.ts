/**
 * Points are spent oldest-first. This replays a member's points ledger and says what is
 * left of each earned lot — the only place that decides which points a redemption or an
 * expiry took. Pure, so property tests can drive it directly.
 *
 * Rules:
 * - A positive entry is a lot that can be spent until `expiresOn` (inclusive; null = never).
 *   A new lot first pays off any debt.
 * - An `expire` entry on day D takes what is left of lots with expiresOn < D.
 * - Any other negative entry on day D takes from lots still valid on D (expiresOn ≥ D),
 *   earliest expiry first. What it cannot find becomes debt: this happens only when a refund
 *   reverses points the member already spent (the written rule: the balance may go below
 *   zero then, and the next points earned pay it back first).
 */
export interface LedgerEntry {
  id: number;
  /** Shop-local date of the entry, `YYYY-MM-DD`. */
  on: string;
  delta: number;
  reason: string;
  expiresOn: string | null;
}

export interface Lot {
  id: number;
  expiresOn: string | null;
  amount: number;
  remaining: number;
}

export interface Replay {
  lots: Lot[];
  debt: number;
  balance: number;
}

const byExpiry = (a: Lot, b: Lot) =>
  (a.expiresOn ?? '9999-12-31').localeCompare(b.expiresOn ?? '9999-12-31') || a.id - b.id;

export function replay(entries: readonly LedgerEntry[]): Replay {
  const lots: Lot[] = [];
  let debt = 0;
  for (const e of entries) {
    if (e.delta > 0) {
      const pay = Math.min(debt, e.delta);
      debt -= pay;
      lots.push({ id: e.id, expiresOn: e.expiresOn, amount: e.delta, remaining: e.delta - pay });
      continue;
    }
    let need = -e.delta;
    const usable = lots
      .filter((l) => l.remaining > 0 && (e.reason === 'expire' ? l.expiresOn !== null && l.expiresOn < e.on : l.expiresOn === null || l.expiresOn >= e.on))
      .sort(byExpiry);
    for (const l of usable) {
      if (need === 0) break;
      const take = Math.min(l.remaining, need);
      l.remaining -= take;
      need -= take;
    }
    debt += need;
  }
  const balance = lots.reduce((s, l) => s + l.remaining, 0) - debt;
  return { lots, debt, balance };
}

/** Points that are past their last day on `today` and not yet written off. */
export function expiredOn(r: Replay, today: string): number {
  return r.lots.reduce((s, l) => s + (l.expiresOn !== null && l.expiresOn < today ? l.remaining : 0), 0);
}

/** Points usable on `today`: unexpired lots, less any debt. */
export function usableOn(r: Replay, today: string): number {
  return Math.max(0, r.lots.reduce((s, l) => s + (l.expiresOn === null || l.expiresOn >= today ? l.remaining : 0), 0) - r.debt);
}

/** Points that will expire between today and `until` (inclusive), for "expiring soon" on cards and receipts. */
export function expiringBetween(r: Replay, today: string, until: string): number {
  return r.lots.reduce((s, l) => s + (l.expiresOn !== null && l.expiresOn >= today && l.expiresOn <= until ? l.remaining : 0), 0);
}
