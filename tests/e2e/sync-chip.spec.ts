import { test, expect } from './fixtures.js';
import { startTestShopServer } from '../helpers/shop-server.js';
import { createPairingCode } from '../../server/pairing.js';
import { CheckoutPage, signInByKeyboard } from './pages/checkout-page.js';
import { demoShop, product } from './pages/checkout-shop.js';

/**
 * Issue 14 at the counter: a till paired with a real shop server (HTTPS, PostgreSQL) shows
 * 在线 in its status bar; when the server goes away it says 离线 with the sales waiting,
 * and the cashier keeps selling. A till with no server shows no chip at all.
 */
test('Settings › 多收银台 joins the shop server; the status chip: none without a server, 在线 once paired, 离线 · N 笔待同步 when the server is gone, selling on', async ({ page, host }) => {
  test.setTimeout(90_000);
  const server = await startTestShopServer();
  try {
    const shop = await demoShop(host);
    const co = new CheckoutPage(page);
    await page.goto(host.openUrl);
    await signInByKeyboard(page, '王店主', shop.staff['王店主']!.pin);
    await expect(co.heading).toBeFocused();
    const bar = page.getByRole('contentinfo');
    await expect(bar.getByText('小票打印机')).toBeVisible();
    await expect(bar.getByRole('status', { name: '与店铺服务器的连接' })).toHaveCount(0);

    // The owner joins the shop server in Settings › 多收银台 with the address and the code it shows.
    const { code } = await createPairingCode(server.db);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name: '设置' }).click();
    await page.getByRole('tab', { name: '多收银台', exact: true }).click();
    const join = page.getByRole('form', { name: '加入店铺服务器' });
    await join.getByLabel('服务器地址').fill(server.url);
    await join.getByLabel('配对码').fill(code.toLowerCase()); // typed in lower case: still the code
    await join.getByLabel('收银台名称').fill('收银台 1');
    await join.getByRole('button', { name: '加入店铺服务器' }).press('Enter');
    await expect(page.getByText('已加入店铺服务器，本机为 T1。')).toBeVisible();
    await expect(page.getByText(server.url)).toBeVisible();
    const chip = bar.getByRole('status', { name: '与店铺服务器的连接' });
    // The demo shop's history goes up first; then the till is caught up and online.
    await expect(chip).toHaveText('在线', { timeout: 30_000 });

    await server.server.close();
    await shop.call('shifts.open', { openingFloatFen: 0 }).catch(() => undefined);
    const cola = product(shop, '可口可乐 330ml');
    for (let i = 0; i < 2; i++) {
      await shop.call('sales.commit', {
        clientRef: `chip-${i}-${Date.now()}`, lines: [{ productId: cola.id, qty: 1 }],
        payments: [{ method: 'card', amountFen: cola.priceFen }], expectedTotalFen: cola.priceFen, print: false,
      });
    }
    await expect(chip).toContainText('离线', { timeout: 15_000 });
    await expect(chip).toContainText('笔待同步');
  } finally {
    await server.close().catch(() => undefined);
  }
});
