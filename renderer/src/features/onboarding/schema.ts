import { z } from 'zod';
import { nameField, pinField, pinsMatch, textField } from '../../forms/fields.js';

/** The first-run form. Mirrors shop.setup's input, plus the PIN typed twice. */
export const onboardingSchema = z
  .object({
    shopName: nameField(40),
    receiptHeader: textField(200),
    locale: z.enum(['zh-CN', 'en']),
    ownerName: nameField(20),
    pin: pinField,
    pinConfirm: z.string(),
  })
  .refine((v) => v.pin === v.pinConfirm, { path: ['pinConfirm'], message: pinsMatch });

export type OnboardingValues = z.input<typeof onboardingSchema>;

/** Where shop.setup's input paths land in this form. */
export const SETUP_FIELDS: Record<string, keyof OnboardingValues> = {
  shopName: 'shopName',
  receiptHeader: 'receiptHeader',
  locale: 'locale',
  'owner.name': 'ownerName',
  'owner.pin': 'pin',
  name: 'ownerName',
};
