import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { fixedClock } from '../helpers/core.js';
import { clientRef, ok, openShop } from '../helpers/shop.js';

/**
 * Names and notes typed with NUL, other control characters, bidi overrides and zero-width
 * characters (issue 21 §4) are cleaned at the contract, so neither a printed receipt nor any
 * CSV file the shop takes away carries them; CSV imports clean the same columns.
 */
type Shop = Awaited<ReturnType<typeof openShop>>;
let shop: Shop;
const clock = fixedClock('2026-11-20T10:00:00');

/** Control characters other than line breaks, format characters (bidi, zero-width, BOM) and lone surrogates. */
const INVISIBLE = /(?![\n\r])\p{Cc}|\p{Cf}|\p{Cs}/u;
const visibleOnly = (text: string) => {
  const body = text.replace(/^\uFEFF/, ''); // the BOM Excel needs at the start of a file is not in a field
  const at = body.search(INVISIBLE);
  return at < 0 ? 'clean' : `U+${body.codePointAt(at)!.toString(16).toUpperCase().padStart(4, '0')} at …${JSON.stringify(body.slice(Math.max(0, at - 12), at + 12))}`;
};

let saleId: number;
let memberId: number;

beforeAll(async () => {
  shop = await openShop({ clock });
  const { core, owner, manager, cashier } = shop;
  await ok(core, 'settings.update', { shopName: '小店\u202E', receiptHeader: '欢迎\u0000光临\r\n地址\u200B：人民路 1 号\u2066', receiptFooter: '谢谢\u0007惠顾' }, owner);
  await ok(core, 'staff.update', { id: cashier.staffId, name: '收银\u001b小\u202E王' }, owner);
  const product = await ok(core, 'products.save', { sku: 'DIRTY1', name: '可乐\u0000\u202E特价', categoryName: '饮\u200B料', priceFen: 500 }, manager.token);
  const member = await ok(core, 'members.enrol', { phone: '13812345678', name: '张\u0000三\u202E', note: '爱喝\u200B可乐\n周末来\u0085', tags: ['常\u200B客\t'] }, cashier.token);
  memberId = member.id;
  const sale = await ok(core, 'sales.commit', {
    clientRef: clientRef(), lines: [{ productId: product.id, qty: 2 }], memberId, payments: [{ method: 'cash', amountFen: 1000, tenderedFen: 1000 }], expectedTotalFen: 1000,
  }, cashier.token);
  saleId = sale.sale.id;
  await ok(core, 'complaints.log', { category: 'product', description: '可乐\u0000太冰\u202E\r\n第二行\u2028第三行' }, cashier.token);
  await ok(core, 'feedback.record', { score: 9, comment: '很好\u200F\u0000', memberId }, cashier.token);
}, 60_000);
afterAll(async () => { await shop.core.dispose(); });

describe('control characters typed at the till', () => {
  it('are stored cleaned: a member enrolled as "张\\u0000三\\u202E" is 张三, a note keeps only its line break', async () => {
    const profile = await ok(shop.core, 'members.profile', { id: memberId }, shop.cashier.token);
    expect(profile).toMatchObject({ name: '张三', note: '爱喝可乐\n周末来', tags: ['常客'] });
    expect(await ok(shop.core, 'settings.get', {}, shop.owner)).toMatchObject({ shopName: '小店', receiptHeader: '欢迎光临\n地址：人民路 1 号', receiptFooter: '谢谢惠顾' });
    const product = await ok(shop.core, 'products.byCode', { code: 'DIRTY1\u200B' }, shop.cashier.token);
    expect(product).toMatchObject({ name: '可乐特价', categoryName: '饮料' });
  });

  it('never reach the printed receipt', async () => {
    const receipt = await ok(shop.core, 'receipts.preview', { saleId }, shop.cashier.token);
    expect(receipt.text).toContain('可乐特价');
    expect(receipt.text).toContain('收银小王');
    expect(visibleOnly(receipt.text)).toBe('clean');
    expect(visibleOnly(receipt.svg)).toBe('clean');
  });

  it('never reach a CSV export: members, products, the daily report and every file of the full export', async () => {
    const members = await ok(shop.core, 'members.exportCsv', {}, shop.owner);
    expect(members.csv).toContain('张三');
    const products = await ok(shop.core, 'products.exportCsv', {}, shop.owner);
    expect(products.csv).toContain('可乐特价');
    const daily = await ok(shop.core, 'stats.exportDailyReport', { day: '2026-11-20', format: 'csv' }, shop.owner);
    const dailyText = Buffer.from(daily.base64, 'base64').toString('utf8');
    expect(dailyText).toContain('可乐特价');
    const all = await ok(shop.core, 'backup.exportAll', {}, shop.owner);
    const files = Object.entries(unzipSync(Buffer.from(all.zipBase64, 'base64'))).map(([name, bytes]) => [name, strFromU8(bytes)] as const);
    expect(files.find(([name]) => name === 'complaints.csv')?.[1]).toContain('"可乐太冰\n第二行\n第三行"');
    const report = Object.fromEntries([['members', members.csv], ['products', products.csv], ['daily', dailyText], ...files].map(([name, text]) => [name, visibleOnly(text)]));
    expect(report).toEqual(Object.fromEntries(Object.keys(report).map((name) => [name, 'clean'])));
  });
});

describe('control characters in a CSV import', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  it('are cleaned from names and notes as the contract cleans them', async () => {
    const file = 'phone,name,card_no,birthday,gender,enrolled_at,tier,points,stored_value,tags,note\n'
      + '13912345678,"王\u200B五\u202E",,,,,,,,"熟\u0000客|附近","第一行\u0007\r\n第二行"\n';
    expect(await ok(shop.core, 'members.importCsv', { fileBase64: b64(file) }, shop.manager.token)).toMatchObject({ imported: 1, errors: [] });
    const found = await ok(shop.core, 'members.find', { query: '13912345678' }, shop.cashier.token);
    const profile = await ok(shop.core, 'members.profile', { id: found.members[0]!.id }, shop.cashier.token);
    expect(profile).toMatchObject({ name: '王五', note: '第一行\n第二行', tags: expect.arrayContaining(['熟客', '附近']) });
  });

  it('refuse a SKU or barcode with a hidden character (an identifier is not silently changed)', async () => {
    const file = 'sku,barcode,name,category,price,points_rule\n'
      + 'OK1,,"雪碧\u202E",饮料,3.00,normal\n'
      + 'BAD\u200B1,,芬达,饮料,3.00,normal\n'
      + 'OK2,INT\u00001,美年达,饮料,3.00,normal\n';
    const report = await ok(shop.core, 'products.importCsv', { fileBase64: b64(file) }, shop.manager.token);
    expect(report).toMatchObject({ imported: 1, errors: [{ line: 3, reason: 'sku' }, { line: 4, reason: 'control_chars', details: { column: 'barcode' } }] });
    expect(await ok(shop.core, 'products.byCode', { code: 'OK1' }, shop.cashier.token)).toMatchObject({ name: '雪碧' });
  });

  it('refuse an identifier typed at the till with a typed, translated error', async () => {
    const r = await shop.core.dispatcher.call('products.save', { sku: 'KL\u200B9', name: '可乐', priceFen: 300 }, shop.manager.token);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input', messageKey: 'errors.bad_input', details: { issues: [{ path: 'sku', code: 'custom', message: 'control_chars' }] } } });
  });
});
