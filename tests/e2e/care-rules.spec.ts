import { test, expect } from './fixtures.js';
import { CheckoutPage, signInByKeyboard } from './pages/checkout-page.js';
import { demoShop } from './pages/checkout-shop.js';

test('the owner sets the lapse days N (used by the care list and the dashboard) and switches a follow-up off; a bad value is refused next to its field', async ({ page, host }) => {
  const shop = await demoShop(host);
  await page.goto(host.openUrl);
  await signInByKeyboard(page, '王店主', '8888');
  await expect(new CheckoutPage(page).heading).toBeFocused();
  await page.keyboard.press('F7');
  await page.getByRole('tab', { name: '投诉关怀' }).click();
  const form = page.getByRole('form', { name: '关怀规则' });
  const lapse = form.getByRole('textbox', { name: '流失天数 N' });
  await expect(lapse).toHaveValue('90');
  await lapse.fill('1');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(lapse).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('请输入 2–3650 之间的整数')).toBeVisible();
  await lapse.fill('60');
  await form.getByRole('checkbox', { name: '新客回访' }).uncheck();
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('关怀规则已保存')).toBeVisible();
  const rules = await shop.call<{ lapseDays: number; enabled: { welcome_back: boolean; birthday: boolean } }>('care.settings', {});
  expect(rules).toMatchObject({ lapseDays: 60, enabled: { welcome_back: false, birthday: true } });
  await page.keyboard.press('F2'); // away and back: the form reads the saved rules again
  await page.keyboard.press('F7');
  await page.getByRole('tab', { name: '投诉关怀' }).click();
  await expect(page.getByRole('form', { name: '关怀规则' }).getByRole('textbox', { name: '流失天数 N' })).toHaveValue('60');
});
