import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../app.js';
import { testCore, shopWithOwner, signedInAs, fixedClock } from '../../../tests/helpers/core.js';
import { openShop, clientRef } from '../../../tests/helpers/shop.js';
import { MAX_PIN_ATTEMPTS, LOCK_MINUTES, lockMinutes } from './pin-attempts.js';

const cores: Array<{ dispose(): Promise<void> }> = [];
afterEach(async () => { for (const c of cores.splice(0)) await c.dispose(); });

function start() {
  const clock = fixedClock('2026-11-22T10:00:00');
  const c = testCore({ clock });
  cores.push(c);
  return { c, clock };
}

const wrongPins = (n: number) => Array.from({ length: n }, (_, i) => String(5000 + i));
const codes = (answers: Array<{ ok: boolean; error?: { code: string } }>) =>
  answers.map((a) => (a.ok ? 'ok' : a.error!.code));
const codeOf = (a: { ok: boolean; error?: { code: string } } | { ok: true }) => ('error' in a && a.error ? a.error.code : 'ok');
const lockAudits = (c: ReturnType<typeof testCore>, id: number) =>
  (c.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'staff.pinLockout' AND entity_id = ?").get(String(id)) as { n: number }).n;

describe('PIN lockout under concurrent attempts', () => {
  it('60 parallel sign-ins evaluate at most the limit; the right PIN sent among them is refused; one lock, audited once', async () => {
    const { c } = start();
    const { ownerId } = await shopWithOwner(c);
    const pins = wrongPins(60);
    pins[45] = '1234'; // the owner's real PIN, as the 46th guess
    const answers = await Promise.all(pins.map((pin) => c.dispatcher.call('auth.signIn', { staffId: ownerId, pin })));
    const got = codes(answers);
    expect(got).not.toContain('ok');
    expect(got.filter((x) => x === 'wrong_pin')).toHaveLength(MAX_PIN_ATTEMPTS - 1);
    expect(got.filter((x) => x === 'account_locked')).toHaveLength(60 - (MAX_PIN_ATTEMPTS - 1));
    const row = c.db.prepare('SELECT locked_until, lockouts FROM staff WHERE id = ?').get(ownerId);
    expect(row).toEqual({ locked_until: '2026-11-22T10:05:00', lockouts: 1 });
    expect(lockAudits(c, ownerId)).toBe(1);
  });

  it('a cashier\'s parallel sales with wrong manager PINs never get a mark-down approved, even with the right PIN later in the burst', async () => {
    const { core, cashier, manager, products } = await openShop({ clock: fixedClock('2026-11-22T10:00:00') });
    cores.push(core);
    const pins = wrongPins(40);
    pins[36] = '4321';
    // A ¥0.01 price override on a ¥7.50 item: far beyond the cashier's 10%.
    const answers = await Promise.all(pins.map((pin) => core.dispatcher.call('sales.commit', {
      clientRef: clientRef(), lines: [{ productId: products[1]!.id, qty: 1, priceOverrideFen: 1 }],
      payments: [{ method: 'card', amountFen: 1 }], expectedTotalFen: 1, approval: { staffId: manager.staffId, pin },
    }, cashier.token)));
    const got = codes(answers);
    expect(got).not.toContain('ok');
    expect(got.filter((x) => x === 'wrong_pin')).toHaveLength(MAX_PIN_ATTEMPTS - 1);
    expect((core.db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n).toBe(0);
    expect(lockAudits(core, manager.staffId)).toBe(1);
  });

  it('parallel unlock attempts on a locked screen hold the same limit', async () => {
    const { c } = start();
    const owner = await shopWithOwner(c);
    const cashier = await signedInAs(c, owner.token, 'cashier', '收银');
    expect((await c.dispatcher.call('auth.lock', {}, cashier.token)).ok).toBe(true);
    const pins = wrongPins(30);
    pins[20] = '4321';
    const got = codes(await Promise.all(pins.map((pin) => c.dispatcher.call('auth.unlock', { pin }, cashier.token))));
    expect(got).not.toContain('ok');
    expect(got.filter((x) => x === 'wrong_pin')).toHaveLength(MAX_PIN_ATTEMPTS - 1);
    expect(lockAudits(c, cashier.staffId)).toBe(1);
  });

  it('two connections to one shop file (two processes) together evaluate at most the limit', async () => {
    const { c, clock } = start();
    const { ownerId } = await shopWithOwner(c);
    // A second core on the same file: its own handle and its own in-process queue.
    const other = createCore({ dataDir: c.dataDir, clock, checkOutputs: true, logger: { error: () => {} }, autoBackup: false });
    try {
      const pins = wrongPins(40);
      const answers = await Promise.all(pins.map((pin, i) => (i % 2 ? other : c).dispatcher.call('auth.signIn', { staffId: ownerId, pin })));
      const got = codes(answers);
      expect(got.filter((x) => x === 'wrong_pin').length).toBeLessThanOrEqual(MAX_PIN_ATTEMPTS - 1);
      expect(got).not.toContain('ok');
      expect(codeOf(await c.dispatcher.call('auth.signIn', { staffId: ownerId, pin: '1234' }))).toBe('account_locked');
    } finally {
      other.close();
    }
  });

  it('the lock survives a restart, and each lock in a row lasts longer until a right PIN', async () => {
    const { c, clock } = start();
    const { ownerId } = await shopWithOwner(c);
    const lockOnce = async (core: { dispatcher: typeof c.dispatcher }) => {
      for (const pin of wrongPins(MAX_PIN_ATTEMPTS)) await core.dispatcher.call('auth.signIn', { staffId: ownerId, pin });
    };
    await lockOnce(c);
    c.close();
    const again = testCore({ dataDir: c.dataDir, clock });
    expect(codeOf(await again.dispatcher.call('auth.signIn', { staffId: ownerId, pin: '1234' }))).toBe('account_locked');
    clock.advance(LOCK_MINUTES * 60_000 + 1000);
    await lockOnce(again);
    const second = await again.dispatcher.call('auth.signIn', { staffId: ownerId, pin: '1234' });
    expect(codeOf(second)).toBe('account_locked');
    expect(lockMinutes(1)).toBe(2 * LOCK_MINUTES);
    clock.advance(LOCK_MINUTES * 60_000 + 1000); // the first lock's length is not enough now
    expect(codeOf(await again.dispatcher.call('auth.signIn', { staffId: ownerId, pin: '1234' }))).toBe('account_locked');
    clock.advance(LOCK_MINUTES * 60_000);
    expect((await again.dispatcher.call('auth.signIn', { staffId: ownerId, pin: '1234' })).ok).toBe(true);
    expect(again.db.prepare('SELECT failed_attempts, locked_until, lockouts FROM staff WHERE id = ?').get(ownerId)).toEqual({ failed_attempts: 0, locked_until: null, lockouts: 0 });
    expect(lockAudits(again, ownerId)).toBe(2);
    await again.shutdown();
  });
});
