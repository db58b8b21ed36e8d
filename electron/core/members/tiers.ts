import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDate, localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Tier } from '../../../shared/contract/members.js';

export interface TierRow {
  id: number; name: string; rank: number; min_spend_fen: number; min_sales: number; window_months: number | null;
  qualify_mode: 'all' | 'any'; price_pct: number; points_pct: number; birthday_perk: string; fee_fen: number | null;
  fee_months: number | null; active: number;
}

import { monthsBefore, addMonths } from '../lib/dates.js';

/**
 * Tiers (会员等级): earned by spend and/or visits within a window of months (or lifetime),
 * or bought for a fee and a term. A sale that crosses a threshold upgrades at once; the
 * daily re-evaluation downgrades members whose window no longer qualifies and ends expired
 * paid terms. Every change is a history row with its reason.
 */
export interface ReevaluateCounts { upgraded: number; downgraded: number; expired: number }

export function createTiers(db: Database, clock: Clock, audit: AuditLog) {
  const all = db.prepare<[], TierRow>('SELECT * FROM tiers ORDER BY rank');
  const byId = db.prepare<[number], TierRow>('SELECT * FROM tiers WHERE id = ?');
  const windowTotals = db.prepare<[number, string], { spend: number; sales: number }>(
    "SELECT coalesce(sum(total_fen), 0) AS spend, coalesce(sum(kind = 'sale'), 0) AS sales FROM sales WHERE member_id = ? AND business_date > ?");
  const lifetime = db.prepare<[number], { spend: number; sales: number }>(
    'SELECT coalesce(spend_fen, 0) AS spend, coalesce(sales_count, 0) AS sales FROM member_stats WHERE member_id = ?');
  const member = db.prepare<[number], { tier_id: number; paid_tier_id: number | null; paid_until: string | null; status: string }>(
    'SELECT tier_id, paid_tier_id, paid_until, status FROM members WHERE id = ?');
  const setTier = db.prepare('UPDATE members SET tier_id = ?, updated_at = ? WHERE id = ?');
  const history = db.prepare('INSERT INTO member_tier_history (member_id, from_tier, to_tier, reason, at, expires_at, staff_id, sale_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');

  const tiers = () => all.all().filter((t) => t.active === 1);
  const entryTier = () => tiers()[0] ?? all.all()[0]!;

  function totals(memberId: number, t: TierRow, today: string) {
    if (t.window_months === null) return lifetime.get(memberId) ?? { spend: 0, sales: 0 };
    return windowTotals.get(memberId, monthsBefore(today, t.window_months))!;
  }

  function qualifies(t: TierRow, entryRank: number, totalsOf: (t: TierRow) => { spend: number; sales: number }): boolean {
    if (t.rank === entryRank) return true;
    if (t.min_spend_fen === 0 && t.min_sales === 0) return false; // a fee-only tier is never earned
    const { spend, sales } = totalsOf(t);
    const spendOk = t.min_spend_fen > 0 && spend >= t.min_spend_fen;
    const salesOk = t.min_sales > 0 && sales >= t.min_sales;
    if (t.qualify_mode === 'any') return spendOk || salesOk;
    return (t.min_spend_fen === 0 || spendOk) && (t.min_sales === 0 || salesOk);
  }

  /** The highest tier the member's own spending earns today. */
  function earned(memberId: number, today: string): TierRow {
    const list = tiers();
    const entry = list[0] ?? all.all()[0]!;
    // Tiers with the same window (the usual 12 months) share its totals: one query per window, not per tier.
    const byWindow = new Map<number | null, { spend: number; sales: number }>();
    const totalsOf = (t: TierRow) => {
      let x = byWindow.get(t.window_months);
      if (x === undefined) { x = totals(memberId, t, today); byWindow.set(t.window_months, x); }
      return x;
    };
    for (let i = list.length - 1; i >= 0; i--) if (qualifies(list[i]!, entry.rank, totalsOf)) return list[i]!;
    return entry;
  }

  /** What the member should hold: the better of earned and a paid tier still in its term. */
  /** `m`: the member's row when the caller has just read it (the sale path reads it once). */
  function deserved(memberId: number, today: string, m = member.get(memberId)!): TierRow {
    const e = earned(memberId, today);
    if (m.paid_tier_id && m.paid_until && m.paid_until >= today) {
      const paid = byId.get(m.paid_tier_id);
      if (paid && paid.rank > e.rank) return paid;
    }
    return e;
  }

  function change(memberId: number, from: number, to: TierRow, reason: string, opts: { staffId?: number | null; saleId?: number | null; expiresAt?: string | null } = {}) {
    const at = localDateTime(clock.now());
    setTier.run(to.id, at, memberId);
    history.run(memberId, from, to.id, reason, at, opts.expiresAt ?? null, opts.staffId ?? null, opts.saleId ?? null);
  }

  /**
   * The re-evaluation in slices of `batch` members, each its own transaction, so the first
   * start of a day can serve the till while it runs (a large shop takes seconds). The
   * candidates are listed once; each member's tier is read again in its slice, since a
   * sale in between may have moved it. Stopping between slices leaves nothing half done.
   */
  function* reevaluateSteps(batch = 2_000): Generator<void, ReevaluateCounts> {
    const today = localDate(clock.now());
    const counts = { upgraded: 0, downgraded: 0, expired: 0 };
    db.transaction(() => {
      const expired = db.prepare<[string], { id: number }>('SELECT id FROM members WHERE paid_until IS NOT NULL AND paid_until < ?').all(today);
      for (const { id } of expired) {
        db.prepare('UPDATE members SET paid_tier_id = NULL, paid_until = NULL WHERE id = ?').run(id);
        const m = member.get(id)!;
        const target = earned(id, today);
        if (target.id !== m.tier_id) { change(id, m.tier_id, target, 'expiry'); counts.expired += 1; }
      }
    })();
    // Only members above the entry tier can fall, and only members with sales can rise.
    const entry = entryTier();
    const candidates = db.prepare<[number], number>(`
      SELECT m.id FROM members m JOIN tiers t ON t.id = m.tier_id
      WHERE m.status IN ('active','frozen') AND (t.rank > ? OR m.id IN (SELECT member_id FROM member_stats WHERE sales_count > 0))
      ORDER BY m.id`).pluck().all(entry.rank);
    const slice = db.transaction((ids: number[]) => {
      for (const id of ids) {
        const m = member.get(id);
        if (!m || (m.status !== 'active' && m.status !== 'frozen')) continue;
        const current = byId.get(m.tier_id)!;
        const target = deserved(id, today, m);
        if (target.id === current.id) continue;
        if (target.rank < current.rank) { change(id, current.id, target, 'downgrade'); counts.downgraded += 1; }
        else { change(id, current.id, target, 'upgrade'); counts.upgraded += 1; }
      }
    });
    for (let i = 0; i < candidates.length; i += batch) {
      yield;
      slice(candidates.slice(i, i + batch));
    }
    return counts;
  }

  const view = (t: TierRow): Tier => ({
    id: t.id, name: t.name, rank: t.rank, pricePct: t.price_pct, pointsPct: t.points_pct, birthdayPerk: t.birthday_perk,
    minSpendFen: t.min_spend_fen, minSales: t.min_sales, windowMonths: t.window_months, qualifyMode: t.qualify_mode,
    feeFen: t.fee_fen, feeMonths: t.fee_months, active: t.active === 1,
    members: (db.prepare("SELECT count(*) AS n FROM members WHERE tier_id = ? AND status IN ('active','frozen')").get(t.id) as { n: number }).n,
  });

  return {
    byId: (id: number) => { const t = byId.get(id); if (!t) throw new DomainError('not_found', { entity: 'tier', id }); return t; },
    entryTier,
    list: () => all.all().map(view),
    earned,
    totals,

    /** After a sale (inside its transaction): upgrade at once if the member now qualifies higher. */
    afterSale(memberId: number, saleId: number): TierRow | null {
      const m = member.get(memberId);
      if (!m) return null;
      const today = localDate(clock.now());
      const current = byId.get(m.tier_id)!;
      const target = deserved(memberId, today, m);
      if (target.rank <= current.rank) return null;
      change(memberId, current.id, target, 'upgrade', { saleId });
      return target;
    },

    /**
     * Daily: downgrade where the window no longer qualifies, end expired paid terms,
     * upgrade where imported history qualifies. Idempotent: running it twice changes nothing.
     */
    reevaluateAll(): ReevaluateCounts {
      const steps = reevaluateSteps();
      for (;;) {
        const r = steps.next();
        if (r.done) return r.value;
      }
    },

    reevaluateSteps,

    /** Moves a member up to `tierId` (never down), e.g. 充值升级; history notes why. */
    raiseTo(memberId: number, tierId: number, reason: string, staffId: number | null, at?: string, holdMonths = 12): boolean {
      const m = member.get(memberId)!;
      // Held like a paid tier for `holdMonths`, so the daily re-evaluation does not take it straight back.
      const until = addMonths(localDate(clock.now()), holdMonths);
      if (!m.paid_until || m.paid_until < until) db.prepare('UPDATE members SET paid_tier_id = ?, paid_until = ? WHERE id = ?').run(tierId, until, memberId);
      const current = byId.get(m.tier_id)!;
      const target = byId.get(tierId);
      if (!target || target.rank <= current.rank) return false;
      setTier.run(target.id, at ?? localDateTime(clock.now()), memberId);
      history.run(memberId, current.id, target.id, reason, at ?? localDateTime(clock.now()), null, staffId, null);
      return true;
    },

    /** Paid membership: the tier for `fee_months` from today (extending a running term). */
    grantPaid(memberId: number, tierId: number, staffId: number, saleId: number): void {
      const t = byId.get(tierId);
      if (!t || !t.fee_fen || !t.fee_months) throw new DomainError('rule_violation', { rule: 'tier_not_for_sale' }, 'errors.tier_not_for_sale');
      const m = member.get(memberId)!;
      const today = localDate(clock.now());
      const from = m.paid_tier_id === tierId && m.paid_until && m.paid_until >= today ? m.paid_until : today;
      const until = addMonths(from, t.fee_months);
      db.prepare('UPDATE members SET paid_tier_id = ?, paid_until = ? WHERE id = ?').run(tierId, until, memberId);
      const current = byId.get(m.tier_id)!;
      if (t.rank >= current.rank) change(memberId, current.id, t, 'purchase', { staffId, saleId, expiresAt: until });
      audit.record({ staffId, action: 'tiers.purchase', entity: 'member', entityId: memberId, details: { tier: t.name, until, saleId } });
    },

    save(input: { id?: number | undefined; name: string; rank: number; minSpendFen: number; minSales: number; windowMonths: number | null; qualifyMode: 'all' | 'any'; pricePct: number; pointsPct: number; birthdayPerk: string; feeFen: number | null; feeMonths: number | null; active: boolean }, staffId: number): Tier {
      if ((input.feeFen === null) !== (input.feeMonths === null)) throw new DomainError('bad_input', { field: 'feeMonths', rule: 'fee_and_term_together' });
      const id = db.transaction(() => {
        const clash = db.prepare<[string, number, number], { id: number }>('SELECT id FROM tiers WHERE (name = ? OR rank = ?) AND id <> ?').get(input.name, input.rank, input.id ?? 0);
        if (clash) throw new DomainError('conflict', { field: 'rank' }, 'errors.tier_clash');
        const params = {
          name: input.name, rank: input.rank, minSpend: input.minSpendFen, minSales: input.minSales, window: input.windowMonths,
          mode: input.qualifyMode, price: input.pricePct, points: input.pointsPct, perk: input.birthdayPerk, fee: input.feeFen,
          feeMonths: input.feeMonths, active: input.active ? 1 : 0,
        };
        const before = input.id ? byId.get(input.id) : undefined;
        if (input.id && !before) throw new DomainError('not_found', { entity: 'tier', id: input.id });
        let id = input.id;
        if (id) {
          db.prepare(`UPDATE tiers SET name=@name, rank=@rank, min_spend_fen=@minSpend, min_sales=@minSales, window_months=@window, qualify_mode=@mode,
            price_pct=@price, points_pct=@points, birthday_perk=@perk, fee_fen=@fee, fee_months=@feeMonths, active=@active WHERE id=@id`).run({ ...params, id });
        } else {
          id = Number(db.prepare(`INSERT INTO tiers (name, rank, min_spend_fen, min_sales, window_months, qualify_mode, price_pct, points_pct, birthday_perk, fee_fen, fee_months, active)
            VALUES (@name, @rank, @minSpend, @minSales, @window, @mode, @price, @points, @perk, @fee, @feeMonths, @active)`).run(params).lastInsertRowid);
        }
        audit.record({ staffId, action: 'tiers.save', entity: 'tier', entityId: id, details: { before: before ?? null, after: input } });
        return id;
      })();
      return view(byId.get(id)!);
    },
  };
}
export type Tiers = ReturnType<typeof createTiers>;
