import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { parse } from 'csv-parse/sync';
import { fixedClock } from '../helpers/core.js';
import { clientRef, ok, openShop } from '../helpers/shop.js';

/**
 * Every CSV file the shop takes away (issue 21 §4): a name typed as a spreadsheet formula is
 * written with a leading apostrophe, so Excel or WPS shows it instead of running it;
 * amounts, negative ones too, stay numbers; and the files in import format import back into
 * another shop with the original text.
 */
type Shop = Awaited<ReturnType<typeof openShop>>;
let shop: Shop;
let fresh: Shop;
const clock = fixedClock('2026-11-20T10:00:00');

/** A member's name holds at most 20 characters: enough for a link. */
const LINK = '=HYPERLINK("a.cn")';
const CELL = `'${LINK}`;
/** All cells of a CSV text, as a spreadsheet would split them. */
const cells = (text: string) => (parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][]).flat();

beforeAll(async () => {
  [shop, fresh] = await Promise.all([openShop({ clock }), openShop({ clock })]);
  const { core, owner, manager, cashier } = shop;
  await ok(core, 'staff.update', { id: cashier.staffId, name: '@SUM(1+1)' }, owner);
  const product = await ok(core, 'products.save', { sku: '-SKU1', name: LINK, categoryName: '+饮料', priceFen: 500 }, manager.token);
  const member = await ok(core, 'members.enrol', { phone: '13812345678', name: LINK, birthday: '11-22', note: '-2+3', tags: ['=tag'] }, cashier.token);
  const sale = await ok(core, 'sales.commit', {
    clientRef: clientRef(), lines: [{ productId: product.id, qty: 2 }], memberId: member.id, payments: [{ method: 'cash', amountFen: 1000, tenderedFen: 1000 }], expectedTotalFen: 1000,
  }, cashier.token);
  await ok(core, 'sales.refund', { saleId: sale.sale.id, clientRef: clientRef(), lines: [{ lineId: sale.sale.lines[0]!.id, qty: 1 }], payments: [{ method: 'cash', amountFen: 500 }] }, manager.token);
  await ok(core, 'storedValue.topUp', { memberId: member.id, amountFen: 5000, method: 'cash', tenderedFen: 5000, clientRef: clientRef() }, cashier.token);
  await ok(core, 'storedValue.adjust', { memberId: member.id, principalDelta: -1250, bonusDelta: 0, reason: '=冲正' }, manager.token);
  await ok(core, 'points.adjust', { memberId: member.id, delta: -3, reason: '+调整' }, manager.token);
  await ok(core, 'complaints.log', { category: 'product', description: `${LINK}\n第二行`, memberId: member.id }, cashier.token);
  await ok(core, 'feedback.record', { score: 3, comment: '@很差', memberId: member.id }, cashier.token);
  await ok(core, 'gifts.save', { name: '-抽纸', kind: 'gift', pointsCost: 20, initialStock: 3 }, owner);
  await ok(core, 'care.generate', {}, manager.token);
}, 60_000);
afterAll(async () => { await Promise.all([shop.core.dispose(), fresh.core.dispose()]); });

describe('CSV exports neutralise formulas', () => {
  it('members and products (their import formats)', async () => {
    const members = cells((await ok(shop.core, 'members.exportCsv', {}, shop.owner)).csv);
    expect(members).toEqual(expect.arrayContaining([CELL, "'-2+3", "'=tag", '13812345678']));
    const products = cells((await ok(shop.core, 'products.exportCsv', {}, shop.owner)).csv);
    expect(products).toEqual(expect.arrayContaining([CELL, "'-SKU1", "'+饮料", '5.00']));
    expect(products).not.toContain(LINK);
  });

  it('the care call list', async () => {
    const list = await ok(shop.core, 'care.callList', { fullPhones: true }, shop.manager.token);
    expect(list.rows).toBeGreaterThan(0);
    expect(cells(list.csv)).toContain(CELL);
    expect(cells(list.csv)).toContain('13812345678');
  });

  it('the daily report, whose amounts stay numbers', async () => {
    const report = await ok(shop.core, 'stats.exportDailyReport', { day: '2026-11-20', format: 'csv' }, shop.manager.token);
    const all = cells(Buffer.from(report.base64, 'base64').toString('utf8'));
    expect(all).toContain(`${CELL} ×1`);
    expect(all).toContain("'@SUM(1+1) ×1");
    expect(all).toContain('¥5.00');
  });

  it('every file of the full export; negative amounts and counts stay numbers', async () => {
    const out = await ok(shop.core, 'backup.exportAll', {}, shop.owner);
    const files = Object.fromEntries(Object.entries(unzipSync(Buffer.from(out.zipBase64, 'base64'))).map(([name, bytes]) => [name, strFromU8(bytes)]));
    expect(cells(files['members.csv']!)).toContain(CELL);
    expect(cells(files['products.csv']!)).toContain(CELL);
    expect(cells(files['complaints.csv']!)).toContain(`${CELL}\n第二行`);
    expect(cells(files['feedback.csv']!)).toContain("'@很差");
    expect(cells(files['gifts.csv']!)).toContain("'-抽纸");
    expect(files['sales.csv']).toMatch(/,-5\.00,cash,/);
    expect(files['stored_value_ledger.csv']).toMatch(/,-12\.50,0\.00,adjust,,,'=冲正\n/);
    expect(files['points_ledger.csv']).toMatch(/,-3,adjust,,,'\+调整\n/);
    for (const [name, text] of Object.entries(files)) expect(cells(text).filter((c) => /^[=+@]/.test(c) || (/^-/.test(c) && !/^-\d+(\.\d+)?$/.test(c))), name).toEqual([]);
  });
});

describe('the export imports back with the original text', () => {
  it('members, products, complaints and feedback from the full export into another shop', async () => {
    const out = await ok(shop.core, 'backup.exportAll', {}, shop.owner);
    const files = unzipSync(Buffer.from(out.zipBase64, 'base64'));
    const upload = (name: string) => ({ fileBase64: Buffer.from(files[name]!).toString('base64') });
    // What goes in is the neutralised text: the import is what takes the apostrophe off.
    for (const name of ['products.csv', 'members.csv', 'complaints.csv']) expect(cells(strFromU8(files[name]!)), name).toContain(name === 'complaints.csv' ? `${CELL}\n第二行` : CELL);
    expect(cells(strFromU8(files['feedback.csv']!))).toContain("'@很差");
    const { core, manager, cashier } = fresh;
    expect(await ok(core, 'products.importCsv', upload('products.csv'), manager.token)).toMatchObject({ errors: [] });
    expect(await ok(core, 'members.importCsv', upload('members.csv'), manager.token)).toMatchObject({ imported: 1, errors: [] });
    expect(await ok(core, 'complaints.importCsv', upload('complaints.csv'), manager.token)).toMatchObject({ imported: 1, errors: [] });
    expect(await ok(core, 'feedback.importCsv', upload('feedback.csv'), manager.token)).toMatchObject({ imported: 1, errors: [] });

    expect(await ok(core, 'products.byCode', { code: '-SKU1' }, cashier.token)).toMatchObject({ name: LINK, categoryName: '+饮料' });
    const found = await ok(core, 'members.find', { query: '13812345678' }, cashier.token);
    expect(await ok(core, 'members.profile', { id: found.members[0]!.id }, cashier.token)).toMatchObject({ name: LINK, note: '-2+3', tags: ['=tag'] });
    const complaints = await ok(core, 'complaints.list', {}, manager.token);
    expect(complaints.items.map((c) => c.description)).toEqual([`${LINK}\n第二行`]);
    const feedback = await ok(core, 'feedback.list', {}, manager.token);
    expect(feedback.items.map((f) => f.comment)).toEqual(['@很差']);
  });
});
