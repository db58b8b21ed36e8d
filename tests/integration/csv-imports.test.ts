import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { fixedClock } from '../helpers/core.js';
import { ok, openShop } from '../helpers/shop.js';
import { ean13 } from '../../shared/barcode.js';

/**
 * Every CSV import, the same way: UTF-8 with and without a BOM and GBK read alike; a wrong
 * header, broken bytes or an oversized upload import nothing; bad rows are reported by their
 * line while good rows go in; a row that fails half-way leaves nothing of itself behind; and
 * a large file is reported line by line too. (Each importer's own rules are tested with it.)
 */
type Shop = Awaited<ReturnType<typeof openShop>>;
let shop: Shop;
const clock = fixedClock('2026-11-22T10:00:00');

beforeAll(async () => {
  shop = await openShop({ clock });
  await ok(shop.core, 'members.enrol', { phone: '13812345678', name: '王芳' }, shop.cashier.token);
}, 60_000);
afterAll(async () => { await shop.core.dispose(); });

interface Importer {
  method: 'products.importCsv' | 'members.importCsv' | 'complaints.importCsv' | 'feedback.importCsv';
  table: string;
  header: string;
  /** A good row; `n` makes it unique. */
  row: (n: number) => string;
  /** A row with a bad value in a known column. */
  bad: string;
}

const IMPORTERS: Importer[] = [
  {
    method: 'products.importCsv', table: 'products', header: 'sku,barcode,name,category,price,points_rule',
    row: (n) => `IMP${n},,导入商品${n},零食,${(n % 50) + 1}.50,normal`, bad: 'BAD1,,坏价格,零食,abc,normal',
  },
  {
    method: 'members.importCsv', table: 'members', header: 'phone,name,card_no,birthday,gender,enrolled_at,tier,points,stored_value,tags,note',
    row: (n) => `139${String(10_000_000 + n).slice(-8)},会员${n},,,,,,0,0,,`, bad: '12345,坏手机号,,,,,,0,0,,',
  },
  {
    method: 'complaints.importCsv', table: 'complaints', header: 'logged_at,member_phone,channel,category,severity,description,status,resolved_at',
    row: (n) => `2026-03-01T10:${String(n % 60).padStart(2, '0')}:${String(Math.floor(n / 60) % 60).padStart(2, '0')},,in_store,product,low,投诉${n},open,`,
    bad: '2026-02-30T10:00:00,,in_store,product,high,坏日期,open,',
  },
  {
    method: 'feedback.importCsv', table: 'feedback', header: 'answered_at,member_phone,score,comment',
    row: (n) => `2026-03-02T09:${String(n % 60).padStart(2, '0')}:${String(Math.floor(n / 60) % 60).padStart(2, '0')},,${n % 11},评价${n}`, bad: '2026-03-02T09:00:00,,11,分数太高',
  },
];

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');
const count = (table: string) => shop.core.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
let serial = 0;
const next = () => (serial += 1) * 7;

describe.each(IMPORTERS)('$method', (imp) => {
  const call = (file: Buffer | string) => ok(shop.core, imp.method, { fileBase64: b64(file) }, shop.owner);

  it('reads UTF-8 with a BOM, without one, and GBK (Excel on Chinese Windows) alike', async () => {
    const before = count(imp.table);
    const text = (n: number) => `${imp.header}\r\n${imp.row(n)}\r\n`;
    expect(await call(text(next()))).toMatchObject({ imported: 1, errors: [] });
    expect(await call(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text(next()))]))).toMatchObject({ imported: 1, errors: [] });
    expect(await call(iconv.encode(text(next()), 'gbk'))).toMatchObject({ imported: 1, errors: [] });
    expect(count(imp.table)).toBe(before + 3);
  });

  it('imports nothing from a wrong header, a missing column, or bytes that are neither UTF-8 nor GBK', async () => {
    const before = count(imp.table);
    const cols = imp.header.split(',');
    const rows = [imp.row(next()), imp.row(next())].join('\n');
    const wrong = [
      `${cols.slice(1).join(',')}\n${rows}`, // a column missing
      `${imp.header},extra\n${rows}`, // an unknown column
      `${cols.map((c) => c.toUpperCase() + 'X').join(',')}\n${rows}`,
    ];
    for (const file of wrong) expect(await call(file)).toMatchObject({ imported: 0, errors: [{ line: 1, reason: 'header' }] });
    const broken = Buffer.concat([Buffer.from(`${imp.header}\n`), Buffer.from([0xff, 0xfe, 0x80, 0x81, 0xff, 0x0a])]);
    expect(await call(broken)).toMatchObject({ imported: 0, errors: [{ reason: 'encoding' }] });
    expect(await call('')).toMatchObject({ imported: 0, errors: [{ reason: 'header' }] });
    expect(count(imp.table)).toBe(before);
  });

  it('reports bad rows by their line (embedded line breaks counted) and imports the good ones', async () => {
    const before = count(imp.table);
    const short = imp.header.split(',').slice(1).map(() => 'x').join(','); // one column short
    const file = [imp.header, imp.row(next()), imp.bad, '', imp.row(next()), short, imp.row(next())].join('\n');
    const r = await call(file);
    expect(r.imported).toBe(3);
    expect(r.errors.map((e) => e.line)).toEqual([3, 6]);
    expect(r.errors[1]).toMatchObject({ reason: 'column_count' });
    expect(count(imp.table)).toBe(before + 3);
  });

  it('a large file (5,000 rows) is imported whole, its bad lines reported by number', async () => {
    const before = count(imp.table);
    const lines = [imp.header];
    const badLines: number[] = [];
    for (let i = 0; i < 5000; i++) {
      if (i % 997 === 500) {
        lines.push(imp.bad);
        badLines.push(lines.length);
      } else lines.push(imp.row(100_000 + i));
    }
    const r = await call(lines.join('\n'));
    expect(r.errors.map((e) => e.line)).toEqual(badLines);
    expect(r.imported).toBe(5000 - badLines.length);
    expect(count(imp.table)).toBe(before + r.imported);
  }, 60_000);
});

describe('uploads beyond the limit', () => {
  it('are refused before anything is decoded or written', async () => {
    const before = count('products');
    const huge = 'A'.repeat(40_000_004);
    const r = await shop.core.dispatcher.call('products.importCsv', { fileBase64: huge }, shop.owner);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input', details: { issues: [{ path: 'fileBase64', code: 'too_big' }] } } });
    expect(count('products')).toBe(before);
  });
});

describe('a row that fails half-way', () => {
  it('leaves nothing of itself behind (no product without its barcodes, no barcode without its product)', async () => {
    const taken = ean13('690555000999');
    await ok(shop.core, 'products.save', { sku: 'HAS-CODE', name: '已有条码', priceFen: 100, barcodes: [taken], pointsPct: 100 }, shop.owner);
    const fresh = ean13('690555000888');
    // The second barcode clashes with another product's: found while writing the row.
    const r = await ok(shop.core, 'products.importCsv', { fileBase64: b64(`sku,barcode,name,category,price,points_rule\nHALF,${fresh}|${taken},半截商品,零食,1,normal\n`) }, shop.owner);
    expect(r).toMatchObject({ imported: 0, errors: [{ line: 2 }] });
    expect(await ok(shop.core, 'products.byCode', { code: 'HALF' }, shop.owner)).toBeNull();
    expect(await ok(shop.core, 'products.byCode', { code: fresh }, shop.owner)).toBeNull();
  });
});
