import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../helpers/core.js';
import { ok, clientRef } from '../helpers/shop.js';
import { twoTillShop, storedValueOf, cachedBalance, payByCard, type Till } from '../helpers/two-tills.js';

/**
 * Spending shared balances with a shop server: real tills (own SQLite files, real cores) over
 * pinned HTTPS to a real server on a real PostgreSQL. Online, the server holds each spend
 * under a row lock before the sale commits; offline, the owner's caps apply and an overdraft
 * is flagged when the till comes back.
 */
const shop = twoTillShop();
// A server holds one shop: each test gets its own (a fresh database on the same PostgreSQL).
beforeEach(() => shop.start(), 60_000);
afterEach(() => shop.stop());
const serverDown = () => shop.serverDown();
const twoTills = (...a: Parameters<typeof shop.twoTills>) => shop.twoTills(...a);
const serverBalance = (kind: string) => shop.serverBalance(kind);

describe('spending shared balances with a shop server', () => {
  it('online: 20 simultaneous stored-value spends from two tills never take the balance below zero; every refusal is typed', async () => {
    const s = await twoTills(10_000); // ¥100: at most six ¥15 spends
    const before = storedValueOf(s.one, s.member.at1);
    const attempts = Array.from({ length: 20 }, (_, i) => (i % 2 === 0
      ? payByCard(s.one, s.owner1, s.member.at1, s.product.at1)
      : payByCard(s.two, s.owner2, s.member.at2, s.product.at2)));
    const results = await Promise.all(attempts);
    const done = results.filter((r) => r.ok).length;
    expect(done).toBe(Math.floor(before / 1500));
    for (const r of results) {
      if (r.ok) continue;
      expect(r.error.code).toBe('rule_violation');
      // The server's answer names what is left; a till's own ledger may refuse first for its own sales.
      expect(['errors.spend_refused_stored_value', 'errors.stored_value_insufficient']).toContain(r.error.messageKey);
      if (r.error.messageKey === 'errors.spend_refused_stored_value') expect(r.error.details).toMatchObject({ kind: 'stored_value', availableYuan: expect.any(String) });
    }
    await s.one.services.sync.syncOnce();
    await s.two.services.sync.syncOnce();
    await s.one.services.sync.syncOnce();
    for (const [t, id] of [[s.one, s.member.at1], [s.two, s.member.at2]] as const) {
      expect(storedValueOf(t, id)).toBe(before - done * 1500);
      expect(cachedBalance(t, id)).toBe(storedValueOf(t, id));
      expect(storedValueOf(t, id)).toBeGreaterThanOrEqual(0);
    }
    expect(await serverBalance('stored_value')).toBe(before - done * 1500);
    const flagged = await shop.server.db.pool.query("SELECT count(*)::int AS n FROM exceptions WHERE kind = 'overdraft'");
    expect(flagged.rows[0].n).toBe(0);
    // No hold is left open once the sales have arrived.
    const open = await shop.server.db.pool.query('SELECT count(*)::int AS n FROM holds WHERE settled_sale IS NULL AND released_at IS NULL');
    expect(open.rows[0].n).toBe(0);
  }, 60_000);

  it('offline: stored value within the caps, refused beyond them with the reason; cash goes on; the exposure is confirmed once back', async () => {
    const s = await twoTills(50_000);
    await ok(s.one, 'sync.setOfflineCaps', { memberStoredValueFen: 3_000, tillStoredValueFen: 4_500 }, s.owner1);
    await s.one.services.sync.syncOnce();
    const back = await serverDown();
    await expect(s.one.services.sync.syncOnce()).rejects.toThrow();
    expect(s.one.services.sync.status().online).toBe(false);

    // ¥30 per member at this till: two ¥15 spends, then the third is refused with what is left.
    expect((await payByCard(s.one, s.owner1, s.member.at1, s.product.at1)).ok).toBe(true);
    expect((await payByCard(s.one, s.owner1, s.member.at1, s.product.at1)).ok).toBe(true);
    const third = await payByCard(s.one, s.owner1, s.member.at1, s.product.at1);
    expect(third).toMatchObject({ ok: false, error: { code: 'rule_violation', messageKey: 'errors.offline_cap_member_stored_value', details: { limitYuan: '30.00', leftYuan: '0.00' } } });
    // Cash is never capped.
    const cash = await s.one.dispatcher.call('sales.commit', {
      clientRef: clientRef(), lines: [{ productId: s.product.at1, qty: 1 }], memberId: s.member.at1, payments: [{ method: 'cash', amountFen: 1500, tenderedFen: 2000 }], expectedTotalFen: 1500, print: false,
    }, s.owner1);
    expect(cash.ok).toBe(true);
    // The till's own cap (¥45 in all): another member gets one ¥15 spend, then the till is at its limit.
    const other = await ok(s.one, 'members.enrol', { phone: '13700137000', name: '李雷' }, s.owner1);
    await ok(s.one, 'storedValue.topUp', { memberId: other.id, amountFen: 10_000, method: 'cash', tenderedFen: null, clientRef: clientRef(), print: false }, s.owner1);
    expect((await payByCard(s.one, s.owner1, other.id, s.product.at1)).ok).toBe(true);
    expect(await payByCard(s.one, s.owner1, other.id, s.product.at1)).toMatchObject({ ok: false, error: { messageKey: 'errors.offline_cap_till_stored_value' } });
    expect(await ok(s.one, 'sync.exposure', {}, s.owner1)).toMatchObject({ sales: 3, storedValueFen: 4_500 });
    // The daily report shows it too: spent offline that day, and not yet confirmed.
    const today = (await ok(s.one, 'stats.dailyReport', { day: new Date().toLocaleDateString('sv-SE') }, s.owner1)).offline;
    expect(today).toMatchObject({ thatDay: { sales: 3, storedValueFen: 4_500 }, unconfirmed: { sales: 3, storedValueFen: 4_500 }, openOverdrafts: 0 });
    const csv = await ok(s.one, 'stats.exportDailyReport', { day: new Date().toLocaleDateString('sv-SE'), format: 'csv' }, s.owner1);
    expect(Buffer.from(csv.base64, 'base64').toString('utf8')).toContain('待服务器确认');

    await back();
    await s.one.services.sync.syncOnce();
    expect(s.one.services.sync.status()).toMatchObject({ online: true, backlog: 0, exceptions: 0 });
    expect(await ok(s.one, 'sync.exposure', {}, s.owner1)).toMatchObject({ sales: 0, storedValueFen: 0 });
    expect((await ok(s.one, 'stats.dailyReport', { day: new Date().toLocaleDateString('sv-SE') }, s.owner1)).offline).toMatchObject({ thatDay: { sales: 3 }, unconfirmed: { sales: 0 } });
    await s.two.services.sync.syncOnce();
    expect(storedValueOf(s.two, s.member.at2)).toBe(storedValueOf(s.one, s.member.at1));
    // Back online, the cap no longer applies: the server's balance does.
    expect((await payByCard(s.one, s.owner1, s.member.at1, s.product.at1)).ok).toBe(true);
  }, 60_000);

  it('offline at two tills, both spending the same balance: accepted, converges, and the overdraft is flagged, never silent', async () => {
    const s = await twoTills(2_000); // ¥20, and each till spends ¥15 while the server is down
    const back = await serverDown();
    expect((await payByCard(s.one, s.owner1, s.member.at1, s.product.at1)).ok).toBe(true);
    const second = await payByCard(s.two, s.owner2, s.member.at2, s.product.at2);
    expect(second, JSON.stringify(second)).toMatchObject({ ok: true });
    await back();
    await s.one.services.sync.syncOnce();
    await s.two.services.sync.syncOnce();
    await s.one.services.sync.syncOnce();
    for (const [t, id] of [[s.one, s.member.at1], [s.two, s.member.at2]] as const) {
      expect(storedValueOf(t, id)).toBe(-1_000);
      expect(cachedBalance(t, id)).toBe(-1_000);
    }
    expect(await serverBalance('stored_value')).toBe(-1_000);
    const flagged = await shop.server.db.pool.query<{ reason: string; tbl: string }>("SELECT reason, tbl FROM exceptions WHERE kind = 'overdraft'");
    expect(flagged.rows).toEqual([{ reason: 'stored_value_short', tbl: 'stored_value_ledger' }]);
    // The till whose spend came second is told, and its manager sees it.
    const seen = [...(await ok(s.one, 'sync.exceptions', {}, s.owner1)).items, ...(await ok(s.two, 'sync.exceptions', {}, s.owner2)).items];
    expect(seen).toEqual([expect.objectContaining({ kind: 'overdraft', reason: 'stored_value_short', table: 'stored_value_ledger' })]);
    // Online again, the overdrawn balance refuses a spend with what is left (nothing).
    expect(await payByCard(s.one, s.owner1, s.member.at1, s.product.at1)).toMatchObject({ ok: false, error: { messageKey: expect.stringMatching(/stored_value_insufficient|spend_refused_stored_value/) } });
    // The next top-up makes it good.
    await ok(s.one, 'storedValue.topUp', { memberId: s.member.at1, amountFen: 5_000, method: 'cash', tenderedFen: null, clientRef: clientRef(), print: false }, s.owner1);
    await s.one.services.sync.syncOnce();
    expect(await serverBalance('stored_value')).toBe(4_000);
  }, 60_000);

  it('a coupon used at two tills while offline: the second use is refused at the server and shown; online, a used coupon is refused at the till', async () => {
    const s = await twoTills(0);
    const tpl = await ok(s.one, 'coupons.saveTemplate', { name: '满10减5', kind: 'amount', value: 500, minSpendFen: 1000, validDays: 30 }, s.owner1);
    await ok(s.one, 'coupons.issue', { templateId: tpl.id, memberIds: [s.member.at1] }, s.owner1);
    await s.one.services.sync.syncOnce();
    await s.two.services.sync.syncOnce();
    const code = (s.one.db.prepare('SELECT code FROM coupons').get() as { code: string }).code;
    const useAt = (t: Till, token: string, memberId: number, productId: number) => t.dispatcher.call('sales.commit', {
      clientRef: clientRef(), lines: [{ productId, qty: 1 }], memberId, couponCodes: [code], payments: [{ method: 'cash', amountFen: 1000, tenderedFen: null }], expectedTotalFen: 1000, print: false,
    }, token);
    const back = await serverDown();
    expect((await useAt(s.one, s.owner1, s.member.at1, s.product.at1)).ok).toBe(true);
    expect((await useAt(s.two, s.owner2, s.member.at2, s.product.at2)).ok).toBe(true);
    await back();
    await s.one.services.sync.syncOnce();
    await s.two.services.sync.syncOnce();
    await s.one.services.sync.syncOnce();
    expect((await ok(s.two, 'sync.exceptions', {}, s.owner2)).items).toEqual([expect.objectContaining({ kind: 'rejected', reason: 'coupon_short', table: 'coupon_uses' })]);
    expect(s.one.services.sync.status().feedStopped).toBe(false);
    expect(s.two.services.sync.status().feedStopped).toBe(false);
    expect(await serverBalance('coupon')).toBe(0);
    // Both tills now agree the coupon is used: a third try is refused at the counter.
    for (const [t, token, m, p] of [[s.one, s.owner1, s.member.at1, s.product.at1], [s.two, s.owner2, s.member.at2, s.product.at2]] as const) {
      expect(t.db.prepare('SELECT count(*) AS n FROM coupon_uses').get()).toEqual({ n: 1 });
      expect((await useAt(t, token, m, p)).ok).toBe(false);
    }
  }, 60_000);

  it('a server too slow to answer within the deadline: the spend counts as offline (capped, in the exposure), and the sale is not held up', async () => {
    const s = await twoTills(10_000, undefined, 1);
    const started = Date.now();
    expect((await payByCard(s.one, s.owner1, s.member.at1, s.product.at1)).ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await ok(s.one, 'sync.exposure', {}, s.owner1)).toMatchObject({ sales: 1, storedValueFen: 1_500 });
    await s.one.services.sync.syncOnce();
    expect(await ok(s.one, 'sync.exposure', {}, s.owner1)).toMatchObject({ sales: 0 });
    expect(await serverBalance('stored_value')).toBe(8_500);
  }, 60_000);

  it('offline longer than the owner allows: shared balances pause with the reason, and come back with the server', async () => {
    const clock = fixedClock(new Date());
    const s = await twoTills(10_000, clock);
    await ok(s.one, 'sync.setOfflineCaps', { maxOfflineHours: 2 }, s.owner1);
    await s.one.services.sync.syncOnce();
    const back = await serverDown();
    clock.advance(3 * 3_600_000);
    expect(await payByCard(s.one, s.owner1, s.member.at1, s.product.at1)).toMatchObject({ ok: false, error: { messageKey: 'errors.offline_too_long', details: { hours: 2 } } });
    await back();
    await s.one.services.sync.syncOnce();
    expect((await payByCard(s.one, s.owner1, s.member.at1, s.product.at1)).ok).toBe(true);
  }, 60_000);

  it('points are held the same way: a gift redeemed at two tills at once from one balance succeeds once; the other is told what is left', async () => {
    const s = await twoTills(0);
    await ok(s.one, 'points.adjust', { memberId: s.member.at1, delta: 1_000, reason: '开业赠送' }, s.owner1);
    const gift = await ok(s.one, 'gifts.save', { name: '帆布袋', kind: 'gift', pointsCost: 800, trackStock: false }, s.owner1);
    await s.one.services.sync.syncOnce();
    await s.two.services.sync.syncOnce();
    const giftAt2 = (s.two.db.prepare('SELECT id FROM gifts WHERE name = ?').get('帆布袋') as { id: number }).id;
    const points = (t: Till, id: number) => (t.db.prepare('SELECT coalesce(sum(delta), 0) AS n FROM points_ledger WHERE member_id = ?').get(id) as { n: number }).n;
    const before = points(s.one, s.member.at1);
    expect(before).toBeGreaterThanOrEqual(1_000);
    expect(before).toBeLessThan(1_600);
    const [a, b] = await Promise.all([
      s.one.dispatcher.call('gifts.redeem', { memberId: s.member.at1, giftId: gift.id, qty: 1, clientRef: clientRef(), print: false }, s.owner1),
      s.two.dispatcher.call('gifts.redeem', { memberId: s.member.at2, giftId: giftAt2, qty: 1, clientRef: clientRef(), print: false }, s.owner2),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const refused = [a, b].find((r) => !r.ok)!;
    expect(refused).toMatchObject({ ok: false, error: { code: 'rule_violation', messageKey: 'errors.spend_refused_points', details: { kind: 'points', available: before - 800 } } });
    await s.one.services.sync.syncOnce();
    await s.two.services.sync.syncOnce();
    await s.one.services.sync.syncOnce();
    expect(points(s.one, s.member.at1)).toBe(before - 800);
    expect(points(s.two, s.member.at2)).toBe(before - 800);
    expect(await serverBalance('points')).toBe(before - 800);
  }, 60_000);
});

