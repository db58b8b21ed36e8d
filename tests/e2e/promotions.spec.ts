import { test, expect } from './fixtures.js';
import { startFakePrinter, type FakePrinter } from '../helpers/fake-printer.js';
import { decodeEscPos } from '../helpers/escpos-decode.js';
import { CheckoutPage, signInByKeyboard } from './pages/checkout-page.js';
import { demoShop, product, useFakePrinter, type DemoShop } from './pages/checkout-shop.js';
import { DEMO } from './pages/members-api.js';

/** Issue 17 at the counter: promotions priced by the engine, each its own line, on the receipt. */
let printer: FakePrinter;
test.beforeEach(async () => { printer = await startFakePrinter(); });
test.afterEach(async () => { await printer.close(); });

const everyday = {
  localId: null, active: true, priority: 0, startDate: '2026-01-01', endDate: null, weekdays: [], fromTime: null, toTime: null, tierIds: null,
  perSaleLimit: null, perMemberDayLimit: null, stacks: { others: true, coupons: true, points: true, tier: true },
};
const products = (...ids: number[]) => ({ scope: { all: false, productIds: ids, categoryIds: [] } });

async function promotions(shop: DemoShop) {
  const cola = product(shop, '可口可乐 330ml');
  const oil = product(shop, '金龙鱼调和油 5L');
  const water = product(shop, '农夫山泉 550ml');
  await shop.call('promotions.save', { ...everyday, name: '可乐第二件半价', rule: { kind: 'nth', n: 2, pricePct: 50 }, ...products(cola.id) });
  await shop.call('promotions.save', { ...everyday, name: '买油送水', rule: { kind: 'gift', buyQty: 1, giftQty: 1, giftProductIds: [water.id], giftPriceFen: 0 }, ...products(oil.id) });
  await shop.call('promotions.save', { ...everyday, name: '满70减7', rule: { kind: 'threshold', repeat: false, steps: [{ minFen: 7_000, offFen: 700, pricePct: null }] }, scope: { all: true, productIds: [], categoryIds: [] } });
  return { cola, oil, water };
}

test('a cart with 第二件半价, 满减 and a gift: each discount its own line, the gift reminder, paid, and all three on the printed receipt', async ({ page, host }) => {
  test.setTimeout(45_000);
  const shop = await demoShop(host);
  await useFakePrinter(shop, printer);
  await shop.call('shifts.open', { openingFloatFen: 10_000 });
  const { cola, oil, water } = await promotions(shop);
  const co = new CheckoutPage(page);
  await page.goto(host.openUrl);
  await signInByKeyboard(page, '张小丽', '1111');
  await expect(co.heading).toBeFocused();

  // The oil earns a free water that is not on the cart yet: the cashier is told.
  await co.scanProduct(oil.barcode, oil.name, 1);
  await expect(page.getByRole('status', { name: '赠品提醒' })).toContainText('顾客可再领 1 件赠品（买油送水）');
  await co.scanProduct(cola.barcode, cola.name, 1);
  await co.scanProduct(cola.barcode, cola.name, 2);
  await co.scanProduct(water.barcode, water.name, 1);
  await expect(page.getByRole('status', { name: '赠品提醒' })).toHaveCount(0);
  // 69.90 + 6.00 + 2.00 = 77.90; − 1.50 (the second cola) − 2.00 (the water) = 74.40 ≥ 70 → − 7.00.
  await expect(co.totals).toContainText(/促销 可乐第二件半价\s*优惠：可口可乐 330ml ×1\s*-¥1\.50/);
  await expect(co.totals).toContainText(/促销 买油送水\s*优惠：农夫山泉 550ml ×1\s*-¥2\.00/);
  await expect(co.totals).toContainText(/促销 满70减7\s*-¥7\.00/);
  await expect(co.due).toHaveText('¥67.40');

  await page.keyboard.press('F12');
  await page.keyboard.press('Enter'); // exact cash
  await expect(co.done).toContainText('¥67.40');
  const receipt = decodeEscPos(await printer.waitForJob(0)).text;
  expect(receipt).toMatch(/促销 可乐第二件半价\s+-￥1\.50/);
  expect(receipt).toMatch(/促销 买油送水\s+-￥2\.00/);
  expect(receipt).toMatch(/促销 满70减7\s+-￥7\.00/);
  expect(receipt).toMatch(/应收\s+￥67\.40/);
});

test.describe('a timed price', () => {
  test.use({ hostClock: '2026-12-07T19:59:48' });
  test('20:00后八折 switches on at 20:00 by the shop clock, and the core charges the same', async ({ page, host }) => {
    test.setTimeout(45_000);
    const shop = await demoShop(host);
    await shop.call('shifts.open', { openingFloatFen: 10_000 });
    const bread = product(shop, '可口可乐 330ml');
    await shop.call('promotions.save', { ...everyday, name: '20:00后八折', fromTime: '20:00', rule: { kind: 'special', priceFen: null, pricePct: 80 }, ...products(bread.id) });
    const co = new CheckoutPage(page);
    await page.goto(host.openUrl);
    await signInByKeyboard(page, '张小丽', '1111');
    await co.scanProduct(bread.barcode, bread.name, 1);
    await expect(co.due).toHaveText('¥3.00');
    await expect(co.totals).not.toContainText('20:00后八折');
    // The page carries the core's clock forward: the price switches within seconds of 20:00.
    await expect(co.due).toHaveText('¥2.40', { timeout: 25_000 });
    await expect(co.totals).toContainText(/促销 20:00后八折\s*优惠：可口可乐 330ml ×1\s*-¥0\.60/);
    await page.keyboard.press('F12');
    await page.keyboard.press('Enter');
    await expect(co.done).toContainText('¥2.40');
  });
});

test('Settings › 促销 refuses a threshold without an amount and an end before the start next to the field', async ({ page, host, signIn, shell, settings }) => {
  await demoShop(host);
  await page.goto(host.openUrl);
  await signIn.signIn(DEMO.owner.name, DEMO.owner.pin);
  await expect(shell.heading('收银')).toBeVisible();
  await page.keyboard.press('F7');
  await settings.tab('促销').click();
  await page.getByRole('button', { name: '新建促销' }).click();
  const form = page.getByRole('form', { name: '新建促销' });
  await form.getByLabel('促销名称').fill('满100减');
  await form.getByLabel('类型').selectOption({ label: '满减 / 满折' });
  await form.getByLabel('全部商品').check();
  await form.getByLabel('第1档 满（元）').fill('100');
  await form.getByLabel('结束日期').fill('2020-01-01');
  await form.getByRole('button', { name: '保存促销' }).click();
  await expect(form.getByLabel('第1档 减（元）')).toHaveAccessibleDescription(/有门槛却没有优惠金额/);
  await expect(form.getByLabel('结束日期')).toHaveAccessibleDescription(/结束日期不能早于开始日期/);
  await form.getByLabel('第1档 减（元）').fill('10');
  await form.getByLabel('结束日期').fill('');
  await form.getByRole('button', { name: '保存促销' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByRole('table', { name: '促销' })).toContainText('满100.00减10.00');
});
