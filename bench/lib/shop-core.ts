/**
 * The app's core on a benchmark shop, as the till runs it: the shop's "today" is the
 * generated history's last day (so the daily jobs, already run by the generator, do not
 * run again), staff signed in through the dispatcher.
 */
import { createCore, type CoreOptions } from '../../electron/core/app.js';
import { BENCH_STAFF } from '../generate/generate-shop.js';
import type { CachedShop } from '../cache.js';

export function shopClock(until: string) {
  const [y, m, d] = until.split('-').map(Number) as [number, number, number];
  const start = new Date(y, m - 1, d, 19, 0, 0).getTime();
  const t0 = Date.now();
  // Real time passing from 19:00 on the shop's last day.
  return { now: () => new Date(start + (Date.now() - t0)) };
}

export async function openShopCore(shop: Pick<CachedShop, 'until' | 'staff'>, dataDir: string, options: Partial<CoreOptions> = {}) {
  // Backups off: a background copy of the whole file would run under the measurements.
  const core = createCore({ dataDir, clock: shopClock(shop.until), autoBackup: false, logger: { error: (m, e) => console.error(m, e) }, ...options });
  const signIn = async (staffId: number, pin: string) => {
    const r = await core.dispatcher.call('auth.signIn', { staffId, pin });
    if (!r.ok) throw new Error(`sign-in failed: ${JSON.stringify(r.error)}`);
    return r.value.token;
  };
  const cashier = await signIn(shop.staff.cashierIds[0]!, BENCH_STAFF.cashiers[0].pin);
  const owner = await signIn(shop.staff.ownerId, BENCH_STAFF.owner.pin);
  return { core, cashier, owner };
}

/** Unwraps a dispatcher result or throws with its error. */
export function ok<T>(r: { ok: true; value: T } | { ok: false; error: unknown }, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** A clock standing still at 19:00 on `day` (imports, where time does not matter). */
export function fixedClockAt(day: string) {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { now: () => new Date(y, m - 1, d, 19, 0, 0) };
}
