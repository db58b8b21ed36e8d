import { testCore, shopWithOwner, signedInAs } from './core.js';
import { ean13 } from '../../shared/barcode.js';
import type { Method, Input, Output } from '../../shared/contract/index.js';

type Core = ReturnType<typeof testCore>;

/** Calls the dispatcher as `token` and unwraps the result, failing loudly on an error. */
export async function ok<M extends Method>(core: Core, method: M, input: Input<M>, token: string): Promise<Output<M>> {
  const r = await core.dispatcher.call(method, input, token);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

export const PRODUCTS = [
  { sku: 'KL330', name: '可口可乐 330ml', categoryName: '饮料', priceFen: 300, barcodes: [ean13('690123456789')], pointsPct: 100 },
  { sku: 'SP70', name: '乐事薯片 原味 70g', categoryName: '零食', priceFen: 750, barcodes: [ean13('690987654321')], pointsPct: 100 },
  { sku: 'ZH01', name: '中华（硬）', categoryName: '烟酒', priceFen: 4500, barcodes: [ean13('690555000111')], pointsPct: 0 },
  { sku: 'NF550', name: '农夫山泉 550ml', categoryName: '饮料', priceFen: 200, barcodes: [ean13('693000000001')], pointsPct: 100 },
];

/** A shop with an owner, a cashier, a manager, four products and an open shift (float ¥200). */
export async function openShop(options: Parameters<typeof testCore>[0] = {}) {
  const core = testCore(options);
  const { token: owner } = await shopWithOwner(core);
  const cashier = await signedInAs(core, owner, 'cashier', '收银小王');
  const manager = await signedInAs(core, owner, 'manager', '李店长');
  const products = [];
  for (const p of PRODUCTS) products.push(await ok(core, 'products.save', p, owner));
  await ok(core, 'shifts.open', { openingFloatFen: 20000 }, cashier.token);
  return { core, owner, cashier, manager, products };
}

let refs = 0;
export const clientRef = () => `test-${process.pid}-${Date.now()}-${++refs}`;
