import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { ShopService } from './shop-service.js';
import type { DemoSetup } from '../demo/demo-setup.js';
import { DEMO_STAFF } from '../demo/demo-setup.js';

export function shopHandlers(shop: ShopService, demo: DemoSetup, version: string): PartialHandlers<
  'shop.status' | 'shop.setup' | 'shop.setupDemo' | 'settings.get' | 'settings.update'
> {
  return {
    'shop.status': () => {
      const s = shop.settings();
      const demo = shop.isDemo();
      return { setUp: shop.isSetUp(), shopName: s.shopName, locale: s.locale, demo, demoPins: demo ? DEMO_STAFF.map(({ name, pin }) => ({ name, pin })) : [], version };
    },
    'shop.setup': async (input) => {
      const owner = await shop.setup(input);
      return { owner: { id: owner.id, name: owner.name, role: owner.role } };
    },
    'shop.setupDemo': async ({ locale }) => ({ staff: await demo.create(locale) }),
    'settings.get': () => shop.settings(),
    'settings.update': (patch, ctx) => shop.update(patch, ctx.session!.staffId),
  };
}
