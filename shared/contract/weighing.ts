import { z } from 'zod';
import { call } from './define.js';
import { Id, Ident, Label, PageInput, page } from './common.js';
import { Product } from './catalogue.js';

/** Weighed goods and label scales (称重商品, 条码秤): see shared/scale/ and README › Weighed goods. */

export const PricePer = z.enum(['kg', '100g']);

const TemplateFields = z.object({
  name: Label(60),
  length: z.number().int().min(8).max(24),
  prefix: z.string().regex(/^2[0-7]\d{0,2}$/),
  pluDigits: z.number().int().min(1).max(8),
  kind: z.enum(['price', 'weight', 'price_weight']),
  priceDigits: z.number().int().min(0).max(7),
  priceUnit: z.enum(['fen', 'jiao']),
  weightDigits: z.number().int().min(0).max(7),
  weightUnit: z.enum(['g', '10g']),
  valueCheck: z.boolean(),
  maxGrams: z.number().int().min(1).max(1_000_000),
  active: z.boolean(),
});
export const ScaleTemplate = TemplateFields.extend({ id: Id });
export type ScaleTemplateDto = z.infer<typeof ScaleTemplate>;

export const WeighedProduct = z.object({
  productId: Id,
  name: z.string(),
  /** The catalogue price, per `per`. */
  priceFen: z.number().int(),
  per: PricePer,
  plu: z.number().int(),
  templateId: z.number().int().nullable(),
  active: z.boolean(),
});
export type WeighedProduct = z.infer<typeof WeighedProduct>;

/** How a weighed line got its weight, as the till sends it: the scanned label, or grams from the serial scale. */
export const WeighedLineInput = z.union([
  z.object({ label: z.string().regex(/^\d{8,24}$/) }).strict(),
  z.object({ grams: z.number().int().min(1).max(1_000_000) }).strict(),
]);
export type WeighedLineInput = z.infer<typeof WeighedLineInput>;

/** A weighed line as priced: its weight, the unit price, the line's price and where they came from. */
export const WeighedLine = z.object({
  grams: z.number().int(),
  unitPriceFen: z.number().int(),
  per: PricePer,
  lineFen: z.number().int(),
  source: z.enum(['price_label', 'weight_label', 'scale']),
  label: z.string().nullable(),
});
export type WeighedLine = z.infer<typeof WeighedLine>;

export const ScaleConfig = z.object({
  /** The serial scale's port (`/dev/ttyUSB0`, `COM3`); null = no scale at this till. */
  path: Ident(200).min(1).nullable(),
  baudRate: z.number().int().min(1200).max(115_200),
  protocol: z.enum(['continuous', 'sics']),
  maxGrams: z.number().int().min(1).max(1_000_000),
}).strict();
export type ScaleConfig = z.infer<typeof ScaleConfig>;

export const ScaleReadingDto = z.object({ grams: z.number().int(), stable: z.boolean(), net: z.boolean(), overload: z.boolean() });

export const weighingContract = {
  'scale.templates': call({ access: 'cashier', input: z.object({}).strict(), output: z.array(ScaleTemplate) }),
  /** Adds (no id) or changes a layout; a clash with another active layout is refused. */
  'scale.saveTemplate': call({ access: 'manager', input: TemplateFields.extend({ id: Id.optional() }).strict(), output: ScaleTemplate }),
  'scale.weighedProducts': call({ access: 'cashier', input: PageInput.strict(), output: page(WeighedProduct) }),
  /** Sells a product by weight (plu set) or by count again (plu null). Re-exports the PLU file. */
  'scale.setWeighed': call({
    access: 'manager',
    input: z.object({ productId: Id, plu: z.number().int().min(0).max(99_999_999).nullable(), per: PricePer.default('kg'), templateId: Id.nullable().default(null) }).strict(),
    output: WeighedProduct.nullable(),
  }),
  /** The till's scan path for a code a scale template reads: the product and the priced line, or a typed refusal. */
  'scale.readLabel': call({ access: 'cashier', input: z.object({ code: z.string().regex(/^\d{8,24}$/) }).strict(), output: z.object({ product: Product, weighed: WeighedLine }) }),
  /** Grams weighed at the till (the serial scale) for a weighed product, priced. */
  'scale.priceWeight': call({ access: 'cashier', input: z.object({ productId: Id, grams: z.number().int().min(1).max(1_000_000) }).strict(), output: WeighedLine }),
  /** The PLU list for the scale vendor's software (README › PLU file); `file` is where the till keeps it up to date. */
  'scale.pluCsv': call({ access: 'manager', input: z.object({}).strict(), output: z.object({ csv: z.string(), rows: z.number().int(), file: z.string().nullable() }) }),
  'scale.config': call({ access: 'cashier', input: z.object({}).strict(), output: ScaleConfig }),
  'scale.setConfig': call({ access: 'owner', input: ScaleConfig, output: ScaleConfig }),
  /** The serial scale's latest reading (also pushed as `scale.weight` events); null with no scale or no reading yet. */
  'scale.reading': call({ access: 'cashier', input: z.object({}).strict(), output: ScaleReadingDto.nullable() }),
};
