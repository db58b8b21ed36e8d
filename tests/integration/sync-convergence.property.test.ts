import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testCore, shopWithOwner } from '../helpers/core.js';
import { ok, PRODUCTS, clientRef } from '../helpers/shop.js';
import { syncRelay } from '../helpers/sync-relay.js';

/**
 * Any interleaving of sales, stored-value top-ups and spends, member edits and sync rounds at
 * three tills — each offline from the others between its rounds, the relay down at random —
 * ends, once every till has synced, with the same balances, ledgers and summaries on every
 * till, each balance the sum of its ledger.
 */
const PHONES = ['13800138001', '13800138002', '13800138003'];
type Op =
  | { kind: 'sale'; till: number; member: number; qty: number }
  | { kind: 'topup'; till: number; member: number; fen: number }
  | { kind: 'spend'; till: number; member: number; fen: number }
  | { kind: 'note'; till: number; member: number; text: string }
  | { kind: 'sync'; till: number }
  | { kind: 'outage'; down: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('sale' as const), till: fc.nat(2), member: fc.nat(2), qty: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('topup' as const), till: fc.nat(2), member: fc.nat(2), fen: fc.integer({ min: 100, max: 5000 }) }),
  fc.record({ kind: fc.constant('spend' as const), till: fc.nat(2), member: fc.nat(2), fen: fc.integer({ min: 100, max: 900 }) }),
  fc.record({ kind: fc.constant('note' as const), till: fc.nat(2), member: fc.nat(2), text: fc.constantFrom('甲', '乙', '丙', '丁') }),
  fc.record({ kind: fc.constant('sync' as const), till: fc.nat(2) }),
  fc.record({ kind: fc.constant('outage' as const), down: fc.boolean() }),
);

async function run(ops: Op[]) {
  const relay = syncRelay();
  const byToken = new Map<string, string>();
  const tills = [0, 1, 2].map(() => testCore({ syncLoop: false, syncConnect: (p) => relay.transport(byToken.get(p.token)!) }));
  const pair = (i: number) => { const p = relay.pairing(`T${i + 1}`); byToken.set(p.token, p.tillId); tills[i]!.services.sync.enable(p); };
  try {
    const { token } = await shopWithOwner(tills[0]!);
    await ok(tills[0]!, 'products.save', PRODUCTS[0]!, token);
    for (const phone of PHONES) await ok(tills[0]!, 'members.enrol', { phone, name: phone.slice(-1) }, token);
    pair(0);
    await tills[0]!.services.sync.syncOnce();
    pair(1); pair(2);
    const tokens: string[] = [token];
    for (const i of [1, 2]) {
      await tills[i]!.services.sync.syncOnce();
      const id = (tills[i]!.db.prepare("SELECT id FROM staff WHERE role = 'owner'").get() as { id: number }).id;
      const s = await tills[i]!.dispatcher.call('auth.signIn', { staffId: id, pin: '1234' });
      if (!s.ok) throw new Error('sign-in');
      tokens.push(s.value.token);
    }
    for (let i = 0; i < 3; i++) await ok(tills[i]!, 'shifts.open', { openingFloatFen: 0 }, tokens[i]!);
    const memberAt = (i: number, m: number) => (tills[i]!.db.prepare('SELECT id FROM members WHERE phone = ?').get(PHONES[m]) as { id: number }).id;
    const productAt = (i: number) => (tills[i]!.db.prepare("SELECT id, price_fen FROM products WHERE sku = 'KL330'").get() as { id: number; price_fen: number });

    for (const o of ops) {
      if (o.kind === 'outage') { relay.down = o.down; continue; }
      const t = tills[o.till]!;
      const tok = tokens[o.till]!;
      if (o.kind === 'sync') { await t.services.sync.syncOnce().catch(() => undefined); continue; }
      const member = memberAt(o.till, o.member);
      if (o.kind === 'sale') {
        const p = productAt(o.till);
        await ok(t, 'sales.commit', { clientRef: clientRef(), lines: [{ productId: p.id, qty: o.qty }], memberId: member, payments: [{ method: 'card', amountFen: p.price_fen * o.qty }], expectedTotalFen: p.price_fen * o.qty, print: false }, tok);
      } else if (o.kind === 'topup') {
        await ok(t, 'storedValue.topUp', { memberId: member, amountFen: o.fen, method: 'card', clientRef: clientRef(), print: false }, tok);
      } else if (o.kind === 'spend') {
        // Spending stored value offline: allowed here on what this till knows (the caps are the server's, not yet built).
        const p = productAt(o.till);
        const bal = (t.db.prepare('SELECT principal_fen + bonus_fen AS b FROM member_balances WHERE member_id = ?').get(member) as { b: number } | undefined)?.b ?? 0;
        if (bal >= p.price_fen) await ok(t, 'sales.commit', { clientRef: clientRef(), lines: [{ productId: p.id, qty: 1 }], memberId: member, payments: [{ method: 'stored_value', amountFen: p.price_fen }], expectedTotalFen: p.price_fen, print: false }, tok);
      } else {
        await ok(t, 'members.update', { id: member, note: o.text }, tok);
      }
    }
    relay.down = false;
    for (let round = 0; round < 2; round++) for (const t of tills) await t.services.sync.syncOnce();

    const view = (i: number) => {
      const db = tills[i]!.db;
      return {
        balances: db.prepare('SELECT m.phone, b.points, b.principal_fen, b.bonus_fen FROM member_balances b JOIN members m ON m.id = b.member_id ORDER BY m.phone').all(),
        ledgerSums: db.prepare('SELECT m.phone, (SELECT coalesce(sum(delta), 0) FROM points_ledger WHERE member_id = m.id) AS points, (SELECT coalesce(sum(principal_delta + bonus_delta), 0) FROM stored_value_ledger WHERE member_id = m.id) AS stored FROM members m ORDER BY m.phone').all(),
        daily: db.prepare('SELECT day, sales, refunds, revenue_fen, member_sales FROM sales_daily ORDER BY day').all(),
        notes: db.prepare('SELECT phone, note FROM members ORDER BY phone').all(),
        sales: (db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n,
        exceptions: db.prepare('SELECT kind, reason FROM sync_exceptions').all(),
      };
    };
    const first = view(0);
    expect(first.exceptions).toEqual([]);
    for (const b of first.balances as Array<{ phone: string; points: number; principal_fen: number; bonus_fen: number }>) {
      const sums = (first.ledgerSums as Array<{ phone: string; points: number; stored: number }>).find((s) => s.phone === b.phone)!;
      expect([b.points, b.principal_fen + b.bonus_fen]).toEqual([sums.points, sums.stored]);
    }
    expect(view(1)).toEqual(first);
    expect(view(2)).toEqual(first);
  } finally {
    for (const t of tills) await t.dispose();
  }
}

describe('sync convergence (property)', () => {
  it('any interleaving of facts and sync rounds at three tills converges to the same books everywhere', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 30 }), run), { numRuns: 6 });
  }, 240_000);
});
