import { afterEach, describe, expect, it } from 'vitest';
import { testCore, shopWithOwner } from '../../../tests/helpers/core.js';
import { ok } from '../../../tests/helpers/shop.js';
import { ean13 } from '../../../shared/barcode.js';

const cores: Array<ReturnType<typeof testCore>> = [];
afterEach(async () => { for (const c of cores.splice(0)) await c.dispose(); });
async function owner() {
  const core = testCore();
  cores.push(core);
  const { token } = await shopWithOwner(core);
  return { core, token };
}

/** A small shop has no SKUs (issue 20): products save without one. */
describe('a product without a SKU', () => {
  it('takes its first barcode, else P + a number; keeps its SKU when edited without one; a given SKU stays unique', async () => {
    const { core, token } = await owner();
    const code = ean13('692000000017');
    const water = await ok(core, 'products.save', { name: '矿泉水', priceFen: 200, barcodes: [code] }, token);
    expect(water.sku).toBe(code);
    const bun = await ok(core, 'products.save', { name: '馒头', priceFen: 150 }, token);
    expect(bun.sku).toMatch(/^P\d{6}$/);
    // A second product whose barcode is someone's SKU already cannot take it: it is numbered.
    const other = await ok(core, 'products.save', { sku: 'P000003', name: '占号', priceFen: 100 }, token);
    expect(other.sku).toBe('P000003');
    const next = await ok(core, 'products.save', { name: '自动编号', priceFen: 100 }, token);
    expect(next.sku).toMatch(/^P\d{6}$/);
    expect(next.sku).not.toBe('P000003');
    // Edited without a SKU: keeps the one it has.
    const edited = await ok(core, 'products.save', { id: water.id, name: '矿泉水', priceFen: 250, barcodes: [code] }, token);
    expect(edited).toMatchObject({ sku: code, priceFen: 250 });
    // A typed SKU another product has is refused, and nothing is written.
    const clash = await core.dispatcher.call('products.save', { sku: code, name: '重号', priceFen: 100 }, token);
    expect(clash).toMatchObject({ ok: false, error: { code: 'conflict', details: { field: 'sku' } } });
    const list = await ok(core, 'products.list', { query: '重号' }, token);
    expect(list.total).toBe(0);
  });

  it('a CSV row without a SKU uses its barcode, and re-importing it updates the same product', async () => {
    const { core, token } = await owner();
    const code = ean13('692000000024');
    const csv = (price: string) => Buffer.from(`sku,barcode,name,category,price,points_rule\n,${code},苏打水,饮料,${price},normal\n,,没有编号也没有条码,饮料,1,normal\n`).toString('base64');
    const first = await ok(core, 'products.importCsv', { fileBase64: csv('3') }, token);
    expect(first.imported).toBe(1);
    expect(first.errors).toEqual([expect.objectContaining({ line: 3, reason: 'sku' })]);
    const again = await ok(core, 'products.importCsv', { fileBase64: csv('3.5') }, token);
    expect(again.updated).toBe(1);
    const found = await ok(core, 'products.byCode', { code }, token);
    expect(found).toMatchObject({ sku: code, priceFen: 350 });
  });
});
