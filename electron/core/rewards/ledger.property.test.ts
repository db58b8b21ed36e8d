import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { replay, usableOn, expiredOn, type LedgerEntry, type Replay } from './fifo.js';
import { lotsTakenBy } from './gifts.js';
import { openShop, ok, clientRef } from '../../../tests/helpers/shop.js';
import { fixedClock } from '../../../tests/helpers/core.js';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);

/**
 * Random ledgers in date order: earnings with expiry, spending at checkout and on gifts,
 * cancelled gift redemptions (given back lot by lot with the expiry they had, as gifts.ts
 * does), refund reversals and expiry write-offs.
 */
const ledgerArb = fc.array(
  fc.record({ gap: fc.nat(40), kind: fc.constantFrom('earn', 'earn', 'spend', 'gift', 'giftCancel', 'reverse', 'expire'), amount: fc.integer({ min: 1, max: 500 }), life: fc.integer({ min: 1, max: 400 }) }),
  { maxLength: 60 },
).map((ops) => {
  const entries: LedgerEntry[] = [];
  const openGifts: number[] = [];
  let d = 0;
  let id = 0;
  for (const op of ops) {
    d += op.gap;
    const on = day(d);
    const r = replay(entries);
    if (op.kind === 'earn') entries.push({ id: ++id, on, delta: op.amount, reason: 'earn', expiresOn: day(d + op.life) });
    else if (op.kind === 'spend' || op.kind === 'gift') {
      const usable = usableOn(r, on);
      if (usable > 0) entries.push({ id: ++id, on, delta: -Math.min(usable, op.amount), reason: op.kind === 'gift' ? 'gift' : 'redeem', expiresOn: null });
      if (usable > 0 && op.kind === 'gift') openGifts.push(id);
    } else if (op.kind === 'giftCancel') {
      const giftId = openGifts.splice(op.amount % Math.max(1, openGifts.length), 1)[0];
      if (giftId === undefined) continue;
      for (const lot of lotsTakenBy(entries, giftId)) entries.push({ id: ++id, on, delta: lot.points, reason: 'gift_cancel', expiresOn: lot.expiresOn });
    } else if (op.kind === 'reverse') entries.push({ id: ++id, on, delta: -op.amount, reason: 'refund_reverse', expiresOn: null });
    else {
      const gone = expiredOn(r, on);
      if (gone > 0) entries.push({ id: ++id, on, delta: -gone, reason: 'expire', expiresOn: null });
    }
  }
  return entries;
});

/** What is left of a member's points, by last day: two replays with equal profiles are the same points. */
function profile(r: Replay): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of r.lots) if (l.remaining > 0) out[l.expiresOn ?? 'never'] = (out[l.expiresOn ?? 'never'] ?? 0) + l.remaining;
  return out;
}

describe('points FIFO replay (property)', () => {
  it('the balance always equals the sum of the ledger', () => {
    fc.assert(fc.property(ledgerArb, (entries) => {
      expect(replay(entries).balance).toBe(entries.reduce((s, e) => s + e.delta, 0));
    }));
  });

  it('the balance goes below zero only through a refund reversal', () => {
    fc.assert(fc.property(ledgerArb, (entries) => {
      for (let i = 1; i <= entries.length; i++) {
        const r = replay(entries.slice(0, i));
        if (r.debt > 0) expect(entries.slice(0, i).some((e) => e.reason === 'refund_reverse')).toBe(true);
        expect(r.lots.every((l) => l.remaining >= 0 && l.remaining <= l.amount)).toBe(true);
      }
    }));
  });

  it('spending takes the earliest-expiring valid points first', () => {
    fc.assert(fc.property(ledgerArb, (entries) => {
      entries.forEach((e, i) => {
        if (e.delta >= 0 || e.reason === 'expire') return;
        const before = replay(entries.slice(0, i)).lots;
        const after = replay(entries.slice(0, i + 1)).lots;
        const valid = before.filter((l) => l.remaining > 0 && (l.expiresOn === null || l.expiresOn >= e.on));
        const touched = valid.filter((l) => after.find((a) => a.id === l.id)!.remaining < l.remaining);
        for (const t of touched) {
          // Every valid lot expiring strictly earlier than a touched one is used up.
          for (const earlier of valid.filter((l) => (l.expiresOn ?? '9999') < (t.expiresOn ?? '9999'))) {
            expect(after.find((a) => a.id === earlier.id)!.remaining).toBe(0);
          }
        }
        // Expired lots are never touched by spending.
        for (const l of before.filter((x) => x.expiresOn !== null && x.expiresOn < e.on)) {
          expect(after.find((a) => a.id === l.id)!.remaining).toBe(l.remaining);
        }
      });
    }));
  });

  it('expiry is idempotent: once written off, nothing more expires that day', () => {
    fc.assert(fc.property(ledgerArb, fc.nat(900), (entries, later) => {
      const on = day(later + 100);
      const r = replay(entries);
      const gone = expiredOn(r, on);
      const after = gone > 0 ? [...entries, { id: 10_000, on, delta: -gone, reason: 'expire', expiresOn: null }] : entries;
      expect(expiredOn(replay(after), on)).toBe(0);
      expect(replay(after).debt).toBe(r.debt);
    }));
  });
});

describe('gift redemptions and cancellations in the FIFO replay (property)', () => {
  it('a cancellation gives back exactly what the redemption took, and right after it the points are as before', () => {
    fc.assert(fc.property(ledgerArb, fc.integer({ min: 1, max: 2000 }), fc.nat(30), (entries, points, later) => {
      const on = day(later + 2000);
      const before = replay(entries);
      const usable = usableOn(before, on);
      if (usable === 0) return;
      const spend = Math.min(usable, points);
      const withGift = [...entries, { id: 50_000, on, delta: -spend, reason: 'gift', expiresOn: null }];
      const taken = lotsTakenBy(withGift, 50_000);
      expect(taken.reduce((n, l) => n + l.points, 0)).toBe(spend);
      // Only lots still valid that day are taken, earliest last day first (FIFO like checkout).
      expect(taken.every((l) => l.expiresOn === null || l.expiresOn >= on)).toBe(true);
      const cancelled = [...withGift, ...taken.map((l, i) => ({ id: 50_001 + i, on, delta: l.points, reason: 'gift_cancel', expiresOn: l.expiresOn }))];
      const after = replay(cancelled);
      expect(after.balance).toBe(before.balance);
      expect(after.debt).toBe(before.debt);
      expect(usableOn(after, on)).toBe(usable);
      expect(profile(after)).toEqual(profile(before));
    }));
  });

  it('with gifts and cancellations in the ledger, every gift cancellation returns what its gift took and nothing goes negative without a refund', () => {
    fc.assert(fc.property(ledgerArb, (entries) => {
      const gifts = entries.filter((e) => e.reason === 'gift');
      for (const g of gifts) expect(lotsTakenBy(entries, g.id).reduce((n, l) => n + l.points, 0)).toBe(-g.delta);
      const r = replay(entries);
      if (r.balance < 0) expect(entries.some((e) => e.reason === 'refund_reverse')).toBe(true);
    }));
  });
});

describe('ledgers through the real till (property)', () => {
  let shop: Awaited<ReturnType<typeof openShop>>;
  const clock = fixedClock('2026-03-01T10:00:00');
  /** A gift with little stock (so it runs out) and a service without stock. */
  let gifts: Array<{ id: number; pointsCost: number; trackStock: boolean }>;
  beforeAll(async () => {
    shop = await openShop({ clock });
    gifts = [
      await ok(shop.core, 'gifts.save', { name: '抽纸', kind: 'gift', pointsCost: 20, initialStock: 30 }, shop.owner),
      await ok(shop.core, 'gifts.save', { name: '洗车', kind: 'service', pointsCost: 150, trackStock: false }, shop.owner),
    ];
  });
  afterAll(async () => { await shop.core.dispose(); });

  it('for random sales, partial and whole refunds, redemptions at checkout and for gifts, gift cancellations, restocks, adjustments and expiry, every balance equals its ledger, stock never goes below zero, and a whole refund or a cancellation restores it', async () => {
    let phone = 13800000000;
    const summaryOf = (memberId: number) => ok(shop.core, 'points.summary', { memberId }, shop.cashier.token);
    const stockOf = (giftId: number) => (shop.core.db.prepare('SELECT coalesce(sum(delta), 0) AS n FROM gift_stock_ledger WHERE gift_id = ?').get(giftId) as { n: number }).n;
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ op: fc.constantFrom('sale', 'sale', 'refund', 'wholeRefund', 'adjust', 'days', 'gift', 'gift', 'giftCancel', 'giftCancel', 'restock'), qty: fc.integer({ min: 1, max: 5 }), product: fc.nat(3), redeem: fc.nat(400), days: fc.integer({ min: 1, max: 200 }) }), { minLength: 3, maxLength: 14 }),
      async (ops) => {
        const m = await ok(shop.core, 'members.enrol', { phone: String(++phone) }, shop.cashier.token);
        // Enough points to start with that gifts are redeemed, not only refused.
        await ok(shop.core, 'points.adjust', { memberId: m.id, delta: 300, reason: '期初' }, shop.manager.token);
        const sales: Array<{ id: number; lines: Array<{ id: number; qty: number }> }> = [];
        const redemptions: Array<{ id: number; points: number; qty: number; giftId: number }> = [];
        // The member's points just before the last redemption, while nothing else has happened since.
        let justRedeemed: { id: number; before: Awaited<ReturnType<typeof summaryOf>> } | null = null;
        for (const o of ops) {
          if (o.op !== 'giftCancel') justRedeemed = null;
          if (o.op === 'sale' || o.op === 'wholeRefund') {
            const lines = [{ productId: shop.products[o.product]!.id, qty: o.qty }];
            const usable = (await ok(shop.core, 'points.summary', { memberId: m.id }, shop.cashier.token)).usable;
            const attempt = (redeemPoints: number, total: number) => shop.core.dispatcher.call('sales.commit', {
              clientRef: clientRef(), memberId: m.id, lines, redeemPoints, payments: total > 0 ? [{ method: 'card', amountFen: total }] : [], expectedTotalFen: total,
            }, shop.cashier.token);
            let redeem = Math.min(o.redeem, usable);
            let r = await attempt(redeem, 0);
            if (!r.ok && r.error.messageKey === 'errors.points_over_limit') { redeem = 0; r = await attempt(0, 0); }
            if (!r.ok && r.error.code === 'conflict') r = await attempt(redeem, (r.error.details as { totalFen: number }).totalFen);
            if (!r.ok) throw new Error(JSON.stringify(r.error));
            const sale = r.value.sale;
            if (o.op === 'wholeRefund') {
              const before = (await ok(shop.core, 'points.summary', { memberId: m.id }, shop.cashier.token)).balance;
              const pointsBeforeSale = before + redeem - sale.pointsEarned;
              const refundLines = sale.lines.map((l) => ({ lineId: l.id, qty: l.qty }));
              const { amountFen } = await ok(shop.core, 'sales.refundQuote', { saleId: sale.id, lines: refundLines }, shop.manager.token);
              await ok(shop.core, 'sales.refund', { saleId: sale.id, clientRef: clientRef(), lines: refundLines, payments: amountFen > 0 ? [{ method: 'card', amountFen }] : [] }, shop.manager.token);
              expect((await ok(shop.core, 'points.summary', { memberId: m.id }, shop.cashier.token)).balance).toBe(pointsBeforeSale);
            } else sales.push({ id: sale.id, lines: sale.lines.map((l) => ({ id: l.id, qty: l.qty })) });
          } else if (o.op === 'refund' && sales.length > 0) {
            const sale = await ok(shop.core, 'sales.get', { id: sales[o.product % sales.length]!.id }, shop.cashier.token);
            const line = sale.lines.find((l) => l.refundableQty > 0);
            if (!line) continue;
            const lines = [{ lineId: line.id, qty: Math.min(line.refundableQty, o.qty) }];
            const { amountFen } = await ok(shop.core, 'sales.refundQuote', { saleId: sale.id, lines }, shop.manager.token);
            await ok(shop.core, 'sales.refund', { saleId: sale.id, clientRef: clientRef(), lines, payments: amountFen > 0 ? [{ method: 'card', amountFen }] : [] }, shop.manager.token);
          } else if (o.op === 'adjust') {
            await ok(shop.core, 'points.adjust', { memberId: m.id, delta: o.redeem + 1, reason: '测试' }, shop.manager.token);
          } else if (o.op === 'days') {
            clock.advance(o.days * 86_400_000);
            await ok(shop.core, 'rewards.runDaily', {}, shop.owner);
          } else if (o.op === 'gift') {
            const g = gifts[o.product % gifts.length]!;
            const before = await summaryOf(m.id);
            const stockBefore = stockOf(g.id);
            const cost = g.pointsCost * o.qty;
            const r = await shop.core.dispatcher.call('gifts.redeem', { memberId: m.id, giftId: g.id, qty: o.qty, clientRef: clientRef() }, shop.cashier.token);
            if (g.trackStock && stockBefore < o.qty) expect(r).toMatchObject({ ok: false, error: { messageKey: 'errors.gift_out_of_stock' } });
            else if (cost > before.usable) expect(r).toMatchObject({ ok: false, error: { messageKey: 'errors.points_insufficient' } });
            else {
              if (!r.ok) throw new Error(JSON.stringify(r.error));
              expect(r.value.balance).toBe(before.balance - cost);
              expect(stockOf(g.id)).toBe(g.trackStock ? stockBefore - o.qty : 0);
              redemptions.push({ id: r.value.redemption.id, points: cost, qty: o.qty, giftId: g.id });
              justRedeemed = { id: r.value.redemption.id, before };
            }
          } else if (o.op === 'giftCancel' && redemptions.length > 0) {
            const red = justRedeemed ? redemptions.pop()! : redemptions.splice(o.product % redemptions.length, 1)[0]!;
            const g = gifts.find((x) => x.id === red.giftId)!;
            const before = await summaryOf(m.id);
            const stockBefore = stockOf(g.id);
            await ok(shop.core, 'gifts.cancel', { redemptionId: red.id, reason: '测试撤销' }, shop.manager.token);
            const after = await summaryOf(m.id);
            expect(after.balance).toBe(before.balance + red.points);
            expect(stockOf(g.id)).toBe(stockBefore + (g.trackStock ? red.qty : 0));
            // Cancelled straight after it was made: the member's points are exactly as before it.
            if (justRedeemed?.id === red.id) expect(after).toEqual(justRedeemed.before);
            expect(await shop.core.dispatcher.call('gifts.cancel', { redemptionId: red.id, reason: '再次' }, shop.manager.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.gift_redemption_cancelled' } });
            justRedeemed = null;
          } else if (o.op === 'restock') {
            const delta = o.redeem % 2 === 0 ? o.qty * 2 : -o.qty * 2;
            const stockBefore = stockOf(gifts[0]!.id);
            const r = await shop.core.dispatcher.call('gifts.restock', { giftId: gifts[0]!.id, delta, reason: '盘点' }, shop.manager.token);
            if (stockBefore + delta < 0) expect(r).toMatchObject({ ok: false, error: { messageKey: 'errors.gift_stock_negative' } });
            else expect(r).toMatchObject({ ok: true, value: { stock: stockBefore + delta } });
          }
          expect(shop.core.db.prepare('SELECT gift_id FROM gift_stock_ledger GROUP BY gift_id HAVING sum(delta) < 0').all()).toEqual([]);
          const ledger = shop.core.db.prepare('SELECT coalesce(sum(delta), 0) AS s FROM points_ledger WHERE member_id = ?').get(m.id) as { s: number };
          const cached = shop.core.db.prepare('SELECT coalesce(points, 0) AS p FROM member_balances WHERE member_id = ?').get(m.id) as { p: number } | undefined;
          const summary = await ok(shop.core, 'points.summary', { memberId: m.id }, shop.cashier.token);
          expect(cached?.p ?? 0).toBe(ledger.s);
          expect(summary.balance).toBe(ledger.s);
          expect(summary.usable).toBeGreaterThanOrEqual(0);
          // Sales' totals never go below zero; refunds never exceed their sale.
          expect(shop.core.db.prepare("SELECT count(*) AS n FROM sales s WHERE s.kind = 'sale' AND (s.total_fen < 0 OR s.total_fen + coalesce((SELECT sum(total_fen) FROM sales r WHERE r.refund_of = s.id), 0) < 0)").get()).toEqual({ n: 0 });
        }
      },
    ), { numRuns: 15 });
  }, 120_000);
});
