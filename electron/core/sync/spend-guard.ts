import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import { fenToYuanString as formatYuan } from '../../../shared/money.js';
import type { AuthoriseAnswer, AuthoriseRequest, Spend, SpendKind } from '../../../shared/sync/protocol.js';
import type { OfflineCaps } from '../../../shared/contract/sync.js';

/**
 * Spending shared balances — stored value, points, coupons, count cards — on a till of a shop
 * with a server. Cash, card and phone payments never come here.
 *
 * - Connected: the server holds the amounts under a row lock before the sale commits, so two
 *   tills spending the same balance at once cannot both succeed; the second cashier is told
 *   what is left.
 * - Not connected (or no answer within the counter's deadline): allowed within the owner's
 *   caps — per member at this till, this till in total, and for so many hours since the server
 *   last answered — counting what was spent offline and is not yet confirmed. Beyond them the
 *   tender is refused with the reason, and the sale can be paid another way. The server flags
 *   an offline spend that overdraws (`overdraft`); the manager sees it.
 * - A till with no server spends as it always did.
 */
export interface SpendAsk {
  clientRef: string;
  memberId: number | null;
  storedValueFen: number;
  points: number;
  couponIds: readonly number[];
  countCardUses: ReadonlyArray<{ cardId: number; uses: number }>;
}

export type SpendPass =
  | { mode: 'none' | 'local' }
  | { mode: 'online'; clientRef: string }
  | { mode: 'offline'; ask: SpendAsk };

/** What the guard needs from the sync service. */
export interface SpendLink {
  paired(): boolean;
  /** The server's answer, or 'offline' when it cannot be had within the counter's deadline. */
  authorise(request: AuthoriseRequest): Promise<AuthoriseAnswer | 'offline'>;
  release(clientRef: string): void;
  lastContact(): string | null;
}

export const DEFAULT_OFFLINE_CAPS: OfflineCaps = {
  memberStoredValueFen: 20_000,
  memberPoints: 20_000,
  tillStoredValueFen: 100_000,
  tillPoints: 100_000,
  maxOfflineHours: 24,
};

interface Open { storedValueFen: number; points: number; coupons: number; cardUses: number; sales: number }

export function createSpendGuard(d: { db: Database; clock: Clock; link: SpendLink; caps: () => OfflineCaps }) {
  const { db, clock, link } = d;
  const gidOf = db.prepare<[string, string], { gid: string }>('SELECT gid FROM sync_rows WHERE tbl = ? AND rid = ?');
  const openSums = `SELECT coalesce(sum(stored_value_fen), 0) AS storedValueFen, coalesce(sum(points), 0) AS points,
    coalesce(sum(coupons), 0) AS coupons, coalesce(sum(card_uses), 0) AS cardUses, count(*) AS sales FROM offline_spends WHERE confirmed_at IS NULL`;
  const openForMember = db.prepare<[number], Open>(`${openSums} AND member_id = ?`);
  const openForTill = db.prepare<[], Open>(openSums);
  const insert = db.prepare(`INSERT INTO offline_spends (at, client_ref, sale_id, member_id, stored_value_fen, points, coupons, card_uses, upto_seq)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(seq), 0) FROM outbox))`);
  const onDay = db.prepare<[string, string], Open>(`SELECT coalesce(sum(stored_value_fen), 0) AS storedValueFen, coalesce(sum(points), 0) AS points,
    coalesce(sum(coupons), 0) AS coupons, coalesce(sum(card_uses), 0) AS cardUses, count(*) AS sales FROM offline_spends WHERE at >= ? AND at < ? || 'T99'`);
  const overdrafts = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sync_exceptions WHERE kind = 'overdraft' AND resolved_at IS NULL");
  const confirm = db.prepare('UPDATE offline_spends SET confirmed_at = ? WHERE confirmed_at IS NULL AND upto_seq <= ?');

  const gid = (table: string, id: number): string => {
    const row = gidOf.get(table, String(id));
    if (!row) throw new Error(`no gid for ${table} ${id}`);
    return row.gid;
  };

  function spendsOf(ask: SpendAsk): Spend[] {
    const out: Spend[] = [];
    if (ask.memberId !== null) {
      if (ask.storedValueFen > 0) out.push({ kind: 'stored_value', account: gid('members', ask.memberId), amount: ask.storedValueFen });
      if (ask.points > 0) out.push({ kind: 'points', account: gid('members', ask.memberId), amount: ask.points });
    }
    for (const c of ask.couponIds) out.push({ kind: 'coupon', account: gid('coupons', c), amount: 1 });
    for (const u of ask.countCardUses) if (u.uses > 0) out.push({ kind: 'count_card', account: gid('member_count_cards', u.cardId), amount: u.uses });
    return out;
  }

  const refusedKey: Record<SpendKind, string> = {
    stored_value: 'errors.spend_refused_stored_value', points: 'errors.spend_refused_points', coupon: 'errors.spend_refused_coupon', count_card: 'errors.spend_refused_count_card',
  };

  function checkCaps(ask: SpendAsk): void {
    const caps = d.caps();
    const last = link.lastContact();
    const oldest = localDateTime(new Date(clock.now().getTime() - caps.maxOfflineHours * 3_600_000));
    if (last === null || last < oldest) {
      throw new DomainError('rule_violation', { rule: 'offline_too_long', hours: caps.maxOfflineHours, lastContact: last }, 'errors.offline_too_long');
    }
    const over = (cap: string, limit: number, used: number, yuan: boolean) => new DomainError(
      'rule_violation', { rule: 'offline_cap', cap, limit, used, left: Math.max(0, limit - used), ...(yuan ? { leftYuan: formatYuan(Math.max(0, limit - used)), limitYuan: formatYuan(limit) } : {}) }, `errors.offline_cap_${cap}`);
    if (ask.memberId !== null) {
      const m = openForMember.get(ask.memberId)!;
      if (ask.storedValueFen > 0 && m.storedValueFen + ask.storedValueFen > caps.memberStoredValueFen) throw over('member_stored_value', caps.memberStoredValueFen, m.storedValueFen, true);
      if (ask.points > 0 && m.points + ask.points > caps.memberPoints) throw over('member_points', caps.memberPoints, m.points, false);
    }
    const t = openForTill.get()!;
    if (ask.storedValueFen > 0 && t.storedValueFen + ask.storedValueFen > caps.tillStoredValueFen) throw over('till_stored_value', caps.tillStoredValueFen, t.storedValueFen, true);
    if (ask.points > 0 && t.points + ask.points > caps.tillPoints) throw over('till_points', caps.tillPoints, t.points, false);
  }

  return {
    /**
     * Before the sale's transaction: may these be spent? Answers how (to pass to record and
     * release), or throws the refusal the cashier sees.
     */
    async check(ask: SpendAsk): Promise<SpendPass> {
      const hasSpend = ask.storedValueFen > 0 || ask.points > 0 || ask.couponIds.length > 0 || ask.countCardUses.some((u) => u.uses > 0);
      if (!hasSpend) return { mode: 'none' };
      if (!link.paired()) return { mode: 'local' };
      const answer = await link.authorise({ clientRef: ask.clientRef, spends: spendsOf(ask) });
      if (answer === 'offline') {
        checkCaps(ask);
        return { mode: 'offline', ask };
      }
      if (!answer.ok) {
        const first = answer.refused[0]!;
        throw new DomainError('rule_violation', {
          rule: 'spend_refused', kind: first.kind, available: first.available, ...(first.kind === 'stored_value' ? { availableYuan: formatYuan(first.available) } : {}),
        }, refusedKey[first.kind]);
      }
      return { mode: 'online', clientRef: ask.clientRef };
    },

    /** Inside the sale's transaction, after its writes: an offline spend is counted until confirmed. */
    record(pass: SpendPass, saleId: number | null): void {
      if (pass.mode !== 'offline') return;
      const a = pass.ask;
      insert.run(localDateTime(clock.now()), a.clientRef, saleId, a.memberId, a.storedValueFen, a.points, a.couponIds.length,
        a.countCardUses.reduce((s, u) => s + u.uses, 0));
    },

    /** The sale was not made: the server's hold is given back (best effort; it lapses anyway). */
    release(pass: SpendPass): void {
      if (pass.mode === 'online') link.release(pass.clientRef);
    },

    /** The server has answered the outbox up to `seq`: the offline spends it carried are confirmed. */
    confirmUpTo(seq: number): void {
      confirm.run(localDateTime(clock.now()), seq);
    },

    /** The daily report's part: spent offline that day, all not yet confirmed, open overdrafts; null without a server. */
    daily(day: string) {
      if (!link.paired()) return null;
      return { thatDay: onDay.get(day, day)!, unconfirmed: openForTill.get()!, openOverdrafts: overdrafts.get()!.n };
    },

    /** Spent offline at this till and not yet confirmed by the server (the daily report's exposure). */
    exposure(): Open {
      return openForTill.get()!;
    },
  };
}
export type SpendGuard = ReturnType<typeof createSpendGuard>;
