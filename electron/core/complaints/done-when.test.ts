import { afterEach, describe, expect, it } from 'vitest';
import { openShop, ok, clientRef } from '../../../tests/helpers/shop.js';
import { fixedClock } from '../../../tests/helpers/core.js';

type Shop = Awaited<ReturnType<typeof openShop>>;
const shops: Shop[] = [];
afterEach(async () => { for (const s of shops.splice(0)) await s.core.dispose(); });

/** Issue 6, "done when", at the core: the page's part is the shortcut and the forms. */
describe('complaint to follow-up, end to end', () => {
  it('a complaint logged during a sale is resolved with points in the statement, its follow-up comes on its date, and NPS is recorded', async () => {
    const clock = fixedClock('2026-11-22T10:00:00');
    const s = await openShop({ clock });
    shops.push(s);
      const m = await ok(s.core, 'members.enrol', { phone: '13812345678', name: '王芳' }, s.cashier.token);
    const p = s.products[0]!;
    const sale = await ok(s.core, 'sales.commit', { clientRef: clientRef(), lines: [{ productId: p.id, qty: 1 }], memberId: m.id, payments: [{ method: 'cash', amountFen: 300, tenderedFen: 500 }], expectedTotalFen: 300 }, s.cashier.token);

    // At the counter: the complaint, pre-filled with the sale (and so the member), then the NPS answer.
    const c = await ok(s.core, 'complaints.log', { category: 'product', severity: 'high', description: '可乐是温的', saleId: sale.sale.id }, s.cashier.token);
    expect(c).toMatchObject({ memberId: m.id, receiptNo: sale.sale.receiptNo, status: 'open' });
    expect(await ok(s.core, 'feedback.record', { score: 6, comment: '冰柜坏了?', saleId: sale.sale.id }, s.cashier.token)).toMatchObject({ memberId: m.id, score: 6 });

    // After closing: the manager handles it with a points compensation and a follow-up date.
    clock.set('2026-11-22T20:00:00');
    await ok(s.core, 'complaints.update', { id: c.id, status: 'in_progress', assigneeId: s.manager.staffId, followUpOn: '2026-11-25' }, s.manager.token);
    await ok(s.core, 'complaints.compensate', { id: c.id, compensation: { kind: 'points', points: 100 }, reason: '饮料不冰' }, s.manager.token);
    await ok(s.core, 'complaints.update', { id: c.id, status: 'resolved', resolution: '已修冰柜，赠送积分' }, s.manager.token);
    const statement = await ok(s.core, 'points.statement', { memberId: m.id }, s.cashier.token);
    expect(statement.items.find((e) => e.reason === 'compensation')).toMatchObject({ delta: 100, staffName: '李店长' });

    // The follow-up call appears in the care list on its date, not before.
    await ok(s.core, 'care.generate', {}, s.manager.token);
    expect((await ok(s.core, 'care.tasks', { kind: 'complaint_follow_up' }, s.cashier.token)).total).toBe(0);
    clock.set('2026-11-25T08:00:00');
    await ok(s.core, 'care.generate', {}, s.manager.token);
    const tasks = (await ok(s.core, 'care.tasks', { kind: 'complaint_follow_up' }, s.cashier.token)).items;
    expect(tasks).toMatchObject([{ complaintId: c.id, memberName: '王芳', maskedPhone: '138****5678', dueOn: '2026-11-25' }]);
    await ok(s.core, 'care.complete', { id: tasks[0]!.id, outcome: 'called', note: '顾客满意' }, s.cashier.token);
    await ok(s.core, 'complaints.update', { id: c.id, status: 'closed', satisfaction: 5 }, s.manager.token);
    const done = await ok(s.core, 'complaints.get', { id: c.id }, s.manager.token);
    expect(done.timeline.map((e) => e.kind)).toEqual(['logged', 'assignee', 'follow_up', 'status', 'compensation', 'resolution', 'status', 'note', 'satisfaction', 'status']);
    expect((await ok(s.core, 'feedback.list', {}, s.manager.token)).summary).toMatchObject({ answers: 1, detractors: 1, nps: -100 });
  });
});
