import { afterEach, describe, expect, it } from 'vitest';
import { openShop, ok, clientRef } from '../../../tests/helpers/shop.js';
import { fixedClock } from '../../../tests/helpers/core.js';
import { monthsBefore, addMonths } from '../lib/dates.js';
import { daysUntilBirthday } from './members-service.js';

type Shop = Awaited<ReturnType<typeof openShop>>;
const shops: Shop[] = [];
afterEach(async () => { for (const s of shops.splice(0)) await s.core.dispose(); });
async function shop(clock = fixedClock('2026-11-22T10:00:00')) {
  const s = await openShop({ clock });
  shops.push(s);
  return { ...s, clock };
}

async function enrol(s: Shop, phone: string, extra: Record<string, unknown> = {}) {
  return ok(s.core, 'members.enrol', { phone, ...extra }, s.cashier.token);
}

async function sell(s: Shop, memberId: number | null, productIndex: number, qty: number) {
  const p = s.products[productIndex]!;
  const quote = await ok(s.core, 'sales.commit', {
    clientRef: clientRef(), lines: [{ productId: p.id, qty }], memberId, payments: [{ method: 'card', amountFen: 1 }], expectedTotalFen: 0,
  }, s.cashier.token).catch((e: Error) => JSON.parse(e.message.replace(/^[^{]*/, '')) as { details: { totalFen: number } });
  const total = 'details' in quote ? quote.details.totalFen : 0;
  return ok(s.core, 'sales.commit', { clientRef: clientRef(), lines: [{ productId: p.id, qty }], memberId, payments: [{ method: 'card', amountFen: total }], expectedTotalFen: total }, s.cashier.token);
}

describe('enrol and find', () => {
  it('enrols with just a phone, normalising it, and gives a scannable card number', async () => {
    const s = await shop();
    const m = await enrol(s, '+86 138-1234-5678', { name: '王芳', birthday: '11-25', tags: ['附近小区'] });
    expect(m).toMatchObject({ maskedPhone: '138****5678', name: '王芳', tier: { name: '普通会员' }, birthdaySoon: true, birthdayToday: false, tags: ['附近小区'] });
    expect(m.cardNo).toMatch(/^29\d{11}$/);
    expect(await s.core.dispatcher.call('members.enrol', { phone: '13812345678' }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'conflict', messageKey: 'errors.phone_taken' } });
    expect(await s.core.dispatcher.call('members.enrol', { phone: '12345' }, s.cashier.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.phone_invalid' } });
    expect(await s.core.dispatcher.call('members.enrol', { phone: '13912345678', birthday: '02-30' }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('finds by full phone, last four digits, card number and name, with phones masked', async () => {
    const s = await shop();
    const a = await enrol(s, '13812345678', { name: '王芳' });
    const b = await enrol(s, '13912345678', { name: '王小明' });
    await enrol(s, '13700001111', { name: '李雷' });
    expect(await ok(s.core, 'members.find', { query: '138 1234 5678' }, s.cashier.token)).toMatchObject({ by: 'phone', members: [{ id: a.id }] });
    const last4 = await ok(s.core, 'members.find', { query: '5678' }, s.cashier.token);
    expect(last4.by).toBe('last4');
    expect(last4.members.map((m) => m.id).sort()).toEqual([a.id, b.id].sort());
    expect(last4.members.map((m) => m.maskedPhone).sort()).toEqual(['138****5678', '139****5678']);
    expect(JSON.stringify(last4)).not.toContain('13812345678');
    expect(await ok(s.core, 'members.find', { query: b.cardNo }, s.cashier.token)).toMatchObject({ by: 'card', members: [{ id: b.id }] });
    expect((await ok(s.core, 'members.find', { query: '王' }, s.cashier.token)).members.map((m) => m.name)).toEqual(['王小明', '王芳'].sort());
    expect(await ok(s.core, 'members.find', { query: '9999' }, s.cashier.token)).toEqual({ by: 'last4', members: [] });
  });

  it('only managers reveal a phone, and every reveal is audited', async () => {
    const s = await shop();
    const m = await enrol(s, '13812345678');
    expect(await s.core.dispatcher.call('members.revealPhone', { id: m.id }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ok(s.core, 'members.revealPhone', { id: m.id }, s.manager.token)).toEqual({ phone: '13812345678' });
    expect(s.core.db.prepare("SELECT staff_id, entity_id FROM audit_log WHERE action = 'members.revealPhone'").all()).toEqual([{ staff_id: s.manager.staffId, entity_id: String(m.id) }]);
  });

  it('looks members up through indexes, never a scan of the members table', async () => {
    const s = await shop();
    const plans = [
      ['SELECT id FROM members WHERE phone = ?', '13812345678'],
      ['SELECT id FROM members WHERE phone_last4 = ?', '5678'],
      ['SELECT id FROM members WHERE card_no = ?', '2900000000017'],
      ["SELECT id FROM members WHERE name >= ? AND name < ? AND name <> ''", '王', '王\u{10FFFF}'],
    ] as const;
    for (const [sql, ...args] of plans) {
      const plan = (s.core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
      expect(plan).toMatch(/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/);
      expect(plan).not.toMatch(/SCAN members/);
    }
  });
});

describe('tiers', () => {
  it('a sale that crosses the threshold upgrades at once, applies the tier discount next time, and the receipt says so', async () => {
    const s = await shop();
    const m = await enrol(s, '13812345678');
    // 银卡 needs ¥1000 in 12 months: 23 × ¥45 = ¥1035.
    const big = await sell(s, m.id, 2, 23);
    expect(big.upgradedTo).toBe('银卡会员');
    expect(await ok(s.core, 'members.card', { id: m.id }, s.cashier.token)).toMatchObject({ tier: { name: '银卡会员', pricePct: 98 }, spendFen: 103500, visits: 1 });
    const receipt = await ok(s.core, 'receipts.preview', { saleId: big.sale.id }, s.cashier.token);
    expect(receipt.text).toContain('银卡会员');
    // Next sale: 98% of ¥3 = ¥2.94.
    const next = await sell(s, m.id, 0, 1);
    expect(next.sale.totalFen).toBe(294);
    expect(next.upgradedTo).toBeNull();
    const profile = await ok(s.core, 'members.profile', { id: m.id }, s.cashier.token);
    expect(profile.tierHistory.map((h) => [h.from, h.to, h.reason])).toEqual([['普通会员', '银卡会员', 'upgrade'], [null, '普通会员', 'enrol']]);
    expect(profile.nextTier).toMatchObject({ name: '金卡会员', spendNeededFen: 500000 - 103500 - 294 });
  });

  it('re-evaluation downgrades once the window no longer qualifies, and is idempotent', async () => {
    const s = await shop();
    const m = await enrol(s, '13812345678');
    await sell(s, m.id, 2, 23);
    expect((await ok(s.core, 'members.card', { id: m.id }, s.cashier.token)).tier.name).toBe('银卡会员');
    expect(await ok(s.core, 'tiers.reevaluate', {}, s.owner)).toEqual({ upgraded: 0, downgraded: 0, expired: 0 });
    s.clock.set('2027-11-23T09:00:00'); // 12 months and a day later
    expect(await ok(s.core, 'tiers.reevaluate', {}, s.owner)).toEqual({ upgraded: 0, downgraded: 1, expired: 0 });
    expect(await ok(s.core, 'tiers.reevaluate', {}, s.owner)).toEqual({ upgraded: 0, downgraded: 0, expired: 0 });
    const p = await ok(s.core, 'members.profile', { id: m.id }, s.cashier.token);
    expect(p.tier.name).toBe('普通会员');
    expect(p.tierHistory[0]).toMatchObject({ from: '银卡会员', to: '普通会员', reason: 'downgrade' });
  });

  it('at the first start of a day the re-evaluation runs behind the till, and a stopped run is done again', async () => {
    const s = await shop();
    const daily = s.core.services.daily;
    await daily.idle(); // the shop's own first start
    const m = await enrol(s, '13812345678');
    await sell(s, m.id, 2, 23);
    const tier = () => s.core.db.prepare('SELECT t.name FROM members m JOIN tiers t ON t.id = m.tier_id WHERE m.id = ?').pluck().get(m.id);
    const lastRun = () => s.core.services.settings.get<string | null>('daily.lastRun', null);
    expect(tier()).toBe('银卡会员');
    s.clock.set('2027-11-23T09:00:00');

    // Stopped before its slices ran (the app quit): nothing half done, and the day is not marked done.
    expect(daily.startIfNewDay((err) => { throw err; })).toBe(true);
    await daily.stop();
    expect(tier()).toBe('银卡会员');
    expect(lastRun()).toBe('2026-11-22');

    // The next start: the till answers while the re-evaluation is still to come; then it lands.
    expect(daily.startIfNewDay((err) => { throw err; })).toBe(true);
    expect(daily.startIfNewDay((err) => { throw err; })).toBe(false); // one run at a time
    expect((await ok(s.core, 'members.card', { id: m.id }, s.cashier.token)).tier.name).toBe('银卡会员');
    await daily.idle();
    expect(tier()).toBe('普通会员');
    expect(lastRun()).toBe('2027-11-23');
    expect(daily.startIfNewDay((err) => { throw err; })).toBe(false);
  });

  it('a tier bought for a fee holds for its term, survives re-evaluation, and ends on expiry', async () => {
    const s = await shop();
    const gold = (await ok(s.core, 'tiers.list', {}, s.owner)).find((t) => t.name === '金卡会员')!;
    const { members: _count, ...fields } = gold;
    await ok(s.core, 'tiers.save', { ...fields, feeFen: 19900, feeMonths: 12 }, s.owner);
    const m = await enrol(s, '13812345678');
    const r = await ok(s.core, 'tiers.purchase', { memberId: m.id, tierId: gold.id, method: 'cash', tenderedFen: 20000, clientRef: clientRef() }, s.cashier.token);
    expect(r).toMatchObject({ paidUntil: '2027-11-22', changeFen: 100, profile: { tier: { name: '金卡会员' }, paidTier: { name: '金卡会员', until: '2027-11-22' } } });
    const fee = await ok(s.core, 'sales.get', { receiptNo: r.receiptNo }, s.cashier.token);
    expect(fee).toMatchObject({ totalFen: 19900, lines: [{ name: '会费 金卡会员 12个月', productId: null }] });
    expect(await ok(s.core, 'tiers.reevaluate', {}, s.owner)).toMatchObject({ downgraded: 0, expired: 0 });
    s.clock.set('2027-11-23T09:00:00');
    expect(await ok(s.core, 'tiers.reevaluate', {}, s.owner)).toMatchObject({ expired: 1 });
    const p = await ok(s.core, 'members.profile', { id: m.id }, s.cashier.token);
    expect(p).toMatchObject({ tier: { name: '普通会员' }, paidTier: null });
    expect(p.tierHistory[0]).toMatchObject({ reason: 'expiry' });
    const regular = (await ok(s.core, 'tiers.list', {}, s.owner)).find((t) => t.name === '普通会员')!;
    expect(await s.core.dispatcher.call('tiers.purchase', { memberId: m.id, tierId: regular.id, method: 'cash', clientRef: clientRef() }, s.cashier.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.tier_not_for_sale' } });
  });

  it('a frozen member cannot be attached to a sale', async () => {
    const s = await shop();
    const m = await enrol(s, '13812345678');
    await ok(s.core, 'members.setStatus', { id: m.id, status: 'frozen', reason: '挂失' }, s.manager.token);
    const r = await s.core.dispatcher.call('sales.commit', { clientRef: clientRef(), lines: [{ productId: s.products[0]!.id, qty: 1 }], memberId: m.id, payments: [{ method: 'cash', amountFen: 300 }], expectedTotalFen: 300 }, s.cashier.token);
    expect(r).toMatchObject({ ok: false, error: { messageKey: 'errors.member_not_active' } });
  });

  it('month arithmetic clamps to the end of the month', () => {
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2026-01-15', 12)).toBe('2025-01-15');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(daysUntilBirthday('11-22', new Date('2026-11-22T10:00:00'))).toBe(0);
    expect(daysUntilBirthday('11-21', new Date('2026-11-22T10:00:00'))).toBe(364);
  });
});

describe('merge, erase and list', () => {
  it('merging moves history and stats to the kept member and closes the duplicate', async () => {
    const s = await shop();
    const keep = await enrol(s, '13812345678', { name: '王芳' });
    const dup = await enrol(s, '13912345678', { name: '', tags: ['老顾客'], birthday: '1990-05-01' });
    await sell(s, dup.id, 0, 2);
    await sell(s, keep.id, 1, 1);
    const merged = await ok(s.core, 'members.merge', { keepId: keep.id, mergeId: dup.id }, s.manager.token);
    expect(merged).toMatchObject({ visits: 2, spendFen: 600 + 750, tags: ['老顾客'], birthday: '1990-05-01', name: '王芳' });
    const gone = await ok(s.core, 'members.profile', { id: dup.id }, s.manager.token);
    expect(gone).toMatchObject({ status: 'merged', mergedInto: keep.id, maskedPhone: '', visits: 0 });
    expect(await ok(s.core, 'members.find', { query: '13912345678' }, s.cashier.token)).toMatchObject({ members: [] });
    expect(s.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'members.merge'").get()).toEqual({ n: 1 });
  });

  it('erasing anonymises personal fields and keeps the sales for the books', async () => {
    const s = await shop();
    const m = await enrol(s, '13812345678', { name: '王芳', birthday: '05-01', tags: ['学生'], note: '过敏' });
    const { sale } = await sell(s, m.id, 0, 1);
    expect(await s.core.dispatcher.call('members.erase', { id: m.id, reason: '顾客要求' }, s.manager.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await ok(s.core, 'members.erase', { id: m.id, reason: '顾客要求' }, s.owner);
    const row = s.core.db.prepare('SELECT phone, name, birthday_md, note, status FROM members WHERE id = ?').get(m.id);
    expect(row).toEqual({ phone: null, name: '', birthday_md: null, note: '', status: 'erased' });
    expect(s.core.db.prepare('SELECT count(*) AS n FROM member_tags WHERE member_id = ?').get(m.id)).toEqual({ n: 0 });
    expect(await ok(s.core, 'sales.get', { id: sale.id }, s.cashier.token)).toMatchObject({ memberId: m.id, totalFen: 300 });
    // The number is free for a new enrolment.
    expect((await s.core.dispatcher.call('members.enrol', { phone: '13812345678' }, s.cashier.token)).ok).toBe(true);
  });

  it('lists members for managers with filters, one page at a time', async () => {
    const s = await shop();
    const a = await enrol(s, '13800000001', { name: '甲', birthday: '05-01', tags: ['学生'] });
    await enrol(s, '13800000002', { name: '乙', birthday: '06-01' });
    await sell(s, a.id, 1, 2);
    expect(await s.core.dispatcher.call('members.list', {}, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const all = await ok(s.core, 'members.list', { limit: 1 }, s.manager.token);
    expect(all.total).toBe(2);
    expect(all.items).toHaveLength(1);
    expect((await ok(s.core, 'members.list', { filter: { birthdayMonth: 5, sort: 'recent' } }, s.manager.token)).items.map((m) => m.name)).toEqual(['甲']);
    expect((await ok(s.core, 'members.list', { filter: { tag: '学生', sort: 'recent' } }, s.manager.token)).total).toBe(1);
    expect((await ok(s.core, 'members.list', { filter: { minSpendFen: 1000, sort: 'spend' } }, s.manager.token)).items).toMatchObject([{ name: '甲', spendFen: 1500, visits: 1, maskedPhone: '138****0001' }]);
    expect((await ok(s.core, 'members.list', { filter: { lastVisitFrom: '2026-11-22', sort: 'lastVisit' } }, s.manager.token)).total).toBe(1);
  });
});
