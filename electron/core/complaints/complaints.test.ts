import { afterEach, describe, expect, it } from 'vitest';
import { openShop, ok, clientRef } from '../../../tests/helpers/shop.js';
import { fixedClock, signedInAs } from '../../../tests/helpers/core.js';
import { canMove, weekStart } from './complaints-service.js';
import { netPromoterScore } from './feedback-service.js';

type Shop = Awaited<ReturnType<typeof openShop>>;
const shops: Shop[] = [];
afterEach(async () => { for (const s of shops.splice(0)) await s.core.dispose(); });

async function shop(opts: { start?: string } = {}) {
  const clock = fixedClock(opts.start ?? '2026-11-22T10:00:00');
  const s = await openShop({ clock });
  shops.push(s);
  return { ...s, clock };
}

/** Commits a sale of `qty` × product, paying whatever the till computes (tier discounts included). */
async function sell(s: Shop, memberId: number | null, productIndex: number, qty: number) {
  const p = s.products[productIndex]!;
  const probe = await s.core.dispatcher.call('sales.commit', {
    clientRef: clientRef(), lines: [{ productId: p.id, qty }], memberId, payments: [{ method: 'card', amountFen: 1 }], expectedTotalFen: 0,
  }, s.cashier.token);
  const total = !probe.ok ? Number((probe.error.details as { totalFen?: number } | undefined)?.totalFen ?? 0) : 0;
  return ok(s.core, 'sales.commit', { clientRef: clientRef(), lines: [{ productId: p.id, qty }], memberId, payments: [{ method: 'card', amountFen: total }], expectedTotalFen: total }, s.cashier.token);
}

describe('logging at the counter', () => {
  it('logs with a category and a line of text, taking the member from the sale, with a timeline entry', async () => {
    const s = await shop();
    const m = await ok(s.core, 'members.enrol', { phone: '13812345678', name: '王芳' }, s.cashier.token);
    const sale = await sell(s, m.id, 0, 2);
    const c = await ok(s.core, 'complaints.log', { category: 'product', description: '可乐过期了', saleId: sale.sale.id }, s.cashier.token);
    expect(c).toMatchObject({
      channel: 'in_store', category: 'product', severity: 'medium', description: '可乐过期了', status: 'open', source: 'till',
      memberId: m.id, memberName: '王芳', maskedPhone: '138****5678', saleId: sale.sale.id, receiptNo: sale.sale.receiptNo,
      loggedAt: '2026-11-22T10:00:00', createdBy: s.cashier.staffId, createdByName: '收银小王', overdue: false, assigneeId: null,
    });
    expect(c.timeline).toEqual([{ id: expect.any(Number), at: '2026-11-22T10:00:00', staffId: s.cashier.staffId, staffName: '收银小王', kind: 'logged', from: null, to: 'open', note: '' }]);
    expect(JSON.stringify(c)).not.toContain('13812345678');

    const anonymous = await ok(s.core, 'complaints.log', { channel: 'phone', category: 'waiting', severity: 'high', description: '排队太久' }, s.cashier.token);
    expect(anonymous).toMatchObject({ memberId: null, maskedPhone: null, saleId: null, severity: 'high', channel: 'phone' });
  });

  it('refuses unknown or inactive codes, empty descriptions, unknown sales and closed members', async () => {
    const s = await shop();
    expect(await s.core.dispatcher.call('complaints.log', { category: 'weather', description: 'x' }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'bad_input', messageKey: 'errors.complaint_category_unknown' } });
    expect(await s.core.dispatcher.call('complaints.log', { channel: 'fax', category: 'price', description: 'x' }, s.cashier.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.complaint_channel_unknown' } });
    expect(await s.core.dispatcher.call('complaints.log', { category: 'price', description: '   ' }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await s.core.dispatcher.call('complaints.log', { category: 'price', description: 'x', severity: 'urgent' as never }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await s.core.dispatcher.call('complaints.log', { category: 'price', description: 'x', saleId: 999 }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const m = await ok(s.core, 'members.enrol', { phone: '13812345678' }, s.cashier.token);
    await ok(s.core, 'members.erase', { id: m.id, reason: '顾客要求' }, s.owner);
    expect(await s.core.dispatcher.call('complaints.log', { category: 'price', description: 'x', memberId: m.id }, s.cashier.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.member_closed' } });
    expect(await s.core.dispatcher.call('complaints.log', { category: 'price', description: 'x' }, null)).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it('uses the configurable lists: custom entries with labels, built-in codes kept, owner only', async () => {
    const s = await shop();
    const lists = await ok(s.core, 'complaints.settings', {}, s.cashier.token);
    expect(lists.channels.map((c) => c.code)).toEqual(['in_store', 'phone', 'wechat', 'online', 'other']);
    expect(lists.categories.find((c) => c.code === 'service')).toEqual({ code: 'service', labels: { 'zh-CN': '服务态度', en: 'Service attitude' }, active: true, builtin: true });
    expect(lists.severities).toEqual(['low', 'medium', 'high']);

    const categories = [...lists.categories.map(({ builtin: _b, ...e }) => (e.code === 'environment' ? { ...e, active: false } : e)), { code: 'delivery', labels: { 'zh-CN': '送货', en: 'Delivery' }, active: true }];
    expect(await s.core.dispatcher.call('complaints.setSettings', { categories }, s.manager.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const saved = await ok(s.core, 'complaints.setSettings', { categories }, s.owner);
    expect(saved.categories.at(-1)).toEqual({ code: 'delivery', labels: { 'zh-CN': '送货', en: 'Delivery' }, active: true, builtin: false });
    expect(await ok(s.core, 'complaints.log', { category: 'delivery', description: '送晚了' }, s.cashier.token)).toMatchObject({ category: 'delivery' });
    expect(await s.core.dispatcher.call('complaints.log', { category: 'environment', description: '太吵' }, s.cashier.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.complaint_category_unknown' } });

    expect(await s.core.dispatcher.call('complaints.setSettings', { categories: categories.filter((c) => c.code !== 'price') }, s.owner)).toMatchObject({ ok: false, error: { messageKey: 'errors.complaint_list_builtin_required', details: { code: 'price' } } });
    expect(await s.core.dispatcher.call('complaints.setSettings', { channels: [...lists.channels.map(({ builtin: _b, ...e }) => e), { code: 'phone', labels: { 'zh-CN': '电话2', en: 'Phone 2' }, active: true }] }, s.owner)).toMatchObject({ ok: false, error: { messageKey: 'errors.complaint_list_duplicate_code' } });
    expect(await s.core.dispatcher.call('complaints.setSettings', { channels: lists.channels.map(({ builtin: _b, ...e }) => ({ ...e, active: false })) }, s.owner)).toMatchObject({ ok: false, error: { messageKey: 'errors.complaint_list_empty' } });
    expect(await s.core.dispatcher.call('complaints.setSettings', { channels: [{ code: 'Bad Code', labels: { 'zh-CN': 'x', en: 'x' }, active: true }] }, s.owner)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(s.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'complaints.settings'").get()).toEqual({ n: 1 });
  });
});

describe('who sees what', () => {
  it('cashiers list and open only their own complaints; managers see all; only managers update', async () => {
    const s = await shop();
    const other = await signedInAs(s.core, s.owner, 'cashier', '收银小李');
    const mine = await ok(s.core, 'complaints.log', { category: 'service', description: '态度差' }, s.cashier.token);
    const theirs = await ok(s.core, 'complaints.log', { category: 'price', description: '价签不对' }, other.token);
    await ok(s.core, 'complaints.log', { category: 'waiting', description: '排队' }, s.manager.token);

    const own = await ok(s.core, 'complaints.list', {}, s.cashier.token);
    expect(own.total).toBe(1);
    expect(own.items.map((c) => c.id)).toEqual([mine.id]);
    // A filter cannot widen what a cashier sees.
    expect((await ok(s.core, 'complaints.list', { filter: { category: 'price' } }, s.cashier.token)).total).toBe(0);
    expect(await s.core.dispatcher.call('complaints.get', { id: theirs.id }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ok(s.core, 'complaints.get', { id: mine.id }, s.cashier.token)).toMatchObject({ id: mine.id });

    expect((await ok(s.core, 'complaints.list', {}, s.manager.token)).total).toBe(3);
    expect((await ok(s.core, 'complaints.list', {}, s.owner)).total).toBe(3);
    expect(await ok(s.core, 'complaints.get', { id: theirs.id }, s.manager.token)).toMatchObject({ id: theirs.id });
    expect(await s.core.dispatcher.call('complaints.update', { id: mine.id, status: 'in_progress' }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await s.core.dispatcher.call('complaints.byCategory', { from: '2026-11-01', to: '2026-11-30' }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('filters by status, category, severity, channel, member and date range', async () => {
    const s = await shop({ start: '2026-11-01T09:00:00' });
    const m = await ok(s.core, 'members.enrol', { phone: '13812345678' }, s.cashier.token);
    const a = await ok(s.core, 'complaints.log', { category: 'service', description: 'a', memberId: m.id, severity: 'high' }, s.cashier.token);
    s.clock.set('2026-11-10T09:00:00');
    const b = await ok(s.core, 'complaints.log', { category: 'price', channel: 'wechat', description: 'b' }, s.cashier.token);
    s.clock.set('2026-11-20T09:00:00');
    const c = await ok(s.core, 'complaints.log', { category: 'service', description: 'c', severity: 'low' }, s.cashier.token);
    await ok(s.core, 'complaints.update', { id: c.id, status: 'in_progress' }, s.manager.token);
    const ids = async (filter: Record<string, unknown>) => (await ok(s.core, 'complaints.list', { filter }, s.manager.token)).items.map((x) => x.id).sort();
    expect(await ids({ category: 'service' })).toEqual([a.id, c.id].sort());
    expect(await ids({ status: 'in_progress' })).toEqual([c.id]);
    expect(await ids({ severity: 'high' })).toEqual([a.id]);
    expect(await ids({ channel: 'wechat' })).toEqual([b.id]);
    expect(await ids({ memberId: m.id })).toEqual([a.id]);
    expect(await ids({ from: '2026-11-10', to: '2026-11-10' })).toEqual([b.id]);
    expect(await ids({ from: '2026-11-02' })).toEqual([b.id, c.id].sort());
    expect(await ids({ to: '2026-11-10' })).toEqual([a.id, b.id].sort());
    const paged = await ok(s.core, 'complaints.list', { offset: 1, limit: 1 }, s.manager.token);
    expect(paged.total).toBe(3);
    expect(paged.items).toHaveLength(1);
  });
});

describe('handling', () => {
  it('moves open → in progress → resolved → closed, reopens, and keeps every change on the timeline with who and when', async () => {
    const s = await shop();
    const c = await ok(s.core, 'complaints.log', { category: 'service', description: '态度差' }, s.cashier.token);
    s.clock.set('2026-11-22T11:00:00');
    const taken = await ok(s.core, 'complaints.update', { id: c.id, status: 'in_progress', assigneeId: s.manager.staffId, followUpOn: '2026-11-25', note: '已致电顾客' }, s.manager.token);
    expect(taken).toMatchObject({ status: 'in_progress', assigneeId: s.manager.staffId, assigneeName: '李店长', followUpOn: '2026-11-25' });

    s.clock.set('2026-11-22T12:00:00');
    expect(await s.core.dispatcher.call('complaints.update', { id: c.id, status: 'resolved' }, s.manager.token)).toMatchObject({ ok: false, error: { code: 'rule_violation', messageKey: 'errors.complaint_resolution_required' } });
    const resolved = await ok(s.core, 'complaints.update', { id: c.id, status: 'resolved', resolution: '当面道歉并赠送积分', satisfaction: 4 }, s.manager.token);
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: '2026-11-22T12:00:00', closedAt: null, satisfaction: 4 });

    s.clock.set('2026-11-23T09:00:00');
    expect(await ok(s.core, 'complaints.update', { id: c.id, status: 'closed' }, s.owner)).toMatchObject({ status: 'closed', closedAt: '2026-11-23T09:00:00' });
    s.clock.set('2026-11-24T09:00:00');
    const reopened = await ok(s.core, 'complaints.update', { id: c.id, status: 'in_progress', note: '顾客又来电' }, s.manager.token);
    expect(reopened).toMatchObject({ status: 'in_progress', resolvedAt: null, closedAt: null });
    const again = await ok(s.core, 'complaints.update', { id: c.id, status: 'resolved' }, s.manager.token);
    expect(again).toMatchObject({ status: 'resolved', resolvedAt: '2026-11-24T09:00:00' });
    expect(await ok(s.core, 'complaints.update', { id: c.id, status: 'in_progress' }, s.manager.token)).toMatchObject({ status: 'in_progress' });

    const timeline = (await ok(s.core, 'complaints.get', { id: c.id }, s.manager.token)).timeline.map((e) => [e.at, e.staffName, e.kind, e.from, e.to, e.note]);
    expect(timeline).toEqual([
      ['2026-11-22T10:00:00', '收银小王', 'logged', null, 'open', ''],
      ['2026-11-22T11:00:00', '李店长', 'assignee', null, '李店长', ''],
      ['2026-11-22T11:00:00', '李店长', 'follow_up', null, '2026-11-25', ''],
      ['2026-11-22T11:00:00', '李店长', 'status', 'open', 'in_progress', ''],
      ['2026-11-22T11:00:00', '李店长', 'note', null, null, '已致电顾客'],
      ['2026-11-22T12:00:00', '李店长', 'resolution', null, '当面道歉并赠送积分', ''],
      ['2026-11-22T12:00:00', '李店长', 'satisfaction', null, '4', ''],
      ['2026-11-22T12:00:00', '李店长', 'status', 'in_progress', 'resolved', ''],
      ['2026-11-23T09:00:00', '老板', 'status', 'resolved', 'closed', ''],
      ['2026-11-24T09:00:00', '李店长', 'status', 'closed', 'in_progress', ''],
      ['2026-11-24T09:00:00', '李店长', 'note', null, null, '顾客又来电'],
      ['2026-11-24T09:00:00', '李店长', 'status', 'in_progress', 'resolved', ''],
      ['2026-11-24T09:00:00', '李店长', 'status', 'resolved', 'in_progress', ''],
    ]);
    // The timeline is append-only in the database itself.
    expect(() => s.core.db.prepare("UPDATE complaint_events SET note = 'x'").run()).toThrow(/append-only/);
    expect(() => s.core.db.prepare('DELETE FROM complaint_events').run()).toThrow(/append-only/);
    expect(() => s.core.db.prepare('DELETE FROM complaints').run()).toThrow(/kept/);
  });

  it('refuses transitions outside the workflow and says from where to where', async () => {
    const s = await shop();
    const c = await ok(s.core, 'complaints.log', { category: 'price', description: 'x' }, s.cashier.token);
    expect(await s.core.dispatcher.call('complaints.update', { id: c.id, status: 'closed' }, s.manager.token)).toMatchObject({
      ok: false, error: { code: 'rule_violation', messageKey: 'errors.complaint_bad_transition', details: { from: 'open', to: 'closed' } },
    });
    await ok(s.core, 'complaints.update', { id: c.id, status: 'in_progress' }, s.manager.token);
    expect(await s.core.dispatcher.call('complaints.update', { id: c.id, status: 'open' }, s.manager.token)).toMatchObject({ ok: false, error: { details: { from: 'in_progress', to: 'open' } } });
    expect(await s.core.dispatcher.call('complaints.update', { id: c.id, status: 'closed' }, s.manager.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.complaint_bad_transition' } });
    await ok(s.core, 'complaints.update', { id: c.id, status: 'resolved', resolution: '退款' }, s.manager.token);
    expect(await s.core.dispatcher.call('complaints.update', { id: c.id, status: 'open' }, s.manager.token)).toMatchObject({ ok: false, error: { details: { from: 'resolved', to: 'open' } } });
    // A refused update changes nothing, not even the other fields sent with it.
    expect(await s.core.dispatcher.call('complaints.update', { id: c.id, status: 'open', note: '不应记录', satisfaction: 1 }, s.manager.token)).toMatchObject({ ok: false });
    const after = await ok(s.core, 'complaints.get', { id: c.id }, s.manager.token);
    expect(after).toMatchObject({ status: 'resolved', satisfaction: null });
    expect(after.timeline.some((e) => e.note === '不应记录')).toBe(false);
    expect(await s.core.dispatcher.call('complaints.update', { id: c.id, assigneeId: 9999 }, s.manager.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.complaint_assignee_invalid' } });
    expect(await s.core.dispatcher.call('complaints.update', { id: c.id, satisfaction: 6 }, s.manager.token)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await s.core.dispatcher.call('complaints.update', { id: 9999, note: 'x' }, s.manager.token)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // The whole table of moves.
    expect(canMove('open', 'in_progress') && canMove('open', 'resolved') && canMove('in_progress', 'resolved') && canMove('resolved', 'closed') && canMove('resolved', 'in_progress') && canMove('closed', 'in_progress')).toBe(true);
    expect([canMove('open', 'closed'), canMove('in_progress', 'open'), canMove('in_progress', 'closed'), canMove('closed', 'resolved'), canMove('closed', 'open'), canMove('resolved', 'open')]).toEqual([false, false, false, false, false, false]);
  });

  it('lists overdue follow-ups first, then unresolved by severity and age, then the rest newest first', async () => {
    const s = await shop({ start: '2026-11-01T09:00:00' });
    const log = async (day: string, severity: 'low' | 'medium' | 'high', description: string) => {
      s.clock.set(`${day}T09:00:00`);
      return ok(s.core, 'complaints.log', { category: 'service', severity, description }, s.cashier.token);
    };
    const c1 = await log('2026-11-01', 'low', 'c1');
    const c2 = await log('2026-11-02', 'high', 'c2');
    const c3 = await log('2026-11-03', 'medium', 'c3');
    const c4 = await log('2026-11-04', 'high', 'c4');
    const c5 = await log('2026-11-05', 'medium', 'c5');
    const c6 = await log('2026-11-06', 'low', 'c6');
    const c7 = await log('2026-11-07', 'medium', 'c7');
    await ok(s.core, 'complaints.update', { id: c1.id, followUpOn: '2026-11-10' }, s.manager.token);
    await ok(s.core, 'complaints.update', { id: c3.id, followUpOn: '2026-11-05', status: 'in_progress' }, s.manager.token);
    await ok(s.core, 'complaints.update', { id: c5.id, followUpOn: '2026-11-30' }, s.manager.token);
    await ok(s.core, 'complaints.update', { id: c4.id, followUpOn: '2026-11-01', status: 'resolved', resolution: '已处理' }, s.manager.token);
    await ok(s.core, 'complaints.update', { id: c6.id, status: 'resolved', resolution: '已处理' }, s.manager.token);
    await ok(s.core, 'complaints.update', { id: c6.id, status: 'closed' }, s.manager.token);
    await ok(s.core, 'complaints.update', { id: c7.id, followUpOn: '2026-11-22' }, s.manager.token); // due today: not overdue yet
    s.clock.set('2026-11-22T10:00:00');
    const list = await ok(s.core, 'complaints.list', {}, s.manager.token);
    expect(list.items.map((c) => c.description)).toEqual(['c3', 'c1', 'c2', 'c5', 'c7', 'c6', 'c4']);
    expect(list.items.filter((c) => c.overdue).map((c) => c.id)).toEqual([c3.id, c1.id]);
    expect((await ok(s.core, 'complaints.list', { filter: { overdueOnly: true } }, s.manager.token)).items.map((c) => c.id)).toEqual([c3.id, c1.id]);
    expect([c2, c5, c7].every((c) => c.id > 0)).toBe(true);
  });

  it('counts complaints per category per month and per week (from Monday) for the root-cause view', async () => {
    const s = await shop({ start: '2026-09-30T09:00:00' });
    for (const [at, category] of [['2026-09-30T23:59:59', 'price'], ['2026-10-05T09:00:00', 'service'], ['2026-10-07T18:00:00', 'service'], ['2026-10-20T09:00:00', 'product'], ['2026-11-02T09:00:00', 'service'], ['2026-11-22T20:00:00', 'price'], ['2026-12-01T00:00:00', 'price']] as const) {
      s.clock.set(at);
      await ok(s.core, 'complaints.log', { category, description: at }, s.cashier.token);
    }
    const monthly = await ok(s.core, 'complaints.byCategory', { from: '2026-10-01', to: '2026-11-30', bucket: 'month' }, s.manager.token);
    expect(monthly).toEqual({
      periods: [
        { period: '2026-10', total: 3, byCategory: { service: 2, product: 1 } },
        { period: '2026-11', total: 2, byCategory: { service: 1, price: 1 } },
      ],
      totals: { service: 3, product: 1, price: 1 },
      total: 5,
    });
    const weekly = await ok(s.core, 'complaints.byCategory', { from: '2026-10-01', to: '2026-11-30', bucket: 'week' }, s.manager.token);
    expect(weekly.periods[0]!.period).toBe('2026-09-28');
    expect(weekly.periods.at(-1)!.period).toBe('2026-11-30');
    expect(weekly.periods).toHaveLength(10);
    expect(weekly.periods.filter((p) => p.total > 0)).toEqual([
      { period: '2026-10-05', total: 2, byCategory: { service: 2 } },
      { period: '2026-10-19', total: 1, byCategory: { product: 1 } },
      { period: '2026-11-02', total: 1, byCategory: { service: 1 } },
      { period: '2026-11-16', total: 1, byCategory: { price: 1 } },
    ]);
    expect(weekly.total).toBe(5);
    expect(weekStart('2026-11-22')).toBe('2026-11-16');
    expect(weekStart('2026-11-16')).toBe('2026-11-16');
    expect(await s.core.dispatcher.call('complaints.byCategory', { from: '2026-12-01', to: '2026-11-01' }, s.manager.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.date_range_invalid' } });
    // The range is read through the logged_at index.
    const plan = (s.core.db.prepare("EXPLAIN QUERY PLAN SELECT category, count(*) FROM complaints WHERE logged_at >= '2026-10-01' AND logged_at < '2026-12-01' GROUP BY category").all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/USING (COVERING )?INDEX complaints_logged/);
  });
});

describe('compensation', () => {
  it('books points in the member ledger (reason compensation), shows in their balance, and is audited', async () => {
    const s = await shop();
    const m = await ok(s.core, 'members.enrol', { phone: '13812345678' }, s.cashier.token);
    const c = await ok(s.core, 'complaints.log', { category: 'product', description: '坏了', memberId: m.id }, s.cashier.token);
    const after = await ok(s.core, 'complaints.compensate', { id: c.id, compensation: { kind: 'points', points: 200 }, reason: '商品质量问题' }, s.manager.token);
    expect(after.timeline.at(-1)).toMatchObject({ kind: 'compensation', to: 'points:200', note: '商品质量问题', staffId: s.manager.staffId, at: '2026-11-22T10:00:00' });
    expect(s.core.db.prepare('SELECT member_id, at, delta, reason, sale_id, staff_id, expires_on, note FROM points_ledger').all()).toEqual([{
      member_id: m.id, at: '2026-11-22T10:00:00', delta: 200, reason: 'compensation', sale_id: null, staff_id: s.manager.staffId, expires_on: '2027-11-22', note: `complaint #${c.id}: 商品质量问题`,
    }]);
    expect((await ok(s.core, 'members.card', { id: m.id }, s.cashier.token)).points).toBe(200);
    expect(s.core.db.prepare("SELECT staff_id, entity, entity_id, details FROM audit_log WHERE action = 'complaints.compensate'").all()).toEqual([{
      staff_id: s.manager.staffId, entity: 'complaint', entity_id: String(c.id), details: JSON.stringify({ memberId: m.id, kind: 'points', points: 200, reason: '商品质量问题' }),
    }]);

    await ok(s.core, 'complaints.compensate', { id: c.id, compensation: { kind: 'stored_value', fen: 1000 } }, s.manager.token);
    expect(s.core.db.prepare('SELECT principal_delta, bonus_delta, reason FROM stored_value_ledger').all()).toEqual([{ principal_delta: 0, bonus_delta: 1000, reason: 'compensation' }]);
    expect((await ok(s.core, 'members.card', { id: m.id }, s.cashier.token)).storedValueFen).toBe(1000);

    expect(await s.core.dispatcher.call('complaints.compensate', { id: c.id, compensation: { kind: 'points', points: 100 } }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await s.core.dispatcher.call('complaints.compensate', { id: c.id, compensation: { kind: 'points', points: 0 } }, s.manager.token)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('issues a coupon through the coupon ledger; an unknown template books nothing', async () => {
    const s = await shop();
    const m = await ok(s.core, 'members.enrol', { phone: '13812345678' }, s.cashier.token);
    const c = await ok(s.core, 'complaints.log', { category: 'service', description: 'x', memberId: m.id }, s.cashier.token);
    const tpl = await ok(s.core, 'coupons.saveTemplate', { name: '致歉券', kind: 'amount', value: 500, validDays: 30 }, s.owner);
    const events = (await ok(s.core, 'complaints.get', { id: c.id }, s.manager.token)).timeline.length;
    expect(await s.core.dispatcher.call('complaints.compensate', { id: c.id, compensation: { kind: 'coupon', templateId: 9999 } }, s.manager.token)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await ok(s.core, 'complaints.get', { id: c.id }, s.manager.token)).timeline.length).toBe(events);

    const after = await ok(s.core, 'complaints.compensate', { id: c.id, compensation: { kind: 'coupon', templateId: tpl.id }, reason: '致歉' }, s.manager.token);
    expect(after.timeline.at(-1)).toMatchObject({ kind: 'compensation', to: `coupon:${tpl.id}`, note: '致歉' });
    expect(await ok(s.core, 'coupons.forMember', { memberId: m.id }, s.cashier.token)).toMatchObject([{ name: '致歉券', reason: 'complaint', value: 500, status: 'valid' }]);
  });

  it('refuses complaints without a member or already closed, booking nothing', async () => {
    const s = await shop();
    const m = await ok(s.core, 'members.enrol', { phone: '13812345678' }, s.cashier.token);
    const c = await ok(s.core, 'complaints.log', { category: 'service', description: 'x', memberId: m.id }, s.cashier.token);
    const pointsRows = () => s.core.db.prepare("SELECT count(*) AS n FROM points_ledger WHERE reason = 'compensation'").get();

    const noMember = await ok(s.core, 'complaints.log', { category: 'service', description: 'y' }, s.cashier.token);
    expect(await s.core.dispatcher.call('complaints.compensate', { id: noMember.id, compensation: { kind: 'points', points: 1 } }, s.manager.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.complaint_no_member' } });
    await ok(s.core, 'complaints.update', { id: c.id, status: 'resolved', resolution: '补偿' }, s.manager.token);
    await ok(s.core, 'complaints.update', { id: c.id, status: 'closed' }, s.manager.token);
    expect(await s.core.dispatcher.call('complaints.compensate', { id: c.id, compensation: { kind: 'points', points: 1 } }, s.manager.token)).toMatchObject({ ok: false, error: { messageKey: 'errors.complaint_closed' } });
    expect(pointsRows()).toEqual({ n: 0 });
  });
});

describe('satisfaction (NPS)', () => {
  it('records a 0–10 answer after a sale, attached to the sale and its member, once per sale', async () => {
    const s = await shop();
    const m = await ok(s.core, 'members.enrol', { phone: '13812345678', name: '王芳' }, s.cashier.token);
    const sale = await sell(s, m.id, 0, 1);
    const f = await ok(s.core, 'feedback.record', { score: 9, comment: '很好', saleId: sale.sale.id, ratings: { service: 5, product: 4, price: null } }, s.cashier.token);
    expect(f).toMatchObject({ score: 9, comment: '很好', memberId: m.id, memberName: '王芳', saleId: sale.sale.id, receiptNo: sale.sale.receiptNo, ratings: { service: 5, product: 4, price: null }, staffName: '收银小王', source: 'till', answeredAt: '2026-11-22T10:00:00' });
    expect(await s.core.dispatcher.call('feedback.record', { score: 10, saleId: sale.sale.id }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'conflict', messageKey: 'errors.feedback_already_recorded' } });
    expect(await ok(s.core, 'feedback.record', { score: 0 }, s.cashier.token)).toMatchObject({ score: 0, memberId: null, saleId: null, comment: '' });
  });

  it('validates the score and ratings', async () => {
    const s = await shop();
    for (const score of [11, -1, 7.5]) expect(await s.core.dispatcher.call('feedback.record', { score }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await s.core.dispatcher.call('feedback.record', { score: '8' as never }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await s.core.dispatcher.call('feedback.record', { score: 8, ratings: { service: 6, product: null, price: null } }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await s.core.dispatcher.call('feedback.record', { score: 8, ratings: { service: 0, product: null, price: null } }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await s.core.dispatcher.call('feedback.record', { score: 8, saleId: 404 }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(s.core.db.prepare('SELECT count(*) AS n FROM feedback').get()).toEqual({ n: 0 });
  });

  it('lists answers newest first with NPS and average ratings for managers only', async () => {
    const s = await shop({ start: '2026-11-01T10:00:00' });
    const scores = [10, 9, 8, 6, 0, 10];
    for (const [i, score] of scores.entries()) {
      s.clock.set(`2026-11-0${i + 1}T10:00:00`);
      await ok(s.core, 'feedback.record', { score, ratings: { service: i % 2 ? 4 : 5, product: null, price: 3 } }, s.cashier.token);
    }
    expect(await s.core.dispatcher.call('feedback.list', {}, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const all = await ok(s.core, 'feedback.list', {}, s.manager.token);
    expect(all.total).toBe(6);
    expect(all.items.map((f) => f.score)).toEqual([...scores].reverse());
    expect(all.summary).toEqual({ answers: 6, promoters: 3, passives: 1, detractors: 2, nps: 17, averageScore: 7.17, averageRatings: { service: 4.5, product: null, price: 3 } });
    const firstDays = await ok(s.core, 'feedback.list', { from: '2026-11-02', to: '2026-11-04' }, s.manager.token);
    expect(firstDays.items.map((f) => f.score)).toEqual([6, 8, 9]);
    expect(firstDays.summary).toMatchObject({ answers: 3, promoters: 1, detractors: 1, nps: 0 });
    expect((await ok(s.core, 'feedback.list', { from: '2027-01-01' }, s.manager.token)).summary).toMatchObject({ answers: 0, nps: null, averageScore: null });
  });

  it('computes NPS as an integer from −100 to 100', () => {
    expect(netPromoterScore(0, 0, 0)).toBeNull();
    expect(netPromoterScore(3, 0, 3)).toBe(100);
    expect(netPromoterScore(0, 4, 4)).toBe(-100);
    expect(netPromoterScore(1, 0, 8)).toBe(13); // 12.5 rounds away from zero
    expect(netPromoterScore(0, 1, 8)).toBe(-13);
    expect(netPromoterScore(1, 1, 5)).toBe(0);
  });
});

describe('member merge hook', () => {
  it('moves a duplicate card\'s complaints and answers to the kept member', async () => {
    const s = await shop();
    const keep = await ok(s.core, 'members.enrol', { phone: '13812345678' }, s.cashier.token);
    const dup = await ok(s.core, 'members.enrol', { phone: '13912345678' }, s.cashier.token);
    const c = await ok(s.core, 'complaints.log', { category: 'service', description: 'x', memberId: dup.id }, s.cashier.token);
    await ok(s.core, 'feedback.record', { score: 3, memberId: dup.id }, s.cashier.token);
    await ok(s.core, 'members.merge', { keepId: keep.id, mergeId: dup.id }, s.manager.token);
    expect((await ok(s.core, 'complaints.get', { id: c.id }, s.manager.token)).memberId).toBe(keep.id);
    expect((await ok(s.core, 'feedback.list', { memberId: keep.id }, s.manager.token)).total).toBe(1);
  });
});
