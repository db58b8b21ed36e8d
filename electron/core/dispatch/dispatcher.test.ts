import { afterEach, describe, expect, it } from 'vitest';
import { testCore, shopWithOwner, signedInAs } from '../../../tests/helpers/core.js';
import { contract } from '../../../shared/contract/index.js';

const cores: Array<ReturnType<typeof testCore>> = [];
afterEach(async () => { for (const c of cores.splice(0)) await c.dispose(); });
function core() {
  const c = testCore();
  cores.push(c);
  return c;
}

describe('dispatcher', () => {
  it('answers an unknown method, including prototype names, with a typed error', async () => {
    const c = core();
    for (const method of ['nope', '__proto__', 'constructor', 'toString', '', 42]) {
      const r = await c.dispatcher.invoke({ method: method as string, input: {} });
      expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'unknown_method', messageKey: 'errors.unknown_method' }) });
    }
  });

  it('rejects bad input before any handler runs, naming the fields', async () => {
    const c = core();
    const r = await c.dispatcher.invoke({ method: 'shop.setup', input: { shopName: '', locale: 'fr', owner: { name: 'x', pin: '12' }, extra: 1 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('bad_input');
    const paths = (r.error.details?.issues as Array<{ path: string }>).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['shopName', 'locale', 'owner.pin']));
    // Nothing was written.
    expect((await c.dispatcher.call('shop.status', {})).ok && c.services.shop.isSetUp()).toBe(false);
    expect(c.services.staff.count()).toBe(0);
  });

  it('treats non-object input and a null envelope field as bad input, never a crash', async () => {
    const c = core();
    for (const input of [null, 'x', 7, [], { staffId: '1', pin: 1234 }]) {
      const r = await c.dispatcher.invoke({ method: 'auth.signIn', input });
      expect(r.ok ? 'ok' : r.error.code).toBe('bad_input');
    }
  });

  it('requires a session for non-public calls and refuses a made-up token', async () => {
    const c = core();
    await shopWithOwner(c);
    expect(await c.dispatcher.call('settings.get', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await c.dispatcher.call('settings.get', {}, 'forged-token')).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it('enforces the minimum role of every call', async () => {
    const c = core();
    const { token: ownerToken } = await shopWithOwner(c);
    const cashier = await signedInAs(c, ownerToken, 'cashier');
    const manager = await signedInAs(c, ownerToken, 'manager');
    expect(await c.dispatcher.call('staff.list', {}, cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden', details: { needs: 'owner' } } });
    expect(await c.dispatcher.call('staff.list', {}, manager.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await c.dispatcher.call('settings.update', { shopName: 'x' }, cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await c.dispatcher.call('audit.list', {}, manager.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await c.dispatcher.call('system.info', {}, cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await c.dispatcher.call('system.info', {}, manager.token)).ok).toBe(true);
    expect((await c.dispatcher.call('staff.list', {}, ownerToken)).ok).toBe(true);
  });

  it('a locked session answers only the calls allowed while locked', async () => {
    const c = core();
    const { token } = await shopWithOwner(c);
    expect((await c.dispatcher.call('auth.lock', {}, token)).ok).toBe(true);
    expect(await c.dispatcher.call('settings.get', {}, token)).toMatchObject({ ok: false, error: { code: 'session_locked' } });
    expect(await c.dispatcher.call('auth.me', {}, token)).toMatchObject({ ok: true, value: { locked: true } });
    expect(await c.dispatcher.call('auth.unlock', { pin: '0000' }, token)).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    expect((await c.dispatcher.call('auth.unlock', { pin: '1234' }, token)).ok).toBe(true);
    expect((await c.dispatcher.call('settings.get', {}, token)).ok).toBe(true);
  });

  it('turns an unexpected failure into `internal` without leaking the stack, and stays up', async () => {
    const c = core();
    const { token } = await shopWithOwner(c);
    c.db.exec('DROP TABLE audit_log'); // sabotage: the next audited write throws a raw SQLite error
    const r = await c.dispatcher.call('settings.update', { shopName: '新名字' }, token);
    expect(r).toEqual({ ok: false, error: { code: 'internal', messageKey: 'errors.internal' } });
    expect((await c.dispatcher.call('settings.get', {}, token)).ok).toBe(true);
    // The failed write left no half-change behind.
    expect(await c.dispatcher.call('settings.get', {}, token)).toMatchObject({ ok: true, value: { shopName: '测试小店' } });
  });

  it('declares every call with an access level and schemas', () => {
    for (const [name, def] of Object.entries(contract)) {
      expect(name).toMatch(/^[a-z][a-zA-Z]*\.[a-zA-Z]+$/);
      expect(['public', 'cashier', 'manager', 'owner']).toContain(def.access);
      expect(typeof def.input.safeParse).toBe('function');
      expect(typeof def.output.safeParse).toBe('function');
    }
  });
});
