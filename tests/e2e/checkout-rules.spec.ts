import { test, expect } from './fixtures.js';
import { CheckoutPage, signInByKeyboard } from './pages/checkout-page.js';
import { demoShop, product } from './pages/checkout-shop.js';

test('the owner turns on 抹零 to the yuan in Settings and the till rounds the amount due down', async ({ page, host, settings }) => {
  const shop = await demoShop(host);
  await shop.call('shifts.open', { openingFloatFen: 10_000 });
  const chips = product(shop, '乐事薯片 原味 70g'); // ¥7.50
  const co = new CheckoutPage(page);

  await page.goto(host.openUrl);
  await signInByKeyboard(page, '王店主', '8888');
  await expect(co.heading).toBeFocused();
  await page.keyboard.press('F7');
  await settings.tab('店铺设置').click();
  const rules = page.getByRole('form', { name: '收银规则' });
  await rules.getByLabel('抹零').selectOption('yuan');
  await rules.getByRole('button', { name: '保存收银规则' }).click();
  await expect(page.getByText('收银规则已保存')).toBeVisible();

  await page.keyboard.press('F2');
  await expect(co.heading).toBeFocused();
  await co.scanProduct(chips.barcode, chips.name, 1);
  await expect.poll(() => co.dueFen()).toBe(700);
  await expect(co.totals).toContainText('抹零');
});
