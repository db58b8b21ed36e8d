import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { replay, usableOn, expiredOn, type LedgerEntry } from './fifo.js';
import { openShop, ok, clientRef } from '../../../tests/helpers/shop.js';
import { fixedClock } from '../../../tests/helpers/core.js';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);

/** Random ledgers in date order: earnings with expiry, spending, and expiry write-offs. */
const ledgerArb = fc.array(
  fc.record({ gap: fc.nat(40), kind: fc.constantFrom('earn', 'earn', 'spend', 'reverse', 'expire'), amount: fc.integer({ min: 1, max: 500 }), life: fc.integer({ min: 1, max: 400 }) }),
  { maxLength: 60 },
).map((ops) => {
  const entries: LedgerEntry[] = [];
  let d = 0;
  for (const [i, op] of ops.entries()) {
    d += op.gap;
    const on = day(d);
    const r = replay(entries);
    if (op.kind === 'earn') entries.push({ id: i + 1, on, delta: op.amount, reason: 'earn', expiresOn: day(d + op.life) });
    else if (op.kind === 'spend') {
      const usable = usableOn(r, on);
      if (usable > 0) entries.push({ id: i + 1, on, delta: -Math.min(usable, op.amount), reason: 'redeem', expiresOn: null });
    } else if (op.kind === 'reverse') entries.push({ id: i + 1, on, delta: -op.amount, reason: 'refund_reverse', expiresOn: null });
    else {
      const gone = expiredOn(r, on);
      if (gone > 0) entries.push({ id: i + 1, on, delta: -gone, reason: 'expire', expiresOn: null });
    }
  }
  return entries;
});

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

describe('ledgers through the real till (property)', () => {
  let shop: Awaited<ReturnType<typeof openShop>>;
  const clock = fixedClock('2026-03-01T10:00:00');
  beforeAll(async () => { shop = await openShop({ clock }); });
  afterAll(async () => { await shop.core.dispose(); });

  it('for random sales, partial and whole refunds, redemptions, adjustments and expiry, every balance equals its ledger and a whole refund restores it', async () => {
    let phone = 13800000000;
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ op: fc.constantFrom('sale', 'sale', 'refund', 'wholeRefund', 'adjust', 'days'), qty: fc.integer({ min: 1, max: 5 }), product: fc.nat(3), redeem: fc.nat(400), days: fc.integer({ min: 1, max: 200 }) }), { minLength: 3, maxLength: 12 }),
      async (ops) => {
        const m = await ok(shop.core, 'members.enrol', { phone: String(++phone) }, shop.cashier.token);
        const sales: Array<{ id: number; lines: Array<{ id: number; qty: number }> }> = [];
        for (const o of ops) {
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
          }
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
