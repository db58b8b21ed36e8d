import path from 'node:path';
import { test, expect } from './fixtures.js';
import { startFakePrinter } from '../helpers/fake-printer.js';
import { CheckoutPage, signInByKeyboard } from './pages/checkout-page.js';
import { demoShop, product, useFakePrinter } from './pages/checkout-shop.js';

/**
 * Screenshots of the checkout screens for docs/screenshots. Not part of the normal run:
 * `SCREENSHOTS=1 npx playwright test checkout-screenshots`.
 */
test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to refresh docs/screenshots');

const out = (name: string) => path.resolve('docs/screenshots', name);

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
]) {
  test(`checkout at ${viewport.width}×${viewport.height}`, async ({ page, host }) => {
    test.setTimeout(60_000);
    const full = viewport.width === 1280;
    const suffix = full ? '' : `-${viewport.width}`;
    const printer = await startFakePrinter();
    try {
      const shop = await demoShop(host);
      await useFakePrinter(shop, printer);
      await shop.call('shifts.open', { openingFloatFen: 20_000 });
      // A silver member with some points, so the member discount and 积分抵扣 show.
      const silver = await shop.call<{ items: Array<{ id: number; cardNo: string; name: string }> }>('members.list', { limit: 10, filter: { tierId: 2, sort: 'spend' } });
      const member = silver.items.find((m) => m.name.length > 1)!;
      await shop.call('points.adjust', { memberId: member.id, delta: 2680, reason: '演示积分' });
      await page.setViewportSize(viewport);
      const co = new CheckoutPage(page);
      await page.goto(host.openUrl);
      await signInByKeyboard(page, '张小丽', '1111');
      await expect(co.heading).toBeFocused();

      await co.scan(member.cardNo);
      await expect(page.getByRole('group', { name: /当前会员/ })).toBeVisible();
      for (const [name, qty] of [['可口可乐 330ml', 2], ['乐事薯片 原味 70g', 1], ['蒙牛纯牛奶 250ml', 6], ['德芙巧克力 43g', 1], ['农夫山泉 550ml', 3]] as const) {
        const p = product(shop, name);
        for (let i = 1; i <= qty; i++) await co.scanProduct(p.barcode, p.name, i);
      }
      await co.search.focus();
      await page.keyboard.press('*');
      const edit = page.getByRole('dialog', { name: /^修改/ });
      await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Tab');
      await page.keyboard.type('90');
      await page.keyboard.press('Enter');
      await expect(edit).toBeHidden();
      await co.typeSlowly('kl');
      await expect(page.getByRole('listbox', { name: '商品搜索结果' })).toBeVisible();
      await page.waitForTimeout(300);
      await page.screenshot({ path: out(`checkout-search${suffix}.png`) });
      await page.keyboard.press('Escape');
      await page.waitForTimeout(5200); // let the notices fade
      await page.screenshot({ path: out(`checkout${suffix}.png`) });

      await page.keyboard.press('F12');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.type('20');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      await co.typeSlowly('50');
      await page.screenshot({ path: out(`checkout-pay${suffix}.png`) });
      await page.keyboard.press('Enter');
      await expect(co.done.getByText('小票已打印')).toBeVisible();
      await page.waitForTimeout(300);
      await page.screenshot({ path: out(`checkout-done${suffix}.png`) });
      if (!full) return;

      await co.done.getByRole('button', { name: '预览小票' }).click();
      await expect(page.getByRole('img', { name: /^小票/ })).toBeVisible();
      await page.screenshot({ path: out('checkout-receipt.png') });
      await page.keyboard.press('Escape');

      await page.keyboard.press('F10');
      await page.keyboard.press('Escape');
      const hold = product(shop, '红牛 250ml');
      await co.scanProduct(hold.barcode, hold.name, 1);
      await page.keyboard.press('F9');
      await page.keyboard.type('红衣服');
      await page.keyboard.press('Enter');
      await expect(co.tool(/取单（1）/)).toBeVisible();
      await page.keyboard.press('F10');
      await expect(page.getByRole('listbox', { name: '挂起的订单' })).toBeVisible();
      await page.screenshot({ path: out('checkout-held.png') });
      await page.keyboard.press('Escape');

      await co.tool('交班').click();
      await page.getByLabel('实点现金（元）').fill('300');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('dialog', { name: '交班报表' })).toBeVisible();
      await page.screenshot({ path: out('checkout-shift-report.png') });
      await page.keyboard.press('Enter');

      // Settings → products and → 外设 (devices), as the owner.
      await page.getByRole('toolbar', { name: '工具栏' }).getByRole('button', { name: '退出登录' }).click();
      await signInByKeyboard(page, '王店主', '8888');
      await expect(co.heading).toBeFocused();
      await page.keyboard.press('F7');
      await page.getByRole('tab', { name: '商品管理' }).click();
      await expect(page.getByRole('table', { name: '商品列表' }).getByRole('row').nth(5)).toBeVisible();
      await page.screenshot({ path: out('checkout-settings-products.png') });
      await page.getByRole('tab', { name: '外设' }).click();
      await expect(page.getByRole('form', { name: '小票打印机' })).toBeVisible();
      await page.screenshot({ path: out('checkout-settings-devices.png') });
    } finally {
      await printer.close();
    }
  });
}
