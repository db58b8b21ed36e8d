import { afterEach, describe, expect, it } from 'vitest';
import { openShop, ok, clientRef } from '../../../tests/helpers/shop.js';
import { fixedClock } from '../../../tests/helpers/core.js';
import { CARE_LAST_RUN_KEY, GENERATE_SQL, birthdayWindow, runDailyCare } from './care-service.js';

type Shop = Awaited<ReturnType<typeof openShop>>;
const shops: Shop[] = [];
afterEach(async () => { for (const s of shops.splice(0)) await s.core.dispose(); });

async function sell(s: Shop, memberId: number | null, productIndex: number, qty: number) {
  const p = s.products[productIndex]!;
  const probe = await s.core.dispatcher.call('sales.commit', {
    clientRef: clientRef(), lines: [{ productId: p.id, qty }], memberId, payments: [{ method: 'card', amountFen: 1 }], expectedTotalFen: 0,
  }, s.cashier.token);
  const total = !probe.ok ? Number((probe.error.details as { totalFen?: number } | undefined)?.totalFen ?? 0) : 0;
  return ok(s.core, 'sales.commit', { clientRef: clientRef(), lines: [{ productId: p.id, qty }], memberId, payments: [{ method: 'card', amountFen: total }], expectedTotalFen: total }, s.cashier.token);
}

/**
 * A shop with a history, as of Sunday 2026-11-22 (products: 0 = ¥3 cola, 1 = ¥7.50 crisps, 2 = ¥45 cigarettes):
 * - 阿美 birthday 11-25 (in 3 days), 小白 birthday 11-30 (in 8 days)
 * - 大户 spent ¥1350 on 07-01 (144 days ago: lapsed, top quartile)     → win-back
 * - 小刘 spent ¥3 on 07-15 (lapsed, small spender)                      → nothing
 * - 老陈 spent ¥6 on 09-20 (63 days ago: at risk)                        → at risk
 * - 常客 spent ¥450 on 11-20 (recent, second-highest spend)              → nothing
 * - 新人 first and only sale 11-15 (7 days ago)                          → welcome back
 * - 回头 first sale 11-15, second 11-18                                  → nothing
 * - complaints: follow-up today (老陈's), overdue (no member), in 3 days, and a closed one with a past date
 */
async function historyShop() {
  const clock = fixedClock('2026-06-01T09:00:00');
  const s = await openShop({ clock });
  shops.push(s);
  const enrol = (phone: string, name: string, birthday: string | null = null) => ok(s.core, 'members.enrol', { phone, name, birthday }, s.cashier.token);
  const m = {
    amei: await enrol('13812340001', '阿美', '11-25'),
    xiaobai: await enrol('13812340002', '小白', '1990-11-30'),
    whale: await enrol('13912340001', '大户'),
    small: await enrol('13912340002', '小刘'),
    risk: await enrol('13912340003', '老陈'),
    regular: await enrol('13912340004', '常客'),
    fresh: await enrol('13912340005', '新人'),
    back: await enrol('13912340006', '回头'),
  };
  const at = async (day: string, fn: () => Promise<unknown>) => { clock.set(`${day}T10:00:00`); await fn(); };
  await at('2026-07-01', () => sell(s, m.whale.id, 2, 30));
  await at('2026-07-15', () => sell(s, m.small.id, 0, 1));
  await at('2026-09-20', () => sell(s, m.risk.id, 0, 2));
  await at('2026-11-15', () => sell(s, m.fresh.id, 1, 1));
  await at('2026-11-15', () => sell(s, m.back.id, 0, 1));
  await at('2026-11-18', () => sell(s, m.back.id, 0, 1));
  await at('2026-11-20', () => sell(s, m.regular.id, 2, 10));
  clock.set('2026-11-22T08:00:00');
  const complaint = async (memberId: number | null, followUpOn: string, description: string) => {
    const c = await ok(s.core, 'complaints.log', { category: 'service', description, memberId }, s.cashier.token);
    await ok(s.core, 'complaints.update', { id: c.id, followUpOn }, s.manager.token);
    return c;
  };
  const k = {
    today: await complaint(m.risk.id, '2026-11-22', '结账慢'),
    overdue: await complaint(null, '2026-11-20', '没人理'),
    later: await complaint(m.regular.id, '2026-11-25', '价签错'),
    closed: await complaint(m.small.id, '2026-11-10', '早已处理'),
  };
  await ok(s.core, 'complaints.update', { id: k.closed.id, status: 'resolved', resolution: '道歉' }, s.manager.token);
  await ok(s.core, 'complaints.update', { id: k.closed.id, status: 'closed' }, s.manager.token);
  return { ...s, clock, m, k };
}

describe('care task generation', () => {
  it('finds birthdays, win-backs, members at risk, complaint follow-ups and welcome-backs, once', async () => {
    const s = await historyShop();
    expect(await s.core.dispatcher.call('care.generate', {}, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const first = await ok(s.core, 'care.generate', {}, s.manager.token);
    expect(first).toEqual({ created: 6, dropped: 0, byKind: { birthday: 1, win_back: 1, at_risk: 1, complaint_follow_up: 2, welcome_back: 1 } });
    expect(await ok(s.core, 'care.generate', {}, s.manager.token)).toEqual({ created: 0, dropped: 0, byKind: { birthday: 0, win_back: 0, at_risk: 0, complaint_follow_up: 0, welcome_back: 0 } });

    const list = await ok(s.core, 'care.tasks', {}, s.cashier.token);
    expect(list.total).toBe(6);
    expect(list.byKind).toEqual({ birthday: 1, win_back: 1, at_risk: 1, complaint_follow_up: 2, welcome_back: 1 });
    expect(list.items.map((t) => [t.kind, t.memberName, t.dueOn, t.complaintId])).toEqual([
      ['complaint_follow_up', null, '2026-11-20', s.k.overdue.id],
      ['at_risk', '老陈', '2026-11-22', null],
      ['complaint_follow_up', '老陈', '2026-11-22', s.k.today.id],
      ['welcome_back', '新人', '2026-11-22', null],
      ['win_back', '大户', '2026-11-22', null],
      ['birthday', '阿美', '2026-11-25', null],
    ]);
    expect(list.items.find((t) => t.kind === 'win_back')).toMatchObject({ maskedPhone: '139****0001', generatedOn: '2026-11-22', status: 'open', details: { lastSaleOn: '2026-07-01', spendFen: 135000, visits: 1 } });
    expect(list.items.find((t) => t.kind === 'birthday')!.details).toEqual({ birthday: '11-25' });
    expect(list.items.find((t) => t.kind === 'welcome_back')!.details).toEqual({ firstSaleOn: '2026-11-15', spendFen: 750 });
    expect((await ok(s.core, 'care.tasks', { kind: 'complaint_follow_up' }, s.cashier.token)).items).toHaveLength(2);
    expect((await ok(s.core, 'care.tasks', { limit: 2, offset: 4 }, s.cashier.token)).items.map((t) => t.kind)).toEqual(['win_back', 'birthday']);
    expect(s.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'care.generate'").get()).toEqual({ n: 1 });
  });

  it('drops tasks that no longer apply, adds the next day\'s, and runs daily once', async () => {
    const s = await historyShop();
    await ok(s.core, 'care.generate', {}, s.manager.token);
    s.clock.set('2026-11-22T15:00:00');
    await sell(s, s.m.risk.id, 0, 1); // 老陈 came back
    await ok(s.core, 'complaints.update', { id: s.k.overdue.id, status: 'resolved', resolution: '已道歉' }, s.manager.token);
    await ok(s.core, 'complaints.update', { id: s.k.overdue.id, status: 'closed' }, s.manager.token);
    expect(await ok(s.core, 'care.generate', {}, s.manager.token)).toMatchObject({ created: 0, dropped: 2 });
    expect((await ok(s.core, 'care.tasks', {}, s.cashier.token)).items.map((t) => t.kind)).toEqual(['complaint_follow_up', 'welcome_back', 'win_back', 'birthday']);

    // The next morning: 小白's birthday (11-30) comes within the week; nothing else is repeated.
    s.clock.set('2026-11-23T08:00:00');
    expect(runDailyCare(s.core.db, s.clock, s.core.services.audit)).toMatchObject({ created: 1, dropped: 0, byKind: { birthday: 1 } });
    expect(runDailyCare(s.core.db, s.clock, s.core.services.audit)).toBeNull();
    expect(await ok(s.core, 'care.generate', {}, s.manager.token)).toMatchObject({ created: 0, dropped: 0 });
    await ok(s.core, 'members.erase', { id: s.m.amei.id, reason: '顾客要求' }, s.owner);
    s.clock.set('2026-11-24T08:00:00');
    expect(runDailyCare(s.core.db, s.clock, s.core.services.audit)).toMatchObject({ created: 0, dropped: 1 });
    const birthdays = (await ok(s.core, 'care.tasks', { kind: 'birthday' }, s.cashier.token)).items;
    expect(birthdays.map((t) => [t.memberName, t.dueOn])).toEqual([['小白', '2026-11-30']]);
    expect(s.core.db.prepare("SELECT kind, status FROM care_tasks WHERE status = 'dropped' ORDER BY kind").all()).toEqual([
      { kind: 'at_risk', status: 'dropped' }, { kind: 'birthday', status: 'dropped' }, { kind: 'complaint_follow_up', status: 'dropped' },
    ]);
  });

  it('follows the rules in settings: lapse days, win-back spend bar, kinds switched off', async () => {
    const s = await historyShop();
    expect(await ok(s.core, 'care.settings', {}, s.manager.token)).toEqual({
      lapseDays: 90, winBackMaxDays: 365, winBackMinSpendFen: null, birthdayDaysAhead: 7, welcomeBackDays: 7,
      enabled: { birthday: true, win_back: true, at_risk: true, complaint_follow_up: true, welcome_back: true },
    });
    expect(await s.core.dispatcher.call('care.setSettings', { lapseDays: 60 }, s.manager.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await s.core.dispatcher.call('care.setSettings', { winBackMaxDays: 80 }, s.owner)).toMatchObject({ ok: false, error: { messageKey: 'errors.care_rules_invalid' } });
    // Lapsed after 60 days: 老陈 (63 days) is now lapsed, and with a ¥1 bar 小刘 and 老陈 qualify too.
    await ok(s.core, 'care.setSettings', { lapseDays: 60, winBackMinSpendFen: 100, enabled: { birthday: false, win_back: true, at_risk: true, complaint_follow_up: false, welcome_back: false } }, s.owner);
    const r = await ok(s.core, 'care.generate', {}, s.manager.token);
    expect(r.byKind).toEqual({ birthday: 0, win_back: 3, at_risk: 0, complaint_follow_up: 0, welcome_back: 0 });
    expect((await ok(s.core, 'care.tasks', {}, s.cashier.token)).items.map((t) => t.memberName).sort()).toEqual(['大户', '小刘', '老陈'].sort());
    expect(s.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'care.settings'").get()).toEqual({ n: 1 });
  });
});

describe('the care list at the first start of a day', () => {
  const tasks = (s: Shop) => s.core.db.prepare("SELECT kind, member_id, complaint_id, occasion, due_on, status FROM care_tasks WHERE generated_on = '2026-11-22' ORDER BY kind, member_id, complaint_id").all();

  it('is made behind the till, and a start stopped between two rules makes it whole the next time', async () => {
    const s = await historyShop();
    const daily = s.core.services.daily;
    expect(daily.startIfNewDay((err) => { throw err; })).toBe(true);
    expect(tasks(s)).toEqual([]); // the till serves first
    await daily.idle();
    const whole = tasks(s);
    expect(whole.map((t) => (t as { kind: string }).kind)).toEqual(['at_risk', 'birthday', 'complaint_follow_up', 'complaint_follow_up', 'welcome_back', 'win_back']);
    expect(s.core.services.settings.get(CARE_LAST_RUN_KEY, null)).toBe('2026-11-22');

    // The same shop, the app quitting after two of the rules: the rest come the next time, nothing twice.
    const t = await historyShop();
    const steps = t.core.services.care.generateSteps(null);
    for (let i = 0; i < 3; i++) expect(steps.next().done).toBe(false);
    steps.return({ created: 0, dropped: 0, byKind: { birthday: 0, win_back: 0, at_risk: 0, complaint_follow_up: 0, welcome_back: 0 } });
    const part = tasks(t);
    expect(part.length).toBeGreaterThan(0);
    expect(part.length).toBeLessThan(whole.length);
    expect(t.core.services.settings.get(CARE_LAST_RUN_KEY, null)).not.toBe('2026-11-22');
    expect(runDailyCare(t.core.db, t.clock, t.core.services.audit)).toMatchObject({ created: whole.length - part.length });
    expect(tasks(t)).toEqual(whole);
  });
});

describe('working the list', () => {
  it('completes a task with an outcome once, and a complaint follow-up call shows on the complaint', async () => {
    const s = await historyShop();
    await ok(s.core, 'care.generate', {}, s.manager.token);
    const tasks = (await ok(s.core, 'care.tasks', {}, s.cashier.token)).items;
    const winBack = tasks.find((t) => t.kind === 'win_back')!;
    s.clock.set('2026-11-22T11:30:00');
    const done = await ok(s.core, 'care.complete', { id: winBack.id, outcome: 'called', note: '下周来' }, s.cashier.token);
    expect(done).toMatchObject({ status: 'done', outcome: 'called', note: '下周来', doneBy: '收银小王', doneAt: '2026-11-22T11:30:00' });
    expect(await s.core.dispatcher.call('care.complete', { id: winBack.id, outcome: 'declined' }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'rule_violation', messageKey: 'errors.care_task_not_open' } });
    expect(await s.core.dispatcher.call('care.complete', { id: 9999, outcome: 'called' }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await s.core.dispatcher.call('care.complete', { id: winBack.id, outcome: 'emailed' as never }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'bad_input' } });

    const followUp = tasks.find((t) => t.complaintId === s.k.today.id)!;
    await ok(s.core, 'care.complete', { id: followUp.id, outcome: 'no_answer' }, s.manager.token);
    const complaint = await ok(s.core, 'complaints.get', { id: s.k.today.id }, s.manager.token);
    expect(complaint.timeline.at(-1)).toMatchObject({ kind: 'note', note: 'follow_up_call:no_answer', staffName: '李店长', at: '2026-11-22T11:30:00' });

    const open = await ok(s.core, 'care.tasks', {}, s.cashier.token);
    expect(open.total).toBe(4);
    expect((await ok(s.core, 'care.tasks', { status: 'done' }, s.cashier.token)).items.map((t) => t.outcome)).toEqual(['no_answer', 'called']);
    // Done tasks are not created again the next day.
    s.clock.set('2026-11-23T08:00:00');
    expect((await ok(s.core, 'care.generate', {}, s.manager.token)).byKind.win_back).toBe(0);
  });

  it('exports a call list with masked phones; full phones only for managers, audited', async () => {
    const s = await historyShop();
    await ok(s.core, 'care.generate', {}, s.manager.token);
    const strip = (csv: string) => csv.replace(/^\uFEFF/, '').trim().split('\n');
    const cashierList = await ok(s.core, 'care.callList', {}, s.cashier.token);
    expect(cashierList.rows).toBe(6);
    expect(cashierList.csv.startsWith('\uFEFF')).toBe(true);
    expect(strip(cashierList.csv)).toEqual([
      '姓名,手机号,类型,日期,原因',
      ',,投诉回访,2026-11-20,投诉 #2 回访（服务态度）'.replace('#2', `#${s.k.overdue.id}`),
      '老陈,139****0003,流失预警,2026-11-22,最后消费 2026-09-20',
      `老陈,139****0003,投诉回访,2026-11-22,投诉 #${s.k.today.id} 回访（服务态度）`,
      '新人,139****0005,新客回访,2026-11-22,首次消费 2026-11-15',
      '大户,139****0001,挽回流失,2026-11-22,最后消费 2026-07-01，累计消费 ¥1350.00',
      '阿美,138****0001,生日关怀,2026-11-25,生日 11-25',
    ]);
    expect(cashierList.csv).not.toMatch(/1\d{10}/);
    expect(await s.core.dispatcher.call('care.callList', { fullPhones: true }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(s.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'care.callList'").get()).toEqual({ n: 0 });

    const full = await ok(s.core, 'care.callList', { fullPhones: true, kind: 'win_back', locale: 'en' }, s.manager.token);
    expect(strip(full.csv)).toEqual(['name,phone,kind,due,reason', '大户,13912340001,Win-back,2026-11-22,"Last visit 2026-07-01, spent ¥1350.00"']);
    expect(s.core.db.prepare("SELECT staff_id, details FROM audit_log WHERE action = 'care.callList'").all()).toEqual([
      { staff_id: s.manager.staffId, details: JSON.stringify({ rows: 1, fullPhones: true, kind: 'win_back' }) },
    ]);
  });

  it('issues a win-back coupon to the whole open list in one action and marks those tasks done', async () => {
    const s = await historyShop();
    await ok(s.core, 'care.generate', {}, s.manager.token);
    const tpl = await ok(s.core, 'coupons.saveTemplate', { name: '回归礼券', kind: 'amount', value: 1000, minSpendFen: 3000, validDays: 30 }, s.owner);
    expect(await s.core.dispatcher.call('care.issueCoupons', { kind: 'win_back', templateId: tpl.id }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await s.core.dispatcher.call('care.issueCoupons', { kind: 'win_back', templateId: 9999 }, s.manager.token)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await ok(s.core, 'care.tasks', { kind: 'win_back' }, s.cashier.token)).total).toBe(1);

    expect(await ok(s.core, 'care.issueCoupons', { kind: 'win_back', templateId: tpl.id }, s.manager.token)).toEqual({ issued: 1 });
    expect(await ok(s.core, 'coupons.forMember', { memberId: s.m.whale.id }, s.cashier.token)).toMatchObject([{ name: '回归礼券', reason: 'win_back', status: 'valid' }]);
    expect((await ok(s.core, 'care.tasks', { kind: 'win_back' }, s.cashier.token)).total).toBe(0);
    expect((await ok(s.core, 'care.tasks', { kind: 'win_back', status: 'done' }, s.cashier.token)).items).toMatchObject([{ memberName: '大户', outcome: 'coupon_sent', doneBy: '李店长' }]);
    // The list is empty now: a second click issues nothing.
    expect(await ok(s.core, 'care.issueCoupons', { kind: 'win_back', templateId: tpl.id }, s.manager.token)).toEqual({ issued: 0 });
  });
});

describe('care queries', () => {
  it('birthday windows cross the year end and place 02-29 on 02-28 in common years', () => {
    expect(birthdayWindow('2026-12-29', 4).map((w) => `${w.md}@${w.due}`)).toEqual(['12-29@2026-12-29', '12-30@2026-12-30', '12-31@2026-12-31', '01-01@2027-01-01', '01-02@2027-01-02']);
    expect(birthdayWindow('2027-02-27', 2).map((w) => `${w.md}@${w.due}`)).toEqual(['02-27@2027-02-27', '02-28@2027-02-28', '02-29@2027-02-28', '03-01@2027-03-01']);
    expect(birthdayWindow('2028-02-28', 1).map((w) => `${w.md}@${w.due}`)).toEqual(['02-28@2028-02-28', '02-29@2028-02-29']);
  });

  it('reads members, their stats and complaints through indexes, never scanning a table', async () => {
    const s = await historyShop();
    const params: Record<keyof typeof GENERATE_SQL, Record<string, unknown>> = {
      birthday: { md: '11-25', due: '2026-11-25', today: '2026-11-22' },
      win_back: { today: '2026-11-22', lapsedBefore: '2026-08-24', oldest: '2025-11-22', minSpend: 1 },
      at_risk: { today: '2026-11-22', lapsedBefore: '2026-08-24', riskFrom: '2026-10-08' },
      welcome_back: { today: '2026-11-22', plus: '+7 days', from: '2026-11-08', to: '2026-11-15' },
      complaint_follow_up: { today: '2026-11-22' },
    };
    for (const [kind, sql] of Object.entries(GENERATE_SQL) as Array<[keyof typeof GENERATE_SQL, string]>) {
      const plan = (s.core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params[kind]) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
      expect(plan, kind).toMatch(/USING (COVERING )?INDEX (members_birthday|member_stats_last_sale|member_stats_first_sale|member_stats_spend|complaints_follow_up)/);
      expect(plan, kind).not.toMatch(/SCAN (m|s|c|members|member_stats|complaints)\b/);
    }
  });
});
