import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Points } from './points.js';
import type { SpendGuard } from '../sync/spend-guard.js';
import { replay, type LedgerEntry } from './fifo.js';
import type { Gift, GiftRedemption } from '../../../shared/contract/gifts.js';
import type { GiftSlip } from '../receipts/gift-slip-template.js';
import { maskPhone } from '../../../shared/phone.js';

/** Points ledger reasons written here: spending on a gift, and giving it back on a cancellation. */
export const GIFT_POINTS_REASON = 'gift';
export const GIFT_CANCEL_POINTS_REASON = 'gift_cancel';

interface GiftRow { id: number; name: string; kind: 'gift' | 'service'; points_cost: number; track_stock: number; active: number; stock: number }
interface RedemptionRow {
  id: number; at: string; member_id: number; gift_id: number; gift_name: string; kind: 'gift' | 'service'; qty: number; points: number; points_entry_id: number;
  staff_name: string | null; cancelled_at: string | null; cancelled_by: string | null; cancel_reason: string | null; took_stock: number;
}

export interface SaveGiftInput {
  id?: number | undefined; name: string; kind: 'gift' | 'service'; pointsCost: number; trackStock: boolean; active: boolean; initialStock?: number | undefined;
}
export interface RedeemInput { memberId: number; giftId: number; qty: number; expectedPoints?: number | undefined; clientRef: string; print: boolean }

/**
 * What one spending entry took from each earned lot, grouped by the lots' last day: the
 * difference between the FIFO replay just before the entry and just after it. A cancelled
 * redemption gives back exactly these points with exactly these expiry dates, so the member
 * ends as if it had never happened (points whose day has passed since come back expired and
 * are written off by the next expiry run, as they would have been).
 */
export function lotsTakenBy(entries: readonly LedgerEntry[], entryId: number): Array<{ expiresOn: string | null; points: number }> {
  const at = entries.findIndex((e) => e.id === entryId);
  if (at < 0) return [];
  const before = replay(entries.slice(0, at)).lots;
  const after = new Map(replay(entries.slice(0, at + 1)).lots.map((l) => [l.id, l.remaining]));
  const byDay = new Map<string | null, number>();
  for (const lot of before) {
    const taken = lot.remaining - (after.get(lot.id) ?? lot.remaining);
    if (taken > 0) byDay.set(lot.expiresOn, (byDay.get(lot.expiresOn) ?? 0) + taken);
  }
  return [...byDay].map(([expiresOn, points]) => ({ expiresOn, points }));
}

/**
 * The points gift catalogue (积分兑换礼品 and services). Points are spent and given back
 * through the points ledger (so spending is oldest-first, exactly like the checkout
 * deduction); stock is the sum of an append-only ledger of moves. One redemption or one
 * cancellation is one transaction: points, stock, record and audit together.
 */
export function createGifts(d: {
  db: Database; clock: Clock; audit: AuditLog; points: Points; print: { enqueue(kind: 'gift_redemption', refId: number): number | null; kick(): Promise<void> };
  /** With a shop server, the points are authorised (or capped offline) first. */
  spends?: Pick<SpendGuard, 'check' | 'record' | 'release'>;
}) {
  const { db, clock, audit, points } = d;
  const GIFT = `SELECT g.*, (SELECT coalesce(sum(delta), 0) FROM gift_stock_ledger s WHERE s.gift_id = g.id) AS stock FROM gifts g`;
  const giftById = db.prepare<[number], GiftRow>(`${GIFT} WHERE g.id = ?`);
  const giftByName = db.prepare<[string], { id: number }>('SELECT id FROM gifts WHERE name = ?');
  const stockOf = db.prepare<[number], { n: number }>('SELECT coalesce(sum(delta), 0) AS n FROM gift_stock_ledger WHERE gift_id = ?');
  const move = db.prepare(`INSERT INTO gift_stock_ledger (gift_id, at, delta, reason, redemption_id, staff_id, note)
    VALUES (@giftId, @at, @delta, @reason, @redemptionId, @staffId, @note)`);
  const REDEMPTION = `SELECT r.id, r.at, r.member_id, r.gift_id, r.gift_name, g.kind, r.qty, r.points, r.points_entry_id, st.name AS staff_name,
      c.at AS cancelled_at, cs.name AS cancelled_by, c.reason AS cancel_reason,
      EXISTS (SELECT 1 FROM gift_stock_ledger s WHERE s.redemption_id = r.id AND s.reason = 'redeem') AS took_stock
    FROM gift_redemptions r JOIN gifts g ON g.id = r.gift_id LEFT JOIN staff st ON st.id = r.staff_id
    LEFT JOIN gift_redemption_cancels c ON c.redemption_id = r.id LEFT JOIN staff cs ON cs.id = c.staff_id`;
  const redemptionById = db.prepare<[number], RedemptionRow>(`${REDEMPTION} WHERE r.id = ?`);
  const redemptionByRef = db.prepare<[string], { id: number }>('SELECT id FROM gift_redemptions WHERE client_ref = ?');
  const memberStatus = db.prepare<[number], { status: string }>('SELECT status FROM members WHERE id = ?');
  const now = () => localDateTime(clock.now());

  const giftView = (g: GiftRow): Gift => ({
    id: g.id, name: g.name, kind: g.kind, pointsCost: g.points_cost, trackStock: g.track_stock === 1, stock: g.track_stock === 1 ? g.stock : null, active: g.active === 1,
  });
  const redemptionView = (r: RedemptionRow): GiftRedemption => ({
    id: r.id, at: r.at, memberId: r.member_id, giftId: r.gift_id, giftName: r.gift_name, kind: r.kind, qty: r.qty, points: r.points, staffName: r.staff_name, tookStock: r.took_stock === 1,
    cancelled: r.cancelled_at === null ? null : { at: r.cancelled_at, staffName: r.cancelled_by, reason: r.cancel_reason ?? '' },
  });

  function gift(id: number): GiftRow {
    const g = giftById.get(id);
    if (!g) throw new DomainError('not_found', { entity: 'gift', id });
    return g;
  }
  function redemptionRow(id: number): RedemptionRow {
    const r = redemptionById.get(id);
    if (!r) throw new DomainError('not_found', { entity: 'gift_redemption', id });
    return r;
  }
  /** Members who can still redeem: active ones. Frozen cards and closed members are refused with their reason. */
  function requireActiveMember(memberId: number): void {
    const m = memberStatus.get(memberId);
    if (!m) throw new DomainError('not_found', { entity: 'member', id: memberId });
    if (m.status === 'frozen') throw new DomainError('rule_violation', { rule: 'member_frozen' }, 'errors.gift_member_frozen');
    if (m.status !== 'active') throw new DomainError('rule_violation', { rule: 'member_closed', status: m.status }, 'errors.member_closed');
  }

  return {
    list(includeInactive: boolean): Gift[] {
      return (db.prepare(`${GIFT} ${includeInactive ? '' : 'WHERE g.active = 1'} ORDER BY g.active DESC, g.kind, g.points_cost, g.name`).all() as GiftRow[]).map(giftView);
    },

    get: (id: number): Gift => giftView(gift(id)),

    save(input: SaveGiftInput, staffId: number): Gift {
      const clash = giftByName.get(input.name);
      if (clash && clash.id !== input.id) throw new DomainError('conflict', { field: 'name' }, 'errors.gift_name_taken');
      if (input.initialStock !== undefined && (input.id !== undefined || !input.trackStock)) throw new DomainError('bad_input', { field: 'initialStock', rule: 'only_when_creating_a_stocked_gift' });
      const id = db.transaction(() => {
        const at = now();
        const params = { name: input.name, kind: input.kind, cost: input.pointsCost, track: input.trackStock ? 1 : 0, active: input.active ? 1 : 0, at };
        let id = input.id;
        if (id !== undefined) {
          const before = giftView(gift(id));
          db.prepare('UPDATE gifts SET name=@name, kind=@kind, points_cost=@cost, track_stock=@track, active=@active, updated_at=@at WHERE id=@id').run({ ...params, id });
          audit.record({ staffId, action: 'gifts.save', entity: 'gift', entityId: id, details: { before, after: giftView(gift(id)) } });
        } else {
          id = Number(db.prepare('INSERT INTO gifts (name, kind, points_cost, track_stock, active, created_at, updated_at) VALUES (@name, @kind, @cost, @track, @active, @at, @at)').run(params).lastInsertRowid);
          if (input.initialStock) move.run({ giftId: id, at, delta: input.initialStock, reason: 'restock', redemptionId: null, staffId, note: '' });
          audit.record({ staffId, action: 'gifts.save', entity: 'gift', entityId: id, details: { after: giftView(gift(id)) } });
        }
        return id;
      })();
      return giftView(gift(id));
    },

    /** 补货 (+) or a correction (−), with a reason. Stock never goes below zero. */
    restock(giftId: number, delta: number, reason: string, staffId: number): Gift {
      db.transaction(() => {
        const g = gift(giftId);
        if (g.track_stock !== 1) throw new DomainError('rule_violation', { rule: 'gift_stock_untracked' }, 'errors.gift_stock_untracked');
        if (g.stock + delta < 0) throw new DomainError('rule_violation', { rule: 'gift_stock_negative', stock: g.stock }, 'errors.gift_stock_negative');
        move.run({ giftId, at: now(), delta, reason: delta > 0 ? 'restock' : 'correction', redemptionId: null, staffId, note: reason });
        audit.record({ staffId, action: 'gifts.restock', entity: 'gift', entityId: giftId, details: { before: g.stock, after: g.stock + delta, delta, reason } });
      })();
      return giftView(gift(giftId));
    },

    /** 积分兑换: refuses an inactive gift, missing stock, too few usable points, or a member who cannot redeem. */
    async redeem(input: RedeemInput, staffId: number) {
      const answer = (id: number, printJobId: number | null) => {
        const r = redemptionRow(id);
        const g = gift(r.gift_id);
        return { redemption: redemptionView(r), balance: points.balance(r.member_id), usable: points.usable(r.member_id), stock: g.track_stock === 1 ? g.stock : null, printJobId };
      };
      const done = redemptionByRef.get(input.clientRef);
      if (done) return answer(done.id, null);
      const asked = giftById.get(input.giftId);
      const pass = asked && d.spends
        ? await d.spends.check({ clientRef: input.clientRef, memberId: input.memberId, points: asked.points_cost * input.qty, storedValueFen: 0, couponIds: [], countCardUses: [] })
        : ({ mode: 'none' } as const);
      let result;
      try {
        result = db.transaction(() => {
          if (redemptionByRef.get(input.clientRef)) return { id: redemptionByRef.get(input.clientRef)!.id, jobId: null };
          requireActiveMember(input.memberId);
          const g = gift(input.giftId);
          if (g.active !== 1) throw new DomainError('rule_violation', { rule: 'gift_inactive' }, 'errors.gift_inactive');
          const cost = g.points_cost * input.qty;
          if (input.expectedPoints !== undefined && input.expectedPoints !== cost) throw new DomainError('conflict', { rule: 'gift_cost_changed', points: cost }, 'errors.gift_cost_changed');
          if (g.track_stock === 1 && g.stock < input.qty) throw new DomainError('rule_violation', { rule: 'gift_out_of_stock', stock: g.stock }, 'errors.gift_out_of_stock');
          const usable = points.usable(input.memberId);
          if (cost > usable) throw new DomainError('rule_violation', { rule: 'points_insufficient', usable, needed: cost }, 'errors.points_insufficient');
          const at = now();
          const pointsEntryId = points.post(input.memberId, -cost, GIFT_POINTS_REASON, { staffId, note: `${g.name} ×${input.qty}` })!; // cost ≥ 1
          const id = Number(db.prepare(`INSERT INTO gift_redemptions (member_id, gift_id, gift_name, qty, points, points_entry_id, staff_id, at, client_ref)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(input.memberId, g.id, g.name, input.qty, cost, pointsEntryId, staffId, at, input.clientRef).lastInsertRowid);
          if (g.track_stock === 1) move.run({ giftId: g.id, at, delta: -input.qty, reason: 'redeem', redemptionId: id, staffId, note: '' });
          audit.record({ staffId, action: 'gifts.redeem', entity: 'member', entityId: input.memberId, details: { redemptionId: id, giftId: g.id, gift: g.name, qty: input.qty, points: cost } });
          d.spends?.record(pass, null);
          return { id, jobId: input.print ? d.print.enqueue('gift_redemption', id) : null };
        })();
      } catch (err) {
        d.spends?.release(pass);
        throw err;
      }
      if (result.jobId !== null) void d.print.kick();
      return answer(result.id, result.jobId);
    },

    redemptions(memberId: number, offset: number, limit: number) {
      const total = (db.prepare('SELECT count(*) AS n FROM gift_redemptions WHERE member_id = ?').get(memberId) as { n: number }).n;
      const items = (db.prepare(`${REDEMPTION} WHERE r.member_id = ? ORDER BY r.id DESC LIMIT ? OFFSET ?`).all(memberId, limit, offset) as RedemptionRow[]).map(redemptionView);
      return { total, items };
    },

    redemption: (id: number): GiftRedemption => redemptionView(redemptionRow(id)),

    /** 撤销兑换: gives back the points (with the expiry they had) and the stock the redemption took. Once only. */
    cancel(redemptionId: number, reason: string, staffId: number) {
      const r = db.transaction(() => {
        const r = redemptionRow(redemptionId);
        if (r.cancelled_at !== null) throw new DomainError('rule_violation', { rule: 'gift_redemption_cancelled' }, 'errors.gift_redemption_cancelled');
        const m = memberStatus.get(r.member_id)!;
        // An erased or merged member's points are gone or moved: nothing to give back to.
        if (m.status !== 'active' && m.status !== 'frozen') throw new DomainError('rule_violation', { rule: 'member_closed', status: m.status }, 'errors.member_closed');
        const at = now();
        db.prepare('INSERT INTO gift_redemption_cancels (redemption_id, at, staff_id, reason) VALUES (?, ?, ?, ?)').run(redemptionId, at, staffId, reason);
        const note = `${r.gift_name} ×${r.qty}: ${reason}`;
        let back = 0;
        for (const lot of lotsTakenBy(points.entries(r.member_id), r.points_entry_id)) {
          points.post(r.member_id, lot.points, GIFT_CANCEL_POINTS_REASON, { staffId, expiresOn: lot.expiresOn, note });
          back += lot.points;
        }
        // Only if the redemption ran into a debt (it cannot, being checked against usable points): the rest comes back as new points.
        if (back < r.points) points.post(r.member_id, r.points - back, GIFT_CANCEL_POINTS_REASON, { staffId, note });
        const stockTaken = -(db.prepare<[number], { n: number }>('SELECT coalesce(sum(delta), 0) AS n FROM gift_stock_ledger WHERE redemption_id = ?').get(redemptionId)!.n);
        if (stockTaken > 0) move.run({ giftId: r.gift_id, at, delta: stockTaken, reason: 'cancel', redemptionId, staffId, note: reason });
        audit.record({ staffId, action: 'gifts.cancel', entity: 'member', entityId: r.member_id, details: { redemptionId, gift: r.gift_name, qty: r.qty, points: r.points, stock: stockTaken, reason } });
        return r;
      })();
      return { redemption: redemptionView(redemptionRow(redemptionId)), balance: points.balance(r.member_id), usable: points.usable(r.member_id) };
    },

    stock: (giftId: number) => stockOf.get(giftId)!.n,

    /** What the 兑换单 prints, from the committed rows (the balance is the ledger's sum up to the redemption's entry). */
    slip(redemptionId: number, shopName: string): GiftSlip {
      const r = redemptionRow(redemptionId);
      const m = db.prepare<[number], { name: string; phone: string | null }>('SELECT name, phone FROM members WHERE id = ?').get(r.member_id)!;
      const balanceAfter = db.prepare<[number, number], { n: number }>('SELECT coalesce(sum(delta), 0) AS n FROM points_ledger WHERE member_id = ? AND id <= ?').get(r.member_id, r.points_entry_id)!.n;
      return {
        shopName, redemptionId: r.id, at: r.at, cashier: r.staff_name ?? '', maskedPhone: maskPhone(m.phone), memberName: m.name,
        giftName: r.gift_name, kind: r.kind, qty: r.qty, points: r.points, balanceAfter,
      };
    },
  };
}
export type Gifts = ReturnType<typeof createGifts>;
