import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDate, localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { PromotionInput, PromotionRow } from '../../../shared/contract/promotions.js';
import type { AppliedPromotion, Promotion, PromotionContext, PromotionRule, ThresholdStep } from '../../../shared/promotions/index.js';
import { validatePromotion } from '../../../shared/promotions/validate.js';
import { localParts } from '../../../shared/promotions/moment.js';

/**
 * Promotions as rows (migration 016): the owner's settings, the list the till prices with,
 * and the sale's record of which promotion gave what to which line.
 */
interface Row {
  id: number; name: string; kind: string; rule: string; priority: number; start_date: string; end_date: string | null;
  weekdays: string; from_time: string | null; to_time: string | null; all_tiers: number; per_sale_limit: number | null;
  per_member_day_limit: number | null; stacks_others: number; stacks_coupons: number; stacks_points: number; stacks_tier: number;
  scope_all: number; active: number; updated_at: string; gid: string | null;
}
interface Target { promotion_id: number; role: string; product_id: number | null; category_id: number | null; tier_id: number | null; qty: number }

/** What `promotions.rule` holds for any kind (JSON nulls stay null). */
interface Nums { n: number; pricePct: number; repeat: boolean; steps: ThresholdStep[]; buyQty: number; giftQty: number; giftPriceFen: number; priceFen: number }

/** The numbers of a rule (what `promotions.rule` stores); ids live in promotion_targets. */
function numbers(r: PromotionRule): Record<string, unknown> {
  switch (r.kind) {
    case 'nth': return { n: r.n, pricePct: r.pricePct };
    case 'threshold': return { repeat: r.repeat, steps: r.steps };
    case 'gift': return { buyQty: r.buyQty, giftQty: r.giftQty, giftPriceFen: r.giftPriceFen };
    case 'special': return { priceFen: r.priceFen, pricePct: r.pricePct };
    case 'bundle': return { priceFen: r.priceFen };
  }
}

export function createPromotions(deps: { db: Database; clock: Clock; audit: AuditLog }) {
  const { db, clock, audit } = deps;
  const SELECT = `SELECT p.*, (SELECT gid FROM sync_rows WHERE tbl = 'promotions' AND rid = CAST(p.id AS TEXT)) AS gid FROM promotions p`;
  // Prepared once: every sale is priced with the live promotions (preparing this join each time cost ~0.3 ms a sale, issue 19).
  const liveStmt = db.prepare<[string], Row>(`${SELECT} WHERE p.active = 1 AND (p.end_date IS NULL OR p.end_date >= ?) ORDER BY p.id`);
  const targetsOf = db.prepare<[number], Target>('SELECT * FROM promotion_targets WHERE promotion_id = ? ORDER BY id');
  const allTargets = db.prepare<[], Target>('SELECT t.* FROM promotion_targets t JOIN promotions p ON p.id = t.promotion_id WHERE p.active = 1 ORDER BY t.id');
  const exists = {
    product: db.prepare<[number], { id: number }>('SELECT id FROM products WHERE id = ?'),
    category: db.prepare<[number], { id: number }>('SELECT id FROM categories WHERE id = ?'),
    tier: db.prepare<[number], { id: number }>('SELECT id FROM tiers WHERE id = ?'),
  };
  const usedStmt = db.prepare<[number, string], { gid: string; n: number }>(`SELECT r.gid, sum(sp.applications) AS n FROM sale_promotions sp
    JOIN sales s ON s.id = sp.sale_id JOIN sync_rows r ON r.tbl = 'promotions' AND r.rid = CAST(sp.promotion_id AS TEXT)
    WHERE s.member_id = ? AND s.business_date = ? AND s.kind = 'sale' GROUP BY r.gid`);
  const insertUse = db.prepare(`INSERT INTO sale_promotions (sale_id, line_id, promotion_id, name, kind, units, applications, discount_fen)
    VALUES (?, (SELECT id FROM sale_lines WHERE sale_id = ? AND line_no = ?), (SELECT CAST(rid AS INTEGER) FROM sync_rows WHERE tbl = 'promotions' AND gid = ?), ?, ?, ?, ?, ?)`);

  function toPromotion(r: Row, targets: readonly Target[]): PromotionRow {
    const t = (role: string) => targets.filter((x) => x.role === role);
    const n = JSON.parse(r.rule) as Nums;
    const kind = r.kind as PromotionRule['kind'];
    const rule: PromotionRule =
      kind === 'gift' ? { kind, buyQty: n.buyQty, giftQty: n.giftQty, giftPriceFen: n.giftPriceFen, giftProductIds: t('gift').map((x) => x.product_id!) }
        : kind === 'bundle' ? { kind, priceFen: n.priceFen, items: t('bundle').map((x) => ({ productId: x.product_id!, qty: x.qty })) }
          : kind === 'nth' ? { kind, n: n.n, pricePct: n.pricePct }
            : kind === 'threshold' ? { kind, repeat: n.repeat, steps: n.steps }
              : { kind, priceFen: n.priceFen, pricePct: n.pricePct };
    const scope = t('scope');
    return {
      localId: r.id, id: r.gid ?? `local-${r.id}`, name: r.name, rule, priority: r.priority, startDate: r.start_date, endDate: r.end_date,
      weekdays: r.weekdays === '' ? [] : r.weekdays.split(',').map(Number), fromTime: r.from_time, toTime: r.to_time,
      tierIds: r.all_tiers ? null : t('tier').map((x) => x.tier_id!), perSaleLimit: r.per_sale_limit, perMemberDayLimit: r.per_member_day_limit,
      stacks: { others: !!r.stacks_others, coupons: !!r.stacks_coupons, points: !!r.stacks_points, tier: !!r.stacks_tier },
      scope: { all: !!r.scope_all, productIds: scope.filter((x) => x.product_id !== null).map((x) => x.product_id!), categoryIds: scope.filter((x) => x.category_id !== null).map((x) => x.category_id!) },
      active: !!r.active, updatedAt: r.updated_at,
    };
  }

  function get(id: number): PromotionRow {
    const r = db.prepare<[number], Row>(`${SELECT} WHERE p.id = ?`).get(id);
    if (!r) throw new DomainError('not_found', { entity: 'promotion', id });
    return toPromotion(r, targetsOf.all(id));
  }

  /** Refused with every problem at once, each naming its form field (shown next to it). */
  function check(input: PromotionInput): void {
    const problems = validatePromotion(input);
    const missing = (field: string, kind: keyof typeof exists, ids: readonly number[]) => {
      for (const id of ids) if (!exists[kind].get(id)) problems.push({ field, key: `promotions.errors.missing_${kind}` });
    };
    const r = input.rule;
    missing('scope', 'product', input.scope.productIds);
    missing('scope', 'category', input.scope.categoryIds);
    missing('tierIds', 'tier', input.tierIds ?? []);
    if (r.kind === 'gift') missing('giftProductIds', 'product', r.giftProductIds);
    if (r.kind === 'bundle') r.items.forEach((it, i) => missing(`items.${i}.productId`, 'product', [it.productId]));
    if (problems.length > 0) {
      throw new DomainError('bad_input', { issues: problems.map((p) => ({ path: p.field, code: 'custom', message: p.key })), field: problems[0]!.field }, 'errors.promotion_invalid');
    }
  }

  return {
    get,
    list(): PromotionRow[] {
      const rows = db.prepare<[], Row>(`${SELECT} ORDER BY p.active DESC, p.priority DESC, p.id`).all();
      return rows.map((r) => toPromotion(r, targetsOf.all(r.id)));
    },

    save(input: PromotionInput, staffId: number): PromotionRow {
      check(input);
      const id = db.transaction(() => {
        const v = {
          name: input.name.trim(), kind: input.rule.kind, rule: JSON.stringify(numbers(input.rule)), priority: input.priority,
          start: input.startDate, end: input.endDate, weekdays: [...new Set(input.weekdays)].sort().join(','), from: input.fromTime, to: input.toTime,
          allTiers: input.tierIds === null ? 1 : 0, perSale: input.perSaleLimit, perDay: input.perMemberDayLimit,
          so: +input.stacks.others, sc: +input.stacks.coupons, sp: +input.stacks.points, st: +input.stacks.tier,
          all: +input.scope.all, active: +input.active, at: localDateTime(clock.now()), by: staffId,
        };
        const cols = `name = @name, kind = @kind, rule = @rule, priority = @priority, start_date = @start, end_date = @end, weekdays = @weekdays,
          from_time = @from, to_time = @to, all_tiers = @allTiers, per_sale_limit = @perSale, per_member_day_limit = @perDay, stacks_others = @so,
          stacks_coupons = @sc, stacks_points = @sp, stacks_tier = @st, scope_all = @all, active = @active, updated_at = @at, updated_by = @by`;
        let pid = input.localId;
        if (pid === null) {
          pid = Number(db.prepare(`INSERT INTO promotions (name, kind, rule, priority, start_date, end_date, weekdays, from_time, to_time, all_tiers,
            per_sale_limit, per_member_day_limit, stacks_others, stacks_coupons, stacks_points, stacks_tier, scope_all, active, updated_at, updated_by)
            VALUES (@name, @kind, @rule, @priority, @start, @end, @weekdays, @from, @to, @allTiers, @perSale, @perDay, @so, @sc, @sp, @st, @all, @active, @at, @by)`).run(v).lastInsertRowid);
        } else {
          get(pid);
          db.prepare(`UPDATE promotions SET ${cols} WHERE id = @id`).run({ ...v, id: pid });
          db.prepare('DELETE FROM promotion_targets WHERE promotion_id = ?').run(pid);
        }
        const add = db.prepare('INSERT INTO promotion_targets (promotion_id, role, product_id, category_id, tier_id, qty) VALUES (?, ?, ?, ?, ?, ?)');
        for (const p of input.scope.productIds) add.run(pid, 'scope', p, null, null, 1);
        for (const c of input.scope.categoryIds) add.run(pid, 'scope', null, c, null, 1);
        for (const t of input.tierIds ?? []) add.run(pid, 'tier', null, null, t, 1);
        if (input.rule.kind === 'gift') for (const p of input.rule.giftProductIds) add.run(pid, 'gift', p, null, null, 1);
        if (input.rule.kind === 'bundle') for (const it of input.rule.items) add.run(pid, 'bundle', it.productId, null, null, it.qty);
        audit.record({ staffId, action: input.localId === null ? 'promotions.create' : 'promotions.update', entity: 'promotion', entityId: pid, details: { name: v.name, kind: v.kind } });
        return pid;
      })();
      return get(id);
    },

    setActive(localId: number, active: boolean, staffId: number): PromotionRow {
      get(localId);
      db.transaction(() => {
        db.prepare('UPDATE promotions SET active = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(+active, localDateTime(clock.now()), staffId, localId);
        audit.record({ staffId, action: active ? 'promotions.start' : 'promotions.stop', entity: 'promotion', entityId: localId });
      })();
      return get(localId);
    },

    /** The promotions that can still apply (active, not ended before today): what the till prices with. */
    live(): Promotion[] {
      const today = localDate(clock.now());
      const rows = liveStmt.all(today);
      const targets = allTargets.all();
      const byPromo = new Map<number, Target[]>();
      for (const t of targets) byPromo.set(t.promotion_id, [...(byPromo.get(t.promotion_id) ?? []), t]);
      return rows.map((r) => {
        const { localId: _l, active: _a, updatedAt: _u, ...p } = toPromotion(r, byPromo.get(r.id) ?? []);
        return p;
      });
    },

    usedToday(memberId: number | null): Record<string, number> {
      if (memberId === null) return {};
      return Object.fromEntries(usedStmt.all(memberId, localDate(clock.now())).map((r) => [r.gid, r.n]));
    },

    /** Everything the engine needs for this sale at the core's clock. */
    context(memberId: number | null, tierId: number | null, withCoupons: boolean, withPoints: boolean): PromotionContext {
      return { promotions: this.live(), at: localParts(clock.now()), tierId, usedToday: this.usedToday(memberId), withCoupons, withPoints };
    },

    /** Inside the sale's transaction: which promotion gave what to which line (line_no = index + 1). */
    record(saleId: number, applied: readonly AppliedPromotion[], lineNoByKey: ReadonlyMap<string, number>): void {
      for (const a of applied) {
        a.lines.forEach((l, i) => {
          if (l.units <= 0) return;
          insertUse.run(saleId, saleId, lineNoByKey.get(l.key)!, a.promotionId, a.name, a.kind, l.units, i === 0 ? a.applications : 0, l.discountFen);
        });
      }
    },
  };
}
export type Promotions = ReturnType<typeof createPromotions>;
