import { afterEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { testCore, shopWithOwner } from '../../../tests/helpers/core.js';
import { ok } from '../../../tests/helpers/shop.js';
import { ean13 } from '../../../shared/barcode.js';
import { parsePointsRule, formatPointsRule } from './catalogue-service.js';

const cores: Array<ReturnType<typeof testCore>> = [];
afterEach(async () => { for (const c of cores.splice(0)) await c.dispose(); });
async function owner() {
  const core = testCore();
  cores.push(core);
  const { token } = await shopWithOwner(core);
  return { core, token };
}
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

const A = ean13('690000000001');
const B = ean13('690000000002');
const C = ean13('690000000003');

describe('product CSV import', () => {
  it('imports good rows, reports each bad row with its line and reason, and re-import updates by sku', async () => {
    const { core, token } = await owner();
    const csv = [
      'sku,barcode,name,category,price,points_rule',
      `S1,${A},可口可乐 330ml,饮料,3,normal`,
      `S2,${B}|${C},中华（硬）,烟酒,45.00,none`,
      'S3,,散装花生,干果,12.5,2x',
      'S4,6900000000010,坏条码,饮料,1,normal', // wrong check digit
      'S5,,贵价,饮料,1.234,normal', // three decimals
      'S6,,规则错,饮料,1,triple',
      ',,没有编号,饮料,1,normal',
      `S7,${A},抢条码,饮料,1,normal`, // barcode already used on line 2
      'S8,,列数不对,饮料',
      'S1,,重复编号,饮料,1,normal',
    ].join('\n');
    const r = await ok(core, 'products.importCsv', { fileBase64: b64(csv) }, token);
    expect(r.imported).toBe(3);
    expect(r.updated).toBe(0);
    expect(r.errors.map((e) => [e.line, e.reason])).toEqual([
      [5, 'barcode_check_digit'], [6, 'price'], [7, 'points_rule'], [8, 'sku'], [9, 'duplicate_barcode'], [10, 'column_count'], [11, 'duplicate_sku'],
    ]);
    const tobacco = await ok(core, 'products.byCode', { code: C }, token);
    expect(tobacco).toMatchObject({ sku: 'S2', priceFen: 4500, pointsPct: 0, categoryName: '烟酒', barcodes: [B, C].sort() });
    expect(await ok(core, 'products.byCode', { code: 'S3' }, token)).toMatchObject({ priceFen: 1250, pointsPct: 200 });

    const again = await ok(core, 'products.importCsv', { fileBase64: b64(`sku,barcode,name,category,price,points_rule\nS1,${A},可口可乐 330ml 新包装,饮料,3.5,normal\n`) }, token);
    expect(again).toEqual({ imported: 0, updated: 1, errors: [] });
    expect(await ok(core, 'products.byCode', { code: A }, token)).toMatchObject({ name: '可口可乐 330ml 新包装', priceFen: 350 });
  });

  it('reads GBK files and UTF-8 with a BOM alike', async () => {
    const { core, token } = await owner();
    const text = `sku,barcode,name,category,price,points_rule\r\nG1,,康师傅红烧牛肉面,方便食品,4.5,normal\r\n`;
    expect(await ok(core, 'products.importCsv', { fileBase64: iconv.encode(text, 'gbk').toString('base64') }, token)).toMatchObject({ imported: 1, errors: [] });
    expect(await ok(core, 'products.importCsv', { fileBase64: b64(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace('G1', 'G2'))])) }, token)).toMatchObject({ imported: 1, errors: [] });
    expect((await ok(core, 'products.search', { query: 'ksf' }, token)).map((p) => p.sku).sort()).toEqual(['G1', 'G2']);
  });

  it('refuses a file with the wrong columns as a whole, importing nothing', async () => {
    const { core, token } = await owner();
    const r = await ok(core, 'products.importCsv', { fileBase64: b64('sku,name,price\nA,x,1\n') }, token);
    expect(r).toMatchObject({ imported: 0, errors: [{ line: 1, reason: 'header' }] });
    expect(core.db.prepare('SELECT count(*) AS n FROM products').get()).toEqual({ n: 0 });
  });

  it('exports in the import format, so an export imports back unchanged', async () => {
    const { core, token } = await owner();
    const csv = `sku,barcode,name,category,price,points_rule\nS1,${A},"可乐, 大瓶",饮料,3.5,1.5x\nS2,,烟,烟酒,45,none\n`;
    await ok(core, 'products.importCsv', { fileBase64: b64(csv) }, token);
    const out = await ok(core, 'products.exportCsv', {}, token);
    expect(out.rows).toBe(2);
    expect(out.csv).toBe(`sku,barcode,name,category,price,points_rule\nS1,${A},"可乐, 大瓶",饮料,3.50,1.5x\nS2,,烟,烟酒,45.00,none\n`);
  });

  it('points rules round-trip', () => {
    for (const [text, pct] of [['normal', 100], ['none', 0], ['2x', 200], ['1.5x', 150], ['', 100]] as const) expect(parsePointsRule(text)).toBe(pct);
    for (const bad of ['x', '2', '-1x', '1.555x']) expect(parsePointsRule(bad)).toBeNull();
    for (const pct of [0, 100, 150, 200, 125]) expect(parsePointsRule(formatPointsRule(pct))).toBe(pct);
  });
});

describe('uploads', () => {
  it('refuses a file that is not base64 before anything is decoded or written', async () => {
    const { core, token } = await owner();
    for (const method of ['products.importCsv', 'members.importCsv'] as const) {
      expect(await core.dispatcher.call(method, { fileBase64: 'not base64!' }, token)).toMatchObject({ ok: false, error: { code: 'bad_input', details: { issues: [{ path: 'fileBase64' }] } } });
    }
    expect(core.db.prepare('SELECT count(*) AS n FROM audit_log WHERE action LIKE ?').get('%.import')).toEqual({ n: 0 });
  });
});
