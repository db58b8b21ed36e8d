import { z } from 'zod';
import { call } from './define.js';
import { Base64File, Id, Ident, Label, Line, PageInput, page } from './common.js';

export const Product = z.object({
  id: Id,
  sku: z.string(),
  name: z.string(),
  categoryId: z.number().int().nullable(),
  categoryName: z.string().nullable(),
  priceFen: z.number().int(),
  /** 0 = earns no points (e.g. tobacco), 100 = normal, 200 = double. */
  pointsPct: z.number().int(),
  barcodes: z.array(z.string()),
  active: z.boolean(),
});
export type Product = z.infer<typeof Product>;

/** A barcode saved on a product: an identifier, refused with a hidden character. */
const Code = Ident(64).min(1);
/** A code scanned or typed to look a product up: cleaned (a lookup stores nothing). */
const LookupCode = Line(64).min(1);

export const ImportReport = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), reason: z.string(), details: z.record(z.string(), z.unknown()).optional() })),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const catalogueContract = {
  /** Scanner path: an exact barcode or SKU. Null when unknown (the till says so at once). */
  'products.byCode': call({ access: 'cashier', input: z.object({ code: LookupCode }).strict(), output: Product.nullable() }),
  /** Search box: barcode, SKU, pinyin initials (`kl` finds 可乐) or part of the name. */
  'products.search': call({
    access: 'cashier',
    input: z.object({ query: Line(64).min(1), limit: z.number().int().min(1).max(50).default(20) }).strict(),
    output: z.array(Product),
  }),
  'products.list': call({
    access: 'cashier',
    input: PageInput.extend({
      query: Line(64).optional(),
      categoryId: Id.optional(),
      includeInactive: z.boolean().default(false),
    }).strict(),
    output: page(Product),
  }),
  'products.get': call({ access: 'cashier', input: z.object({ id: Id }).strict(), output: Product }),
  'products.save': call({
    access: 'manager',
    input: z.object({
      id: Id.optional(),
      /** Optional: a product without one keeps its SKU, else takes its first barcode, else P + a number. */
      sku: Ident(40).min(1).optional(),
      name: Label(60),
      categoryName: Line(30).nullable().default(null),
      priceFen: z.number().int().min(0).max(100_000_000),
      pointsPct: z.number().int().min(0).max(1000).default(100),
      barcodes: z.array(Code).max(10).default([]),
      active: z.boolean().default(true),
    }).strict(),
    output: Product,
  }),
  'categories.list': call({
    access: 'cashier',
    input: z.object({}).strict(),
    output: z.array(z.object({ id: Id, name: z.string(), products: z.number().int() })),
  }),
  /** CSV `sku,barcode,name,category,price,points_rule`, UTF-8 (BOM or not) or GBK, base64 encoded. */
  'products.importCsv': call({
    access: 'manager',
    input: z.object({ fileBase64: Base64File(40_000_000) }).strict(),
    output: ImportReport,
  }),
  'products.exportCsv': call({ access: 'manager', input: z.object({}).strict(), output: z.object({ csv: z.string(), rows: z.number().int() }) }),
};
