import fs from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { test, expect, OWNER } from './fixtures.js';
import { BackupPage } from './pages/backup-page.js';

test('the owner backs up, restores that backup from Settings, and is sent back to sign-in with the old data', async ({ page, host, setUpShop, signIn, shell }) => {
  const { ownerId } = await setUpShop();
  await page.goto(host.openUrl);
  await signIn.signIn(OWNER.name, OWNER.pin);
  await expect(shell.heading('收银')).toBeFocused();
  await page.keyboard.press('F7');
  const backups = new BackupPage(page);
  await backups.open();
  await expect(backups.table).toContainText('还没有备份');

  await backups.runNow.click();
  await expect(page.getByRole('status').filter({ hasText: '备份完成' })).toBeVisible();
  await expect(backups.row('手动')).toHaveCount(1);
  await expect(backups.row('手动')).toContainText('已校验');

  // After the backup, a product is added (through the API, as another till would).
  const session = await host.invoke('auth.signIn', { staffId: ownerId, pin: OWNER.pin });
  const token = (session.value as { token: string }).token;
  expect((await host.invoke('products.save', { sku: 'LATE1', name: '备份后的新商品', priceFen: 990, barcodes: [], pointsPct: 100 }, token)).ok).toBe(true);

  await backups.row('手动').getByRole('button', { name: /^查看并恢复/ }).click();
  await expect(backups.dialog).toBeVisible();
  await expect(backups.dialog).toContainText('销售 0 笔 · 会员 0 位 · 商品 0 个');
  await expect(backups.dialog).toContainText('正常');
  await expect(backups.dialog.getByRole('button', { name: '取消' })).toBeFocused();
  await backups.dialog.getByRole('button', { name: '恢复此备份' }).click();

  // Everyone is signed out; the till is back at sign-in.
  await expect(signIn.heading).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /已恢复.*请重新登录/ })).toBeVisible();
  expect((await host.invoke('products.search', { query: 'LATE1' }, token)).error?.code).toBe('not_signed_in');

  await signIn.signIn(OWNER.name, OWNER.pin);
  await expect(shell.heading('收银')).toBeFocused();
  const again = await host.invoke('auth.signIn', { staffId: ownerId, pin: OWNER.pin });
  const fresh = (again.value as { token: string }).token;
  expect((await host.invoke('products.byCode', { code: 'LATE1' }, fresh)).value).toBeNull();

  // The data that was replaced is kept as a backup of its own.
  await page.keyboard.press('F7');
  await backups.open();
  await expect(backups.row('恢复前保护')).toHaveCount(1);
  await expect(backups.row('手动')).toHaveCount(1);
  if (process.env.SCREENSHOTS) {
    await page.screenshot({ path: 'docs/screenshots/settings-backup.png', fullPage: true });
    await backups.row('手动').getByRole('button', { name: /^查看并恢复/ }).click();
    await expect(backups.dialog).toContainText('正常');
    await page.screenshot({ path: 'docs/screenshots/settings-backup-restore.png' });
  }
});

test('the owner exports everything as a zip of CSV files', async ({ page, host, setUpShop, signIn, shell }) => {
  await setUpShop();
  await page.goto(host.openUrl);
  await signIn.signIn(OWNER.name, OWNER.pin);
  await expect(shell.heading('收银')).toBeFocused();
  await page.keyboard.press('F7');
  const backups = new BackupPage(page);
  await backups.open();
  const [download] = await Promise.all([page.waitForEvent('download'), backups.exportAll.click()]);
  expect(download.suggestedFilename()).toMatch(/^counter-pos-export-\d{8}-\d{4}\.zip$/);
  const files = unzipSync(fs.readFileSync(await download.path()));
  expect(Object.keys(files).sort()).toEqual(['complaints.csv', 'feedback.csv', 'gift_redemptions.csv', 'gift_stock_ledger.csv', 'gifts.csv', 'members.csv', 'points_ledger.csv', 'products.csv', 'sales.csv', 'stored_value_ledger.csv']);
  expect(strFromU8(files['sales.csv']!).trim()).toBe('receipt_no,sold_at,member_phone,total,payment_method,refund_of');
  await expect(page.getByRole('status').filter({ hasText: '已导出' })).toBeVisible();
});
