import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { fixedClock, testCore } from '../../../tests/helpers/core.js';
import { clientRef, ok, openShop } from '../../../tests/helpers/shop.js';
import { makeTempDir } from '../../../tests/helpers/temp-dir.js';
import { openFile } from '../db/open.js';
import { listBackups, manifestFile, parseBackupName } from './backup-file.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

async function shop(options: Parameters<typeof openShop>[0] = {}) {
  const s = await openShop(options);
  cleanups.push(() => s.core.dispose());
  return s;
}

async function sell(s: Awaited<ReturnType<typeof openShop>>, productIndex = 0, qty = 1) {
  const p = s.products[productIndex]!;
  const total = p.priceFen * qty;
  return ok(s.core, 'sales.commit', { clientRef: clientRef(), lines: [{ productId: p.id, qty }], payments: [{ method: 'wechat', amountFen: total }], expectedTotalFen: total, print: false }, s.cashier.token);
}

describe('backups', () => {
  it('takes a verified, standalone backup with a manifest of what it holds', async () => {
    const s = await shop();
    const sale = await sell(s);
    const r = await ok(s.core, 'backup.run', {}, s.owner);
    expect(r.backup.reason).toBe('manual');
    expect(r.backup.lastSale).toEqual({ receiptNo: sale.sale.receiptNo, soldAt: sale.sale.soldAt });
    expect(r.backup.counts).toMatchObject({ sales: 1, products: 4, staff: 3 });

    const file = path.join(s.core.dataDir, 'backups', r.backup.name);
    // One self-contained file: rollback journal, nothing beside it but the manifest.
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual([r.backup.name.replace('.sqlite', '.json'), r.backup.name].sort());
    const copy = openFile(file, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT receipt_no FROM sales').pluck().all()).toEqual([sale.sale.receiptNo]);
    copy.close();
    const manifest = JSON.parse(fs.readFileSync(manifestFile(file), 'utf8'));
    expect(manifest).toMatchObject({ name: r.backup.name, integrity: 'ok', reason: 'manual', counts: { sales: 1 } });

    const listed = await ok(s.core, 'backup.list', {}, s.owner);
    expect(listed.items).toEqual([expect.objectContaining({ location: 'primary', name: r.backup.name, verified: true })]);
    const audit = await ok(s.core, 'audit.list', { action: 'backup.run' }, s.owner);
    expect(audit.items[0]).toMatchObject({ entityId: r.backup.name, staffName: '老板' });
  });

  it('restores a backup into the running shop: safety backup first, data back, everyone signed out, audited', async () => {
    const s = await shop();
    const first = await sell(s);
    const { backup } = await ok(s.core, 'backup.run', {}, s.owner);
    const later = await sell(s, 1, 2);
    await ok(s.core, 'products.save', { sku: 'NEW1', name: '新商品', priceFen: 100, barcodes: [], pointsPct: 100 }, s.owner);

    const inspected = await ok(s.core, 'backup.inspect', { location: 'primary', name: backup.name }, s.owner);
    expect(inspected).toMatchObject({ integrity: 'ok', restorable: true, lastSale: { receiptNo: first.sale.receiptNo }, counts: { sales: 1, products: 4 } });

    const restored = await ok(s.core, 'backup.restore', { location: 'primary', name: backup.name, confirm: true }, s.owner);
    expect(restored.restored).toBe(backup.name);
    expect(parseBackupName(restored.safetyBackup)?.reason).toBe('pre-restore');

    // Everyone signs in again.
    expect(await s.core.dispatcher.call('settings.get', {}, s.owner)).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await s.core.dispatcher.call('sales.list', {}, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    const owner = await s.core.dispatcher.call('auth.signIn', { staffId: 1, pin: '1234' });
    if (!owner.ok) throw new Error('sign-in failed');
    const token = owner.value.token;

    // The live connection reads the restored data: the later sale and product are gone.
    const receipts = s.core.db.prepare('SELECT receipt_no FROM sales ORDER BY id').pluck().all();
    expect(receipts).toEqual([first.sale.receiptNo]);
    expect(await s.core.dispatcher.call('sales.get', { receiptNo: later.sale.receiptNo }, token)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await s.core.dispatcher.call('products.byCode', { code: 'NEW1' }, token)).toEqual({ ok: true, value: null });
    expect(s.core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(s.core.db.pragma('journal_mode', { simple: true })).toBe('wal');

    // The till keeps selling on the restored data.
    const shiftOpen = await s.core.dispatcher.call('shifts.current', {}, token);
    expect(shiftOpen.ok).toBe(true);
    const p = s.products[3]!;
    const again = await s.core.dispatcher.call('sales.commit', { clientRef: clientRef(), lines: [{ productId: p.id, qty: 1 }], payments: [{ method: 'cash', amountFen: p.priceFen, tenderedFen: p.priceFen }], expectedTotalFen: p.priceFen, print: false }, token);
    expect(again.ok).toBe(true);

    // The audit log of the restored shop says who restored what, with before and after.
    const audit = await ok(s.core, 'audit.list', { action: 'backup.restore' }, token);
    expect(audit.items[0]).toMatchObject({
      staffName: '老板', entityId: backup.name,
      details: { safetyBackup: restored.safetyBackup, before: { counts: { sales: 2, products: 5 } }, after: { counts: { sales: 1, products: 4 } } },
    });

    // The safety backup holds the data as it was just before: restoring it undoes the restore.
    const safety = await ok(s.core, 'backup.inspect', { location: 'primary', name: restored.safetyBackup }, token);
    expect(safety).toMatchObject({ restorable: true, counts: { sales: 2, products: 5 }, lastSale: { receiptNo: later.sale.receiptNo } });
  });

  it('refuses names that are not listed backups, damaged files and backups from a newer app, changing nothing', async () => {
    const s = await shop();
    await sell(s);
    const dir = path.join(s.core.dataDir, 'backups');
    fs.mkdirSync(dir, { recursive: true });
    for (const name of ['../shop.sqlite', 'shop.sqlite', '/etc/passwd', 'shop-20260101-000000-daily.sqlite/../../x']) {
      expect(await s.core.dispatcher.call('backup.restore', { location: 'primary', name, confirm: true }, s.owner)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    }
    expect(await s.core.dispatcher.call('backup.restore', { location: 'primary', name: 'shop-20260101-000000-daily.sqlite', confirm: true }, s.owner))
      .toMatchObject({ ok: false, error: { code: 'not_found', messageKey: 'errors.backup_not_found' } });
    expect(await s.core.dispatcher.call('backup.restore', { location: 'extra', name: 'shop-20260101-000000-daily.sqlite', confirm: true }, s.owner))
      .toMatchObject({ ok: false, error: { code: 'not_found' } });

    fs.writeFileSync(path.join(dir, 'shop-20260101-000000-daily.sqlite'), Buffer.alloc(8192, 7));
    expect(await s.core.dispatcher.call('backup.restore', { location: 'primary', name: 'shop-20260101-000000-daily.sqlite', confirm: true }, s.owner))
      .toMatchObject({ ok: false, error: { code: 'rule_violation', messageKey: 'errors.backup_damaged' } });
    expect(await ok(s.core, 'backup.inspect', { location: 'primary', name: 'shop-20260101-000000-daily.sqlite' }, s.owner)).toMatchObject({ restorable: false });

    const { backup } = await ok(s.core, 'backup.run', {}, s.owner);
    const newer = openFile(path.join(dir, backup.name));
    newer.pragma('user_version = 999');
    newer.close();
    expect(await s.core.dispatcher.call('backup.restore', { location: 'primary', name: backup.name, confirm: true }, s.owner))
      .toMatchObject({ ok: false, error: { code: 'rule_violation', messageKey: 'errors.backup_too_new' } });

    // Still signed in, still the same shop, no safety backup taken for a refused restore.
    expect(await ok(s.core, 'sales.list', {}, s.owner)).toMatchObject({ total: 1 });
    expect(listBackups(dir).filter((b) => b.reason === 'pre-restore')).toEqual([]);
  });

  it('copies each backup to the second folder and keeps the first when that drive is missing', async () => {
    const s = await shop();
    const usb = makeTempDir('pos-usb-');
    cleanups.push(() => usb.cleanup());
    expect(await s.core.dispatcher.call('backup.setSettings', { extraDir: 'relative/path' }, s.owner)).toMatchObject({ ok: false });
    await ok(s.core, 'backup.setSettings', { extraDir: usb.dir }, s.owner);
    const r = await ok(s.core, 'backup.run', {}, s.owner);
    expect(r.extra).toEqual({ dir: usb.dir, ok: true });
    expect(fs.existsSync(path.join(usb.dir, r.backup.name))).toBe(true);
    const listed = await ok(s.core, 'backup.list', {}, s.owner);
    expect(listed.items.map((i) => i.location).sort()).toEqual(['extra', 'primary']);
    expect(await ok(s.core, 'backup.inspect', { location: 'extra', name: r.backup.name }, s.owner)).toMatchObject({ restorable: true });

    usb.cleanup(); // the drive is unplugged
    fs.writeFileSync(usb.dir, 'not a folder'); // and something else sits at its path
    cleanups.push(() => fs.rmSync(usb.dir, { force: true }));
    const second = await ok(s.core, 'backup.run', {}, s.owner);
    expect(second.extra).toMatchObject({ dir: usb.dir, ok: false });
    expect(fs.existsSync(path.join(s.core.dataDir, 'backups', second.backup.name))).toBe(true);

    const audit = await ok(s.core, 'audit.list', { action: 'backup.settings' }, s.owner);
    expect(audit.items[0]?.details).toEqual({ before: { extraDir: null }, after: { extraDir: usb.dir } });
  });

  it('backs up at the first start of each day and on quit, keeping the newest of each day', async () => {
    const clock = fixedClock('2026-01-01T09:00:00');
    const first = await openShop({ clock, autoBackup: true });
    const dataDir = first.core.dataDir;
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    await first.core.shutdown(); // on quit
    const dir = path.join(dataDir, 'backups');
    expect(listBackups(dir).map((b) => b.reason)).toEqual(['quit']);

    // A till opened every morning for 12 days (and once more at noon), closed each evening.
    const { createCore } = await import('../app.js');
    const open = async (at: Date) => {
      clock.set(at);
      const core = createCore({ dataDir, clock, autoBackup: true, logger: { error: () => {} } });
      await core.services.backups.idle();
      return core;
    };
    for (let day = 1; day <= 12; day++) {
      const morning = await open(new Date(2026, 0, 1 + day, 8, 30));
      expect(listBackups(dir)[0]).toMatchObject({ reason: 'daily', at: new Date(2026, 0, 1 + day, 8, 30) });
      await morning.shutdown();
      const noon = await open(new Date(2026, 0, 1 + day, 12, 0));
      expect(listBackups(dir)[0]?.reason).toBe('quit'); // no second daily backup the same day
      clock.set(new Date(2026, 0, 1 + day, 21, 0));
      await noon.shutdown();
    }
    const left = listBackups(dir);
    expect(fs.readdirSync(dir).length).toBe(left.length * 2); // each with its manifest, nothing else
    // The evening backup of each of the last 7 days, the 3 newest, and the newest of older weeks and months.
    const evenings = left.filter((b) => b.at.getHours() === 21).map((b) => b.at.getDate());
    expect(evenings.slice(0, 7)).toEqual([13, 12, 11, 10, 9, 8, 7]);
    expect(left.slice(0, 3).map((b) => b.reason)).toEqual(['quit', 'quit', 'daily']);
    expect(left.length).toBeLessThanOrEqual(3 + 7 + 4 + 12);
    expect(left.every((b) => b.manifest?.integrity === 'ok')).toBe(true);
  }, 60_000);

  it('exports everything as a zip of CSV files in the import formats', async () => {
    const s = await shop();
    const member = await ok(s.core, 'members.enrol', { phone: '13800138000', name: '张三' }, s.cashier.token);
    const p = s.products[0]!;
    const sale = await ok(s.core, 'sales.commit', { clientRef: clientRef(), memberId: member.id, lines: [{ productId: p.id, qty: 2 }], payments: [{ method: 'cash', amountFen: 100, tenderedFen: 100 }, { method: 'wechat', amountFen: 500 }], expectedTotalFen: 600, print: false }, s.cashier.token);
    const refund = await ok(s.core, 'sales.refund', { saleId: sale.sale.id, clientRef: clientRef(), lines: [{ lineId: sale.sale.lines[0]!.id, qty: 1 }], payments: [{ method: 'wechat', amountFen: 300 }], print: false }, s.manager.token);

    const cup = await ok(s.core, 'gifts.save', { name: '保温杯', kind: 'gift', pointsCost: 100, initialStock: 3 }, s.owner);
    await ok(s.core, 'points.adjust', { memberId: member.id, delta: 500, reason: '赠送' }, s.manager.token);
    await ok(s.core, 'gifts.redeem', { memberId: member.id, giftId: cup.id, qty: 2, clientRef: clientRef(), print: false }, s.cashier.token);

    const out = await ok(s.core, 'backup.exportAll', {}, s.owner);
    expect(out.fileName).toMatch(/^counter-pos-export-\d{8}-\d{4}\.zip$/);
    const files = unzipSync(Buffer.from(out.zipBase64, 'base64'));
    expect(Object.keys(files).sort()).toEqual(['complaints.csv', 'feedback.csv', 'gift_redemptions.csv', 'gift_stock_ledger.csv', 'gifts.csv', 'members.csv', 'points_ledger.csv', 'products.csv', 'sales.csv', 'stored_value_ledger.csv']);
    const text = (n: string) => strFromU8(files[n]!).trim().split('\n');
    expect(text('products.csv')[0]).toBe('sku,barcode,name,category,price,points_rule');
    expect(text('products.csv')).toHaveLength(5);
    expect(text('members.csv')[0]).toBe('phone,name,card_no,birthday,gender,enrolled_at,tier,points,stored_value,tags,note');
    expect(text('sales.csv')).toEqual([
      'receipt_no,sold_at,member_phone,total,payment_method,refund_of',
      `${sale.sale.receiptNo},${sale.sale.soldAt},13800138000,6.00,cash|wechat,`,
      `${refund.refund.receiptNo},${refund.refund.soldAt},13800138000,-3.00,wechat,${sale.sale.receiptNo}`,
    ]);
    expect(text('points_ledger.csv')[0]).toBe('at,member_phone,member_card_no,delta,reason,receipt_no,expires_on,note');
    expect(text('points_ledger.csv').length).toBeGreaterThan(1);
    expect(text('complaints.csv')).toEqual(['logged_at,member_phone,channel,category,severity,description,status,resolved_at']);
    expect(out.files.find((f) => f.name === 'sales.csv')?.rows).toBe(2);
    // Gifts: the catalogue with its stock, each redemption, each stock move; the points spent are in the points ledger.
    expect(text('gifts.csv')).toEqual(['name,kind,points_cost,track_stock,stock,active', '保温杯,gift,100,1,1,1']);
    expect(text('gift_redemptions.csv')).toEqual(['at,member_phone,member_card_no,gift,qty,points,staff,cancelled_at,cancel_reason', expect.stringMatching(/^[\dT:-]+,13800138000,\d+,保温杯,2,200,收银小王,,$/)]);
    expect(text('gift_stock_ledger.csv').slice(1).map((l) => l.split(',').slice(1).join(','))).toEqual(['保温杯,3,restock,老板,', '保温杯,-2,redeem,收银小王,']);
    expect(text('points_ledger.csv').at(-1)).toMatch(/,-200,gift,,,保温杯 ×2$/);

    // The products and members files import back into an empty shop.
    const fresh = testCore();
    cleanups.push(() => fresh.dispose());
    const { shopWithOwner } = await import('../../../tests/helpers/core.js');
    const { token } = await shopWithOwner(fresh);
    expect(await ok(fresh, 'products.importCsv', { fileBase64: Buffer.from(files['products.csv']!).toString('base64') }, token)).toMatchObject({ imported: 4, errors: [] });
    expect(await ok(fresh, 'members.importCsv', { fileBase64: Buffer.from(files['members.csv']!).toString('base64') }, token)).toMatchObject({ imported: 1, errors: [] });
  });
});
