import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { DemoSetup } from './demo-setup.js';

/** 体验演示店铺: a shop filled with demo products, members and staff, from the first-run screen. */
export function demoHandlers(demo: DemoSetup): PartialHandlers<'shop.setupDemo'> {
  return {
    'shop.setupDemo': async ({ locale }) => ({ staff: await demo.create(locale) }),
  };
}
