import { test, expect } from './fixtures.js';
import { startFakePrinter, type FakePrinter } from '../helpers/fake-printer.js';
import { decodeEscPos } from '../helpers/escpos-decode.js';
import { CheckoutPage, signInByKeyboard } from './pages/checkout-page.js';
import { demoShop, product, useFakePrinter } from './pages/checkout-shop.js';

let printer: FakePrinter;
test.beforeEach(async () => {
  printer = await startFakePrinter();
});
test.afterEach(async () => {
  await printer.close();
});

test('issue 4 at the counter: enrol, find by last four and by card, tier discount, an upgrade on the receipt, points', async ({ page, host }) => {
  test.setTimeout(40_000);
  const shop = await demoShop(host);
  await useFakePrinter(shop, printer);
  await shop.call('shifts.open', { openingFloatFen: 10_000 });
  const oil = product(shop, '金龙鱼调和油 5L');
  const cola = product(shop, '可口可乐 330ml');
  const last4 = String(1000 + Math.floor(Math.random() * 9000));
  const phone = `1391234${last4}`;
  const masked = `139****${last4}`;
  const co = new CheckoutPage(page);

  await page.goto(host.openUrl);
  await signInByKeyboard(page, '张小丽', '1111');
  await expect(co.heading).toBeFocused();

  // F8: the member box. A new phone is not found; quick enrolment takes it from there.
  await page.keyboard.press('F8');
  await expect(co.memberInput).toBeFocused();
  await co.typeSlowly(phone);
  await page.keyboard.press('Enter');
  await expect(page.getByText(`没有找到会员“${phone}”`)).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '快速开卡' })).toBeFocused();
  await page.keyboard.press('Enter');
  const enrol = co.dialog('快速开卡');
  await expect(enrol.getByLabel('手机号')).toHaveValue(phone);
  await page.keyboard.press('Tab');
  await page.keyboard.type('林小雨');
  await page.keyboard.press('Tab');
  await page.keyboard.type('06-15');
  await page.keyboard.press('Enter');
  await expect(enrol).toBeHidden();
  const card = page.getByRole('group', { name: '当前会员：林小雨' });
  await expect(card).toContainText('普通会员');
  await expect(card).toContainText(masked);
  const cardNo = /卡号 (29\d{11})/.exec((await card.textContent()) ?? '')![1]!;

  // Found again by the last four digits: a short list with masked phones to pick from.
  await card.getByRole('button', { name: '移除会员' }).press('Enter');
  await expect(card).toBeHidden();
  await page.keyboard.press('F8');
  await expect(co.memberInput).toBeFocused();
  await page.keyboard.type(last4);
  await expect(co.memberInput).toHaveValue(last4);
  await page.keyboard.press('Enter');
  await expect(co.memberResults).toBeVisible();
  const ours = co.memberResults.getByRole('option', { name: new RegExp(`林小雨.*${masked.replace(/\*/g, '\\*')}`) });
  await expect(ours).toBeVisible();
  for (let i = 0; i < 10 && (await ours.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(card).toBeVisible();
  await expect(co.search).toBeFocused();

  // …and by scanning the card.
  await card.getByRole('button', { name: '移除会员' }).press('Enter');
  await expect(card).toBeHidden();
  await co.scan(cardNo);
  await expect(card).toContainText('普通会员');

  // A large sale (15 × oil) crosses the silver threshold: upgraded at once, shown and printed.
  await co.search.focus();
  await co.scanProduct(oil.barcode, oil.name, 1);
  await page.keyboard.press('*');
  await expect(co.dialog(`修改 ${oil.name}`).getByLabel('数量')).toBeFocused();
  await page.keyboard.type('15');
  await page.keyboard.press('Enter');
  await co.expectQty(oil.name, 15);
  await expect(co.due).toHaveText('¥1,048.50');
  await expect(co.totals).not.toContainText('会员折扣'); // 普通会员 pays list price
  await page.keyboard.press('F12');
  await page.keyboard.press('Enter'); // exact cash
  await expect(co.done).toContainText('林小雨 升级为 银卡会员');
  await expect(co.done).toContainText('+1048');
  const receipt = decodeEscPos(await printer.waitForJob(0)).text;
  expect(receipt).toContain('升级为 银卡会员');
  expect(receipt).toContain(masked);
  expect(receipt).toMatch(/获得积分\s+\+1048/);

  // The next sale: the card scanned again, the silver tier's 98折 applies at once.
  await co.scan(cardNo);
  await expect(card).toContainText('银卡会员');
  await expect(card).toContainText('会员价 98折');
  await co.scanProduct(cola.barcode, cola.name, 1);
  await expect(co.totals).toContainText(/会员折扣 银卡会员\s*-¥0\.06/);
  await expect(co.due).toHaveText('¥2.94');

  // 积分抵扣: the most this order allows (50% of ¥2.94), then pay the rest.
  const redeem = card.getByRole('button', { name: '积分抵扣（最多 147）' });
  await redeem.press('Enter');
  const points = co.dialog('积分抵扣');
  await expect(points.getByLabel('使用积分')).toHaveValue('147');
  await page.keyboard.press('Enter');
  await expect(co.totals).toContainText(/积分抵扣（147 积分）\s*-¥1\.47/);
  await expect(co.due).toHaveText('¥1.47');
  await co.search.focus();
  await page.keyboard.press('F12');
  await page.keyboard.press('Enter');
  await expect(co.done).toContainText('¥1.47');
  const summary = await shop.call<{ balance: number }>('points.summary', { memberId: Number(cardNo.slice(2, 12)) });
  expect(summary.balance).toBe(1048 - 147 + 1);
});
