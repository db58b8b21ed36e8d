import { afterEach, describe, expect, it } from 'vitest';
import { testCore, shopWithOwner, fixedClock } from '../helpers/core.js';
import { ok, PRODUCTS, clientRef } from '../helpers/shop.js';
import { syncRelay } from '../helpers/sync-relay.js';

/**
 * The till's sync engine between real SQLite files: the outbox its triggers fill, the order
 * and grouping it sends, and the applier on the other till (ids mapped, triggers for
 * balances and summaries run, per-field last writer wins, idempotent replays).
 */
type Till = ReturnType<typeof testCore>;
const tills: Till[] = [];
afterEach(async () => { for (const t of tills.splice(0)) await t.dispose(); });

function shop() {
  const relay = syncRelay();
  const byToken = new Map<string, string>();
  const clock = fixedClock('2026-12-06T10:00:00');
  const till = () => {
    const t = testCore({ clock, syncLoop: false, syncConnect: (p) => relay.transport(byToken.get(p.token)!) });
    tills.push(t);
    return t;
  };
  const pair = (t: Till, name: string) => {
    const p = relay.pairing(name);
    byToken.set(p.token, p.tillId);
    t.services.sync.enable(p);
    return p;
  };
  return { relay, till, pair, clock };
}

const balances = (t: Till) => t.db.prepare(`SELECT m.phone, b.points, b.principal_fen, b.bonus_fen FROM member_balances b JOIN members m ON m.id = b.member_id ORDER BY m.phone`).all();
const daily = (t: Till) => t.db.prepare('SELECT day, sales, refunds, revenue_fen, member_sales FROM sales_daily ORDER BY day').all();

describe('sync engine between two tills', () => {
  it('a new till gets the shop from the first; sales and members made at either reach the other, balances and summaries alike', async () => {
    const { till, pair } = shop();
    const one = till();
    const { token: owner, ownerId } = await shopWithOwner(one);
    for (const p of PRODUCTS) await ok(one, 'products.save', p, owner);
    const member = await ok(one, 'members.enrol', { phone: '13800138000', name: '张三' }, owner);
    await ok(one, 'shifts.open', { openingFloatFen: 10000 }, owner);
    const cola = (await ok(one, 'products.list', { limit: 10 }, owner)).items.find((p) => p.sku === 'KL330')!;
    const sale1 = await ok(one, 'sales.commit', {
      clientRef: clientRef(), lines: [{ productId: cola.id, qty: 2 }], memberId: member.id,
      payments: [{ method: 'cash', amountFen: 600, tenderedFen: 1000 }], expectedTotalFen: 600, print: false,
    }, owner);
    expect(sale1.sale.receiptNo).toMatch(/^\d{8}-0001$/); // sold before pairing: the old form

    pair(one, '收银台 1');
    await one.services.sync.syncOnce();
    expect(one.services.sync.status()).toMatchObject({ paired: true, online: true, backlog: 0, tillCode: 'T1' });

    const two = till();
    pair(two, '收银台 2');
    await two.services.sync.syncOnce();
    // The shop is set up at till 2, and the owner signs in there with the same PIN.
    expect((await two.dispatcher.call('shop.status', {})).ok && (await two.dispatcher.call('shop.status', {}))).toMatchObject({ value: { setUp: true } });
    const at2 = await two.dispatcher.call('auth.signIn', { staffId: (two.db.prepare("SELECT id FROM staff WHERE name = '老板'").get() as { id: number }).id, pin: '1234' });
    if (!at2.ok) throw new Error(JSON.stringify(at2.error));
    const owner2 = at2.value.token;
    expect(balances(two)).toEqual(balances(one));
    expect(daily(two)).toEqual(daily(one));
    const found = await ok(two, 'members.find', { query: '13800138000' }, owner2);
    expect(found.members.map((m) => m.name)).toEqual(['张三']);

    // Till 2 sells to the same member in its own shift; its receipt carries its code.
    await ok(two, 'shifts.open', { openingFloatFen: 5000 }, owner2);
    const cola2 = (await ok(two, 'products.list', { limit: 10 }, owner2)).items.find((p) => p.sku === 'KL330')!;
    const sale2 = await ok(two, 'sales.commit', {
      clientRef: clientRef(), lines: [{ productId: cola2.id, qty: 1 }], memberId: found.members[0]!.id,
      payments: [{ method: 'card', amountFen: 300 }], expectedTotalFen: 300, print: false,
    }, owner2);
    expect(sale2.sale.receiptNo).toMatch(/^T2-\d{8}-0001$/);
    const enrolled2 = await ok(two, 'members.enrol', { phone: '13900139000', name: '李四' }, owner2);
    expect(enrolled2.cardNo.slice(2, 4)).toBe('02'); // till 2's card numbers
    await two.services.sync.syncOnce();
    await one.services.sync.syncOnce();

    expect(balances(one)).toEqual(balances(two));
    expect(daily(one)).toEqual(daily(two));
    expect((daily(one)[0] as { sales: number }).sales).toBe(2);
    expect((await ok(one, 'members.find', { query: '13900139000' }, owner)).members.map((m) => m.name)).toEqual(['李四']);
    // Each till still has its own open shift.
    expect((await ok(one, 'shifts.current', {}, owner))?.openingFloatFen).toBe(10000);
    expect((await ok(two, 'shifts.current', {}, owner2))?.openingFloatFen).toBe(5000);
    void ownerId;
  });

  it('edits of different fields at two tills both survive; the same field goes to the later edit, whatever the arrival order', async () => {
    const { till, pair, clock } = shop();
    const one = till();
    const { token: owner } = await shopWithOwner(one);
    const m = await ok(one, 'members.enrol', { phone: '13800138000', name: '王五' }, owner);
    pair(one, '1');
    await one.services.sync.syncOnce();
    const two = till();
    pair(two, '2');
    await two.services.sync.syncOnce();
    const id2 = (two.db.prepare("SELECT id FROM members WHERE phone = '13800138000'").get() as { id: number }).id;
    const owner2 = (await two.dispatcher.call('auth.signIn', { staffId: (two.db.prepare("SELECT id FROM staff WHERE name = '老板'").get() as { id: number }).id, pin: '1234' }));
    if (!owner2.ok) throw new Error('sign in');

    // Offline from each other: till 1 fixes the note, till 2 the name, then both the phone (till 2 later).
    await ok(one, 'members.update', { id: m.id, note: '爱喝可乐' }, owner);
    await ok(two, 'members.update', { id: id2, name: '王小五' }, owner2.value.token);
    await ok(one, 'members.update', { id: m.id, phone: '13700137000' }, owner);
    clock.advance(1000);
    await new Promise((r) => setTimeout(r, 5));
    await ok(two, 'members.update', { id: id2, phone: '13600136000' }, owner2.value.token);
    // Till 2 reaches the server first, then till 1.
    await two.services.sync.syncOnce();
    await one.services.sync.syncOnce();
    await two.services.sync.syncOnce();
    const row = (t: Till) => t.db.prepare("SELECT name, note, phone FROM members WHERE card_no = ?").get(m.cardNo);
    expect(row(one)).toEqual({ name: '王小五', note: '爱喝可乐', phone: '13600136000' });
    expect(row(two)).toEqual(row(one));
  });

  it('a replayed feed changes nothing, and a till offline keeps selling with its backlog counted', async () => {
    const { relay, till, pair } = shop();
    const one = till();
    const { token: owner } = await shopWithOwner(one);
    const product = await ok(one, 'products.save', PRODUCTS[0]!, owner);
    await ok(one, 'shifts.open', { openingFloatFen: 0 }, owner);
    pair(one, '1');
    await one.services.sync.syncOnce();
    const two = till();
    pair(two, '2');
    await two.services.sync.syncOnce();

    relay.down = true;
    for (let i = 0; i < 5; i++) {
      await ok(one, 'sales.commit', { clientRef: clientRef(), lines: [{ productId: product.id, qty: 1 }], payments: [{ method: 'card', amountFen: 300 }], expectedTotalFen: 300, print: false }, owner);
    }
    await expect(one.services.sync.syncOnce()).rejects.toThrow();
    const offline = one.services.sync.status();
    expect(offline.online).toBe(false);
    expect(offline.backlog).toBe(5); // five sales waiting, whatever rows each one wrote
    expect(one.services.sync.outbox.size()).toBeGreaterThanOrEqual(5 * 3); // each: its row, its line, its payment

    relay.down = false;
    await one.services.sync.syncOnce();
    await two.services.sync.syncOnce();
    const count = (t: Till) => (t.db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n;
    expect(count(two)).toBe(5);
    // The whole feed again, from the start: nothing new.
    two.db.prepare('UPDATE sync_state SET feed_cursor = 0').run();
    await two.services.sync.syncOnce();
    expect(count(two)).toBe(5);
    expect(two.db.prepare('SELECT kind, reason, details FROM sync_exceptions').all()).toEqual([]);
  });

  it('a batch stays under the size it is given, cut at a transaction end; one transaction too big goes in pieces', async () => {
    const { till, pair } = shop();
    const one = till();
    const { token: owner } = await shopWithOwner(one);
    const product = await ok(one, 'products.save', PRODUCTS[0]!, owner);
    await ok(one, 'shifts.open', { openingFloatFen: 0 }, owner);
    pair(one, '1');
    while (one.services.sync.outbox.size() > 0) {
      const b = one.services.sync.outbox.batch();
      one.services.sync.outbox.acknowledge(b, b.map((i) => ({ seq: i.seq, status: 'ok' as const })), 'now');
    }
    for (let i = 0; i < 3; i++) {
      await ok(one, 'sales.commit', { clientRef: clientRef(), lines: [{ productId: product.id, qty: 1 }], payments: [{ method: 'card', amountFen: 300 }], expectedTotalFen: 300, print: false }, owner);
    }
    const all = one.services.sync.outbox.batch();
    const perSale = all.findIndex((i) => i.txnEnd) + 1;
    const size = (items: unknown[]) => Buffer.byteLength(JSON.stringify(items));
    const cut = one.services.sync.outbox.batch(500, size(all.slice(0, perSale)) + 50);
    expect(cut).toHaveLength(perSale);
    expect(cut.at(-1)!.txnEnd).toBe(true);
    const piece = one.services.sync.outbox.batch(500, size(all.slice(0, 2)) + 10);
    expect(piece.length).toBeLessThan(perSale);
    expect(piece.at(-1)!.txnEnd).toBe(true);
    expect(all.length).toBe(3 * perSale);
  });
});
