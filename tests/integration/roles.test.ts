import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { contract } from '../../shared/contract/index.js';
import { ROLES, roleAllows, type Role } from '../../shared/roles.js';
import { clientRef, ok, openShop } from '../helpers/shop.js';

/**
 * Roles are enforced by the dispatcher for every call: whatever a page sends, a session
 * whose role is below the call's access is refused with `forbidden`, and nothing changes.
 * Then the sensitive calls one by one, by name, so a change of their access level is a
 * visible decision and not an accident.
 */
let shop: Awaited<ReturnType<typeof openShop>>;
let memberId: number;
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  shop = await openShop();
  tokens.owner = shop.owner;
  tokens.manager = shop.manager.token;
  tokens.cashier = shop.cashier.token;
  memberId = (await ok(shop.core, 'members.enrol', { phone: '13900139000', name: '王五' }, tokens.cashier)).id;
}, 60_000);
afterAll(async () => { await shop.core.dispose(); });

function fingerprint(): string {
  const db = shop.core.db;
  const hash = createHash('sha1');
  for (const t of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]) {
    hash.update(t);
    for (const row of (db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[]).map((r) => JSON.stringify(r)).sort()) hash.update(row);
  }
  return hash.digest('hex');
}

const entries = Object.entries(contract as Record<string, { access: string }>);

describe('every call, every role', () => {
  it('a session below the call\'s access is refused with forbidden, whatever the input, and nothing changes', async () => {
    const before = fingerprint();
    let refused = 0;
    for (const [method, def] of entries) {
      if (def.access === 'public') continue;
      for (const role of ROLES) {
        if (roleAllows(role, def.access as Role)) continue;
        for (const input of [{}, { id: 1, memberId, amountFen: 100, confirm: true }]) {
          const r = await shop.core.dispatcher.invoke({ method, input, session: tokens[role] });
          expect(r, `${role} → ${method}`).toEqual({ ok: false, error: { code: 'forbidden', messageKey: 'errors.forbidden', details: { needs: def.access } } });
          refused += 1;
        }
      }
    }
    expect(refused).toBeGreaterThan(60);
    expect(fingerprint()).toBe(before);
  });

  it('no session, or a forged one, gets not_signed_in for every call that is not public', async () => {
    for (const [method, def] of entries) {
      if (def.access === 'public') continue;
      for (const session of [null, 'forged-token', tokens.owner.slice(0, -2) + 'xx']) {
        expect((await shop.core.dispatcher.invoke({ method, input: {}, session })), method).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
      }
    }
  });

  it('reports and statistics are for managers and owners, whichever exist', () => {
    const reports = entries.filter(([m]) => /^(stats|reports)\./.test(m) || /\.(byCategory|list)$/.test(m) && /^(feedback|members|audit)\./.test(m));
    expect(reports.length).toBeGreaterThanOrEqual(3);
    for (const [method, def] of reports) expect(roleAllows('cashier', def.access as Role), method).toBe(false);
  });
});

describe('sensitive calls, by name: a cashier is refused', () => {
  const refusedToCashier: Array<[string, Record<string, unknown>]> = [
    ['points.adjust', { memberId: 1, delta: 100, reason: '补积分' }],
    ['storedValue.adjust', { memberId: 1, principalDeltaFen: 1000, bonusDeltaFen: 0, reason: '补钱' }],
    ['sales.refund', { saleId: 1, clientRef: 'refund-0001', lines: [{ lineId: 1, qty: 1 }], payments: [] }],
    ['members.revealPhone', { id: 1 }],
    ['members.exportCsv', {}],
    ['products.exportCsv', {}],
    ['backup.exportAll', {}],
    ['backup.list', {}],
    ['backup.restore', { location: 'primary', name: 'shop-20260101-000000-daily.sqlite', confirm: true }],
    ['audit.list', {}],
    ['settings.update', { shopName: '改名' }],
    ['checkout.setRules', {}],
    ['rewards.setRules', {}],
    ['storedValue.setRules', {}],
    ['devices.setConfig', {}],
    ['staff.create', { name: '新人', role: 'owner', pin: '1111' }],
    ['members.erase', { id: 1, reason: 'x' }],
    ['gifts.save', { name: '保温杯', kind: 'gift', pointsCost: 100 }],
    ['gifts.restock', { giftId: 1, delta: 5, reason: '进货' }],
    ['gifts.cancel', { redemptionId: 1, reason: '撤销' }],
  ];

  it.each(refusedToCashier)('%s', async (method, input) => {
    expect(method in contract, `${method} is in the contract`).toBe(true);
    const r = await shop.core.dispatcher.invoke({ method, input: { ...input, memberId, id: memberId }, session: tokens.cashier });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a cashier cannot discount beyond their limit without a manager, nor refund at all; a manager cannot refund more than was paid', async () => {
    const p = shop.products[1]!;
    // 20% off is beyond the cashier's 10% (checkout.test.ts covers the manager's PIN that allows it).
    const overLimit = await shop.core.dispatcher.call('sales.commit', {
      clientRef: clientRef(), lines: [{ productId: p.id, qty: 1, discount: { kind: 'percent', pricePct: 80 } }], payments: [{ method: 'wechat', amountFen: 600 }], expectedTotalFen: 600, print: false,
    }, tokens.cashier);
    expect(overLimit).toMatchObject({ ok: false, error: { messageKey: 'errors.approval_required' } });

    const sale = await ok(shop.core, 'sales.commit', { clientRef: clientRef(), lines: [{ productId: p.id, qty: 1 }], payments: [{ method: 'wechat', amountFen: p.priceFen }], expectedTotalFen: p.priceFen, print: false }, tokens.cashier);
    const refund = { saleId: sale.sale.id, clientRef: clientRef(), lines: [{ lineId: sale.sale.lines[0]!.id, qty: 1 }], payments: [{ method: 'wechat' as const, amountFen: p.priceFen }], print: false };
    expect(await shop.core.dispatcher.call('sales.refund', refund, tokens.cashier)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await shop.core.dispatcher.call('sales.refund', { ...refund, lines: [{ lineId: sale.sale.lines[0]!.id, qty: 2 }] }, tokens.manager)).toMatchObject({ ok: false });
    expect(await shop.core.dispatcher.call('sales.refund', { ...refund, payments: [{ method: 'wechat', amountFen: p.priceFen + 1 }] }, tokens.manager)).toMatchObject({ ok: false });
    expect((await shop.core.dispatcher.call('sales.refund', refund, tokens.manager)).ok).toBe(true);
    // And once refunded, never again.
    expect(await shop.core.dispatcher.call('sales.refund', { ...refund, clientRef: clientRef() }, tokens.manager)).toMatchObject({ ok: false });
  });
});

describe('the audit log', () => {
  it('records sensitive changes with who and before/after, and nobody can edit it', async () => {
    await ok(shop.core, 'points.adjust', { memberId, delta: 50, reason: '活动补发' }, tokens.manager);
    await ok(shop.core, 'settings.update', { shopName: '新店名' }, tokens.owner);
    const entries = await ok(shop.core, 'audit.list', { limit: 50 }, tokens.owner);
    const adjust = entries.items.find((e) => e.action === 'points.adjust');
    expect(adjust).toMatchObject({ staffName: '李店长', entity: 'member', details: { before: 0, after: 50, delta: 50, reason: '活动补发' } });
    expect(entries.items.find((e) => e.action === 'settings.update')).toMatchObject({ staffName: '老板', details: { before: { shopName: '测试小店' }, after: { shopName: '新店名' } } });
    expect(adjust!.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    // Reading is for owners; no call writes or deletes entries; the database refuses edits.
    expect(Object.keys(contract).filter((m) => m.startsWith('audit.'))).toEqual(['audit.list']);
    expect(() => shop.core.db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => shop.core.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('locks a PIN after repeated failures, and the lockout is audited', async () => {
    const id = shop.cashier.staffId;
    let last;
    for (let i = 0; i < 5; i++) last = await shop.core.dispatcher.call('auth.signIn', { staffId: id, pin: '0000' });
    expect(last).toMatchObject({ ok: false, error: { code: 'account_locked' } });
    expect(await shop.core.dispatcher.call('auth.signIn', { staffId: id, pin: '4321' })).toMatchObject({ ok: false, error: { code: 'account_locked' } });
    const lockouts = await ok(shop.core, 'audit.list', { action: 'staff.pinLockout' }, tokens.owner);
    expect(lockouts.items[0]).toMatchObject({ entityId: String(id) });
  });
});
