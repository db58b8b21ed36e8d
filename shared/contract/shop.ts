import { z } from 'zod';
import { call } from './define.js';
import { Label, Locale, Pin, Text } from './common.js';
import { StaffSummary } from './staff.js';

export const ShopSettings = z.object({
  shopName: z.string(),
  receiptHeader: z.string(),
  receiptFooter: z.string(),
  locale: Locale,
});
export type ShopSettings = z.infer<typeof ShopSettings>;

export const ShopStatus = z.object({
  setUp: z.boolean(),
  shopName: z.string(),
  locale: Locale,
  /** Demo shops print their sample PINs on the sign-in screen. */
  demo: z.boolean(),
  /** The demo staff's sample PINs (empty unless `demo`): sample data, shown as a hint. */
  demoPins: z.array(z.object({ name: z.string(), pin: z.string() })),
  version: z.string(),
});
export type ShopStatus = z.infer<typeof ShopStatus>;

export const shopContract = {
  'shop.status': call({ access: 'public', whileLocked: true, input: z.object({}).strict(), output: ShopStatus }),

  /** First run: create the shop and its first owner. Refused once a shop exists. */
  'shop.setup': call({
    access: 'public',
    input: z
      .object({
        shopName: Label(40),
        receiptHeader: Text(200).default(''),
        locale: Locale,
        owner: z.object({ name: Label(20), pin: Pin }).strict(),
      })
      .strict(),
    output: z.object({ owner: StaffSummary }),
  }),

  /** First run, "explore with demo data": a realistic sample shop with sample staff. */
  'shop.setupDemo': call({
    access: 'public',
    input: z.object({ locale: Locale }).strict(),
    output: z.object({ staff: z.array(StaffSummary.extend({ pin: z.string() })) }),
  }),

  'settings.get': call({ access: 'cashier', input: z.object({}).strict(), output: ShopSettings }),
  'settings.update': call({
    access: 'owner',
    input: z
      .object({
        shopName: Label(40).optional(),
        receiptHeader: Text(200).optional(),
        receiptFooter: Text(200).optional(),
        locale: Locale.optional(),
      })
      .strict(),
    output: ShopSettings,
  }),
};
