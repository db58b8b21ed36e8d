import { afterEach, describe, expect, it } from 'vitest';
import { testCore, shopWithOwner, signedInAs, fixedClock } from '../../../tests/helpers/core.js';
import { MAX_PIN_ATTEMPTS, LOCK_MINUTES } from './staff-service.js';

const cores: Array<ReturnType<typeof testCore>> = [];
afterEach(async () => { for (const c of cores.splice(0)) await c.dispose(); });

describe('staff and sign-in', () => {
  it('onboarding creates the shop and its owner once; a second setup is refused', async () => {
    const c = testCore();
    cores.push(c);
    expect(await c.dispatcher.call('shop.status', {})).toMatchObject({ ok: true, value: { setUp: false } });
    const { ownerId } = await shopWithOwner(c);
    expect(await c.dispatcher.call('shop.status', {})).toMatchObject({ ok: true, value: { setUp: true, shopName: '测试小店', demo: false } });
    expect(await c.dispatcher.call('auth.staffList', {})).toEqual({ ok: true, value: [{ id: ownerId, name: '老板', role: 'owner' }] });
    const again = await c.dispatcher.call('shop.setup', { shopName: 'x', locale: 'en', owner: { name: 'y', pin: '1111' } });
    expect(again).toMatchObject({ ok: false, error: { code: 'already_set_up' } });
    expect(await c.dispatcher.call('shop.setupDemo', { locale: 'en' })).toMatchObject({ ok: false, error: { code: 'already_set_up' } });
  });

  it('stores PINs as salted scrypt hashes, never the PIN', async () => {
    const c = testCore();
    cores.push(c);
    await shopWithOwner(c);
    const rows = c.db.prepare('SELECT pin_hash FROM staff').all() as Array<{ pin_hash: string }>;
    expect(rows[0]!.pin_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(rows[0]!.pin_hash).not.toContain('1234');
  });

  it(`locks an account for ${LOCK_MINUTES} minutes after ${MAX_PIN_ATTEMPTS} wrong PINs, then lets the right PIN in`, async () => {
    const clock = fixedClock('2026-11-22T10:00:00');
    const c = testCore({ clock });
    cores.push(c);
    const { ownerId } = await shopWithOwner(c);
    for (let i = 1; i < MAX_PIN_ATTEMPTS; i++) {
      expect(await c.dispatcher.call('auth.signIn', { staffId: ownerId, pin: '0000' })).toMatchObject({
        ok: false, error: { code: 'wrong_pin', details: { attemptsLeft: MAX_PIN_ATTEMPTS - i } },
      });
    }
    expect(await c.dispatcher.call('auth.signIn', { staffId: ownerId, pin: '0000' })).toMatchObject({ ok: false, error: { code: 'account_locked', details: { until: '2026-11-22T10:05:00' } } });
    // Even the right PIN is refused while locked.
    expect(await c.dispatcher.call('auth.signIn', { staffId: ownerId, pin: '1234' })).toMatchObject({ ok: false, error: { code: 'account_locked' } });
    clock.advance(LOCK_MINUTES * 60_000 + 1000);
    expect((await c.dispatcher.call('auth.signIn', { staffId: ownerId, pin: '1234' })).ok).toBe(true);
    const audit = c.db.prepare("SELECT action FROM audit_log WHERE action = 'staff.pinLockout'").all();
    expect(audit).toHaveLength(1);
  });

  it('keeps at least one active owner', async () => {
    const c = testCore();
    cores.push(c);
    const { ownerId, token } = await shopWithOwner(c);
    expect(await c.dispatcher.call('staff.update', { id: ownerId, role: 'cashier' }, token)).toMatchObject({ ok: false, error: { code: 'rule_violation', messageKey: 'errors.last_owner' } });
    expect(await c.dispatcher.call('staff.update', { id: ownerId, active: false }, token)).toMatchObject({ ok: false, error: { code: 'rule_violation' } });
  });

  it('refuses a duplicate active name and audits staff changes with before/after', async () => {
    const c = testCore();
    cores.push(c);
    const { token } = await shopWithOwner(c);
    const a = await c.dispatcher.call('staff.create', { name: '小王', role: 'cashier', pin: '2222' }, token);
    expect(a.ok).toBe(true);
    expect(await c.dispatcher.call('staff.create', { name: '小王', role: 'manager', pin: '3333' }, token)).toMatchObject({ ok: false, error: { code: 'conflict', messageKey: 'errors.staff_name_taken' } });
    if (!a.ok) return;
    await c.dispatcher.call('staff.update', { id: a.value.id, role: 'manager' }, token);
    const log = await c.dispatcher.call('audit.list', { action: 'staff.update' }, token);
    expect(log).toMatchObject({ ok: true, value: { total: 1, items: [{ action: 'staff.update', staffName: '老板', details: { before: { role: 'cashier' }, after: { role: 'manager' } } }] } });
  });

  it('ends the sessions of a deactivated staff member at once', async () => {
    const c = testCore();
    cores.push(c);
    const { token } = await shopWithOwner(c);
    const cashier = await signedInAs(c, token, 'cashier', '小李');
    expect((await c.dispatcher.call('settings.get', {}, cashier.token)).ok).toBe(true);
    await c.dispatcher.call('staff.update', { id: cashier.staffId, active: false }, token);
    expect(await c.dispatcher.call('settings.get', {}, cashier.token)).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await c.dispatcher.call('auth.signIn', { staffId: cashier.staffId, pin: '4321' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('remembers each staff member\'s language and changes their own PIN', async () => {
    const c = testCore();
    cores.push(c);
    const { ownerId, token } = await shopWithOwner(c);
    await c.dispatcher.call('auth.setLocale', { locale: 'en' }, token);
    await c.dispatcher.call('auth.signOut', {}, token);
    const again = await c.dispatcher.call('auth.signIn', { staffId: ownerId, pin: '1234' });
    expect(again).toMatchObject({ ok: true, value: { locale: 'en' } });
    if (!again.ok) return;
    expect(await c.dispatcher.call('auth.changePin', { currentPin: '9999', newPin: '5678' }, again.value.token)).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    expect((await c.dispatcher.call('auth.changePin', { currentPin: '1234', newPin: '5678' }, again.value.token)).ok).toBe(true);
    expect((await c.dispatcher.call('auth.signIn', { staffId: ownerId, pin: '5678' })).ok).toBe(true);
  });

  it('sign-out ends the session', async () => {
    const c = testCore();
    cores.push(c);
    const { token } = await shopWithOwner(c);
    await c.dispatcher.call('auth.signOut', {}, token);
    expect(await c.dispatcher.call('auth.me', {}, token)).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });
});
