import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, clientRef } from '../helpers/shop.js';
import { chainOfShops, pointsAt, storedValueAt, type Lane } from '../helpers/chain.js';

/**
 * Issue 15's "done when" for the till side of a chain: three branches with two real tills each,
 * one real shop server on a real PostgreSQL, the chain past its member replica limit (as at
 * 2,000,000 members: a branch till holds the members who visited it and those it fetched).
 * Rounds are driven by the test (syncAll), so every step is deterministic.
 */
const chain = chainOfShops();
beforeAll(async () => { await chain.start({ replicaLimit: 0 }); }, 120_000);
afterAll(async () => { await chain.stop(); }, 60_000);

const PHONE = '13700137000';
const find = async (lane: Lane, query: string) => ok(lane.core, 'members.find', { query }, lane.token);
const memberId = async (lane: Lane, phone: string) => (await find(lane, phone)).members[0]!.id;
const cake = async (lane: Lane) => (await ok(lane.core, 'products.byCode', { code: 'CAKE' }, lane.token))!;
const payFromCard = async (lane: Lane, phone: string, fen: number) => {
  const product = await cake(lane);
  return ok(lane.core, 'sales.commit', {
    clientRef: clientRef(), lines: [{ productId: product.id, qty: 1 }], memberId: await memberId(lane, phone),
    payments: [{ method: 'stored_value', amountFen: fen }], expectedTotalFen: fen, print: false,
  }, lane.token);
};
const serverStoredValue = async () =>
  Number((await chain.server.db.pool.query<{ b: string }>("SELECT coalesce(sum(balance), 0) AS b FROM accounts WHERE kind = 'stored_value'")).rows[0]!.b);

/** Every till that holds the member agrees with the others and with its own ledger. */
function balancesEverywhere(phone: string) {
  return Object.fromEntries(chain.all().map((l) => {
    const sv = storedValueAt(l.core, phone);
    const pts = pointsAt(l.core, phone);
    if (sv) expect(sv.cached, `${l.name}: stored value = its ledger`).toBe(sv.ledger);
    if (pts) expect(pts.cached, `${l.name}: points = their ledger`).toBe(pts.ledger);
    return [l.name, sv ? { storedValue: sv.ledger, points: pts!.ledger } : null];
  }));
}

describe('a chain of shops: three branches, two tills each', () => {
  it('each till knows its branch; only head office is head office', () => {
    const seen = chain.all().map((l) => [l.name, l.core.services.sync.status().branch]);
    expect(seen).toEqual([
      ['A1', { code: 'B1', name: '总店', headOffice: true, allowLocalProducts: false }],
      ['A2', { code: 'B1', name: '总店', headOffice: true, allowLocalProducts: false }],
      ['B1', { code: 'B2', name: '二店', headOffice: false, allowLocalProducts: true }],
      ['B2', { code: 'B2', name: '二店', headOffice: false, allowLocalProducts: true }],
      ['C1', { code: 'B3', name: '三店', headOffice: false, allowLocalProducts: false }],
      ['C2', { code: 'B3', name: '三店', headOffice: false, allowLocalProducts: false }],
    ]);
  });

  it('a member enrolled in branch A is fetched on demand in B, tops up there, and pays from the card in C (online)', async () => {
    const { A1, A2, B1, B2, C1 } = chain.lanes;
    await ok(A1.core, 'members.enrol', { phone: PHONE, name: '周敏' }, A1.token);
    await chain.syncAll();
    expect((await find(A2, PHONE)).members).toHaveLength(1); // same branch: held
    // Branch B has never seen her: not here, so the till asks the server and keeps her.
    expect(B1.core.db.prepare('SELECT count(*) AS n FROM members WHERE phone = ?').get(PHONE)).toEqual({ n: 0 });
    const atB = await find(B1, PHONE);
    expect(atB).toMatchObject({ by: 'phone', remote: 'fetched', members: [{ name: '周敏' }] });
    await ok(B1.core, 'storedValue.topUp', { memberId: atB.members[0]!.id, amountFen: 10_000, method: 'cash', tenderedFen: null, clientRef: clientRef(), print: false }, B1.token);
    await chain.syncAll();
    // B's other till received her history replayed, and the top-up: found here, without asking.
    const atB2 = await find(B2, PHONE);
    expect(atB2.remote).toBeUndefined();
    const topped = storedValueAt(B1.core, PHONE)!.ledger;
    expect(topped).toBeGreaterThanOrEqual(10_000);
    expect(storedValueAt(B2.core, PHONE)!.ledger).toBe(topped);
    // Branch C: last four digits are enough to fetch her; she pays ¥15 from the card.
    expect(await find(C1, PHONE.slice(-4))).toMatchObject({ by: 'last4', remote: 'fetched', members: [{ name: '周敏' }] });
    expect(storedValueAt(C1.core, PHONE)!.ledger).toBe(topped);
    await payFromCard(C1, PHONE, 1500);
    await chain.syncAll();
    const after = balancesEverywhere(PHONE);
    for (const name of ['A1', 'A2', 'B1', 'B2', 'C1', 'C2']) expect(after[name], name).toMatchObject({ storedValue: topped - 1500 });
    expect(await serverStoredValue()).toBe(topped - 1500);
    // Her points (earned in C) are the same everywhere too.
    expect(new Set(Object.values(after).map((v) => v!.points)).size).toBe(1);
  }, 120_000);

  it('offline: a member never seen at a branch cannot be found there, and the till says so; the others keep working, and all agree once back', async () => {
    const { A1, B2, C1, C2 } = chain.lanes;
    const stranger = '13700137999';
    await ok(A1.core, 'members.enrol', { phone: stranger, name: '新会员' }, A1.token);
    await chain.syncAll();
    const before = storedValueAt(C2.core, PHONE)!.ledger;
    const up = await chain.serverDown();
    expect(await find(C1, stranger)).toEqual({ by: 'phone', members: [], remote: 'offline' });
    // Held members still work offline: C2 sells from the card, B2 takes a top-up.
    await payFromCard(C2, PHONE, 1500);
    const topUp = await ok(B2.core, 'storedValue.topUp', { memberId: await memberId(B2, PHONE), amountFen: 5000, method: 'cash', tenderedFen: null, clientRef: clientRef(), print: false }, B2.token);
    await up();
    await chain.syncAll();
    const expected = before - 1500 + 5000 + topUp.bonusFen;
    const after = balancesEverywhere(PHONE);
    for (const name of ['A1', 'A2', 'B1', 'B2', 'C1', 'C2']) expect(after[name], name).toMatchObject({ storedValue: expected });
    expect(await serverStoredValue()).toBe(expected);
    // Online again: enrolling her phone at C2 finds she is a member already (fetched, not doubled).
    expect(await C2.core.dispatcher.call('members.enrol', { phone: stranger, name: '又一个' }, C2.token))
      .toMatchObject({ ok: false, error: { messageKey: 'errors.phone_taken' } });
    expect(await find(C1, stranger)).toMatchObject({ members: [{ name: '新会员' }] });
    const everywhere = await chain.server.db.pool.query('SELECT count(*)::int AS n FROM member_directory WHERE phone = $1', [stranger]);
    expect(everywhere.rows).toEqual([{ n: 1 }]);
  }, 120_000);

  it('a head-office price change reaches every till; a branch price wins in its branch only, at the counter too', async () => {
    const { A1, B1 } = chain.lanes;
    const product = await cake(A1);
    await ok(A1.core, 'products.save', { id: product.id, sku: 'CAKE', name: '蛋糕', categoryName: '烘焙', priceFen: 1800, barcodes: [], pointsPct: 100 }, A1.token);
    await chain.syncAll();
    for (const l of chain.all()) expect((await cake(l)).priceFen, l.name).toBe(1800);

    await ok(A1.core, 'products.setBranchPrice', { productId: product.id, branchCode: 'B2', priceFen: 1600 }, A1.token);
    await chain.syncAll();
    for (const l of chain.all()) expect((await cake(l)).priceFen, l.name).toBe(l.branch === 'B' ? 1600 : 1800);
    // The counter charges it: a sale at B1 for ¥16 is accepted as the right total.
    const sale = await ok(B1.core, 'sales.commit', {
      clientRef: clientRef(), lines: [{ productId: (await cake(B1)).id, qty: 1 }], memberId: null,
      payments: [{ method: 'cash', amountFen: 1600 }], expectedTotalFen: 1600, print: false,
    }, B1.token);
    expect(sale.sale.totalFen).toBe(1600);
    // A branch cannot set prices: that is head office's.
    const refused = await B1.core.dispatcher.call('products.setBranchPrice', { productId: (await cake(B1)).id, branchCode: 'B2', priceFen: 1 }, B1.token);
    expect(refused).toMatchObject({ ok: false, error: { code: 'rule_violation', details: { rule: 'head_office_only' } } });
  }, 120_000);

  it('a branch without permission cannot add a product; one with it adds a product seen only in that branch', async () => {
    const { A1, B1, B2, C1, C2 } = chain.lanes;
    const local = { sku: 'LOCAL1', name: '二店特供面包', categoryName: '烘焙', priceFen: 900, barcodes: [], pointsPct: 100 };
    const refused = await C1.core.dispatcher.call('products.save', local, C1.token);
    expect(refused).toMatchObject({ ok: false, error: { code: 'rule_violation', messageKey: 'errors.branch_local_products_not_allowed' } });
    expect(C1.core.db.prepare("SELECT count(*) AS n FROM products WHERE sku = 'LOCAL1'").get()).toEqual({ n: 0 });
    // Nor may a branch change head office's product, even one allowed its own.
    const cakeAtB = await cake(B1);
    expect(await B1.core.dispatcher.call('products.save', { id: cakeAtB.id, sku: 'CAKE', name: '蛋糕', categoryName: '烘焙', priceFen: 1, barcodes: [], pointsPct: 100 }, B1.token))
      .toMatchObject({ ok: false, error: { details: { rule: 'head_office_only' } } });
    await ok(B1.core, 'products.save', local, B1.token);
    await chain.syncAll();
    const has = (l: Lane) => (l.core.db.prepare("SELECT count(*) AS n FROM products WHERE sku = 'LOCAL1'").get() as { n: number }).n;
    expect([has(B1), has(B2), has(A1), has(C2)]).toEqual([1, 1, 0, 0]);
    expect(B1.core.services.sync.status().exceptions).toBe(0);
  }, 60_000);

  it('a coupon issued at head office is used in C: used everywhere, the use arriving without the sale (it stays in C), no feed stopped', async () => {
    const { A1, A2, B2, C1 } = chain.lanes;
    const template = await ok(A1.core, 'coupons.saveTemplate', { name: '减三元', kind: 'amount', value: 300, validDays: 30 }, A1.token);
    const { codes } = await ok(A1.core, 'coupons.issue', { templateId: template.id, memberIds: [await memberId(A1, PHONE)] }, A1.token);
    await chain.syncAll();
    const product = await cake(C1);
    await ok(C1.core, 'sales.commit', {
      clientRef: clientRef(), lines: [{ productId: product.id, qty: 1 }], memberId: await memberId(C1, PHONE), couponCodes: codes,
      payments: [{ method: 'cash', amountFen: product.priceFen - 300 }], expectedTotalFen: product.priceFen - 300, print: false,
    }, C1.token);
    await chain.syncAll();
    for (const l of [A1, A2, B2]) {
      const coupons = await ok(l.core, 'coupons.forMember', { memberId: await memberId(l, PHONE), includeSpent: true }, l.token);
      expect(coupons.map((c) => c.code), l.name).toEqual(codes);
      expect(l.core.db.prepare('SELECT sale_id FROM coupon_uses').all(), l.name).toEqual([{ sale_id: null }]);
      expect(l.core.services.sync.status(), l.name).toMatchObject({ feedStopped: false, exceptions: 0 });
    }
    const again = await A1.core.dispatcher.call('coupons.check', { code: codes[0]!, memberId: await memberId(A1, PHONE), linesTotalFen: 1800 }, A1.token);
    expect(again).toMatchObject({ ok: false, error: { messageKey: 'errors.coupon_used_elsewhere' } });
  }, 60_000);

  it('staff belong to their branch: a cashier made in B signs in at the tills of B, not of A; the owner signs in everywhere', async () => {
    const { A1, B1, B2 } = chain.lanes;
    const cashier = await ok(B1.core, 'staff.create', { name: '二店小张', role: 'cashier', pin: '4321' }, B1.token);
    await chain.syncAll();
    const listed = async (l: Lane) => (await ok(l.core, 'auth.staffList', {}, l.token)).map((x) => x.name);
    expect(await listed(B2)).toContain('二店小张');
    expect(await listed(A1)).not.toContain('二店小张');
    const idAtB2 = B2.core.db.prepare("SELECT id FROM staff WHERE name = '二店小张'").get() as { id: number };
    expect((await B2.core.dispatcher.call('auth.signIn', { staffId: idAtB2.id, pin: '4321' })).ok).toBe(true);
    const idAtA1 = A1.core.db.prepare("SELECT id FROM staff WHERE name = '二店小张'").get() as { id: number };
    expect(await A1.core.dispatcher.call('auth.signIn', { staffId: idAtA1.id, pin: '4321' }))
      .toMatchObject({ ok: false, error: { messageKey: 'errors.staff_other_branch' } });
    expect(cashier.name).toBe('二店小张');
  }, 60_000);
});
