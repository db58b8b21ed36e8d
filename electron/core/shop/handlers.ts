import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { ShopService } from './shop-service.js';

/**
 * The shop's own calls. The demo shop sits above the shop in the core's layers (it fills a
 * shop through the catalogue, members and staff), so its sign-in names and PINs come in as
 * data and its set-up call lives in demo/handlers.ts.
 */
export function shopHandlers(shop: ShopService, demoPins: ReadonlyArray<{ name: string; pin: string }>, version: string): PartialHandlers<
  'shop.status' | 'shop.setup' | 'settings.get' | 'settings.update'
> {
  return {
    'shop.status': () => {
      const s = shop.settings();
      const demo = shop.isDemo();
      return { setUp: shop.isSetUp(), shopName: s.shopName, locale: s.locale, demo, demoPins: demo ? demoPins.map(({ name, pin }) => ({ name, pin })) : [], version };
    },
    'shop.setup': async (input) => {
      const owner = await shop.setup(input);
      return { owner: { id: owner.id, name: owner.name, role: owner.role } };
    },
    'settings.get': () => shop.settings(),
    'settings.update': (patch, ctx) => shop.update(patch, ctx.session!.staffId),
  };
}
