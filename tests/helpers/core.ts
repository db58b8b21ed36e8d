import { createCore, type CoreOptions } from '../../electron/core/app.js';
import type { Clock } from '../../electron/core/lib/clock.js';
import { makeTempDir } from './temp-dir.js';

/** A settable clock for tests that cross lockouts, days or expiry dates. */
export function fixedClock(start: string | Date): Clock & { set(d: string | Date): void; advance(ms: number): void } {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set: (d) => { now = new Date(d); },
    advance: (ms) => { now = new Date(now.getTime() + ms); },
  };
}

/** A real core on a real temporary database file. */
export function testCore(options: Partial<CoreOptions> = {}) {
  const tmp = makeTempDir();
  const core = createCore({ dataDir: tmp.dir, checkOutputs: true, logger: { error: () => {} }, autoBackup: false, ...options });
  return {
    ...core,
    dataDir: tmp.dir,
    /** Waits for print jobs and the hardware to settle, then removes the shop. */
    async dispose() {
      await core.shutdown();
      tmp.cleanup();
    },
  };
}

/** Sets up a shop with an owner (PIN 1234) and signs them in. */
export async function shopWithOwner(core: ReturnType<typeof testCore>) {
  const setup = await core.dispatcher.call('shop.setup', {
    shopName: '测试小店', receiptHeader: '', locale: 'zh-CN', owner: { name: '老板', pin: '1234' },
  });
  if (!setup.ok) throw new Error(JSON.stringify(setup.error));
  const signIn = await core.dispatcher.call('auth.signIn', { staffId: setup.value.owner.id, pin: '1234' });
  if (!signIn.ok) throw new Error(JSON.stringify(signIn.error));
  return { ownerId: setup.value.owner.id, token: signIn.value.token };
}

/** Adds a staff member with the given role and signs them in. */
export async function signedInAs(core: ReturnType<typeof testCore>, ownerToken: string, role: 'cashier' | 'manager' | 'owner', name = `${role}-${Math.random().toString(36).slice(2, 6)}`) {
  const created = await core.dispatcher.call('staff.create', { name, role, pin: '4321' }, ownerToken);
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  const signIn = await core.dispatcher.call('auth.signIn', { staffId: created.value.id, pin: '4321' });
  if (!signIn.ok) throw new Error(JSON.stringify(signIn.error));
  return { staffId: created.value.id, token: signIn.value.token };
}
