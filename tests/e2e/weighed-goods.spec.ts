import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures.js';
import { closeEnd, hasSocat, openEnd, startPtyPair, writeTo } from '../helpers/pty-pair.js';
import { ean13, gs1CheckDigit } from '../../shared/barcode.js';
import { CheckoutPage, signInByKeyboard } from './pages/checkout-page.js';
import { demoShop, type DemoShop } from './pages/checkout-shop.js';
import { DEMO, openShift } from './pages/members-api.js';

/**
 * Issue 16 at the counter: label-scale barcodes (条码秤) scanned as weighed lines, and the
 * layouts' live preview in Settings → 称重. Labels are real EAN-13 / 18-digit codes with
 * their check digits, scanned as keyboard-wedge bursts.
 */
const APPLE_BARCODE = ean13('693456789012');

async function weighedApples(shop: DemoShop) {
  const apple = await shop.call<{ id: number }>('products.save', { sku: 'E2E-APPLE', name: '红富士苹果', categoryName: '水果', priceFen: 1280 });
  await shop.call('scale.setWeighed', { productId: apple.id, plu: 12, per: 'kg', templateId: 3 });
  return apple;
}

test('scale labels at checkout: each label its own weighed line, priced exactly; bad labels refused with a clear message', async ({ page, host }) => {
  test.setTimeout(40_000);
  const shop = await demoShop(host);
  await weighedApples(shop);
  await openShift(host, shop.token);
  const co = new CheckoutPage(page);
  await page.goto(host.openUrl);
  await signInByKeyboard(page, DEMO.cashier.name, DEMO.cashier.pin);
  await expect(co.heading).toBeVisible();
  await co.search.focus();

  // Two weight labels of the same PLU: two lines, never quantity 2. 1.250 kg × ¥12.80 = ¥16.00; 0.333 kg = ¥4.26.
  await co.scan(ean13('220001201250'));
  await expect(co.cart.getByRole('row').filter({ hasText: '1.250 kg' })).toContainText('¥16.00');
  await co.scan(ean13('220001200333'));
  await expect(co.cart.getByRole('row').filter({ hasText: '0.333 kg' })).toContainText('¥4.26');
  await expect(co.cart.getByRole('row', { name: /红富士苹果/ })).toHaveCount(2);
  // The 18-digit price + weight label pays its printed price (¥16.01) and shows its weight.
  const body = '24000120160101250';
  await co.scan(body + String(gs1CheckDigit(body)));
  await expect(co.cart.getByRole('row').filter({ hasText: '秤签价' })).toContainText('¥16.01');
  await expect(co.due).toHaveText('¥36.27');

  // Bad labels: an unknown prefix, a zero weight, a weight above the range, a broken check digit — each said, none added.
  await co.scan(ean13('250001201250'));
  await expect(page.getByRole('alert').filter({ hasText: '前缀没有对应的条码模板' })).toBeVisible();
  await co.scan(ean13('220001200000'));
  await expect(page.getByRole('alert').filter({ hasText: '重量为 0' })).toBeVisible();
  await co.scan(ean13('220001231000'));
  await expect(page.getByRole('alert').filter({ hasText: '超出秤的量程（最大 30 kg）' })).toBeVisible();
  const good = ean13('220001201000');
  await co.scan(good.slice(0, -1) + String((Number(good.at(-1)) + 1) % 10));
  await expect(page.getByRole('alert').filter({ hasText: '校验位不对' })).toBeVisible();
  await expect(co.cart.getByRole('row', { name: /红富士苹果/ })).toHaveCount(3);
  await expect(co.due).toHaveText('¥36.27');

  // Paid in cash: the sale keeps each line's weight.
  await co.search.focus();
  await page.keyboard.press('F12');
  await expect(co.payDialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(co.done).toBeVisible();
  const list = await shop.call<{ items: Array<{ id: number }> }>('sales.list', { limit: 1 });
  const sale = await shop.call<{ totalFen: number; lines: Array<{ qty: number; totalFen: number; weighed: { grams: number; source: string } | null }> }>('sales.get', { id: list.items[0]!.id });
  expect(sale.totalFen).toBe(3627);
  expect(sale.lines.map((l) => [l.qty, l.totalFen, l.weighed?.grams, l.weighed?.source])).toEqual([
    [1, 1600, 1250, 'weight_label'], [1, 426, 333, 'weight_label'], [1, 1601, 1250, 'price_label'],
  ]);
});

test('Settings › 称重: a layout\'s live preview reads a sample code part by part, and a shop adds its own layout', async ({ page, host, signIn, shell, settings }) => {
  await demoShop(host);
  await page.goto(host.openUrl);
  await signIn.signIn(DEMO.manager.name, DEMO.manager.pin);
  await expect(shell.heading('收银')).toBeVisible();
  await page.keyboard.press('F7');
  await settings.tab('称重').click();
  const layouts = page.getByRole('table', { name: '条码秤模板' });
  await expect(layouts.getByRole('row')).toHaveCount(6);
  await layouts.getByRole('button', { name: /编辑模板 EAN-13 重量码/ }).click();
  const form = page.getByRole('dialog', { name: '编辑模板' });
  const sample = form.getByLabel('样例条码');
  // The generated sample reads as PLU 12, 1.250 kg.
  await expect(form.getByRole('status')).toHaveText('读出：PLU 00012，重量 1.250 kg');
  await sample.fill(ean13('220004502500'));
  await expect(form.getByRole('status')).toHaveText('读出：PLU 00045，重量 2.500 kg');
  const parts = form.getByRole('table', { name: '条码各段' });
  await expect(parts).toContainText('22前缀');
  await expect(parts).toContainText('00045PLU');
  await expect(parts).toContainText('02500重量');
  // A misread check digit is shown on its digit, with the one expected.
  const code = ean13('220004502500');
  await sample.fill(code.slice(0, -1) + String((Number(code.at(-1)) + 1) % 10));
  await expect(form.getByRole('status')).toContainText('校验位不对');
  await expect(parts).toContainText(`应为 ${code.at(-1)}`);
  // The coupon range is not a scale's.
  await form.getByLabel('前缀').fill('28');
  await expect(form.getByRole('alert')).toContainText('28 是优惠券');
  await expect(form.getByRole('button', { name: '保存' })).toBeDisabled();
  await form.getByRole('button', { name: '取消' }).click();

  // The shop's own layout: 27 + 4-digit PLU + 6-digit weight.
  await page.getByRole('button', { name: '添加模板' }).click();
  const add = page.getByRole('dialog', { name: '添加模板' });
  await add.getByLabel('模板名称').fill('本店秤 27+PLU4+重量6');
  await add.getByLabel('前缀').fill('27');
  await add.getByLabel('PLU 位数').fill('4');
  await add.getByLabel('重量位数').fill('6');
  await add.getByRole('button', { name: '生成样例' }).click();
  await expect(add.getByRole('status')).toHaveText('读出：PLU 0012，重量 1.250 kg');
  await add.getByRole('button', { name: '保存' }).click();
  await expect(add).toBeHidden();
  await expect(layouts.getByRole('row', { name: /本店秤/ })).toContainText('已启用');
});

test('manual weighing: the serial scale\'s live weight through a pty pair, unstable then stable, with the till\'s tare', async ({ page, host }) => {
  test.skip(!hasSocat, 'socat is not on PATH (apt-get install socat)');
  test.setTimeout(40_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-e2e-scale-'));
  const pair = await startPtyPair(dir);
  const far = await openEnd(pair.b);
  // The far end plays a continuous scale: its current line, five times a second.
  let line = 'ST,GS,+0000.000kg';
  const ticker = setInterval(() => void writeTo(far, `${line}\r\n`), 200);
  try {
    const shop = await demoShop(host);
    const apple = await weighedApples(shop);
    await shop.call('products.save', { id: apple.id, sku: 'E2E-APPLE', name: '红富士苹果', categoryName: '水果', priceFen: 1280, barcodes: [APPLE_BARCODE] });
    await shop.call('scale.setConfig', { path: pair.a, baudRate: 9600, protocol: 'continuous', maxGrams: 15_000 });
    await openShift(host, shop.token);
    const co = new CheckoutPage(page);
    await page.goto(host.openUrl);
    await signInByKeyboard(page, DEMO.cashier.name, DEMO.cashier.pin);
    await expect(co.heading).toBeVisible();
    await co.search.focus();

    // The product's own barcode opens the weighing: a bowl first, tared.
    line = 'ST,GS,+0000.020kg';
    await co.scan(APPLE_BARCODE);
    const weigh = co.dialog('称重：红富士苹果');
    const live = weigh.getByRole('status', { name: '秤上重量' });
    await expect(live).toContainText('0.020 kg');
    await expect(live).toContainText('稳定');
    await weigh.getByRole('button', { name: '去皮' }).click();
    await expect(live).toContainText('0.000 kg');
    // The apples go in: moving, then settled.
    line = 'US,GS,+0000.480kg';
    await expect(live).toContainText('不稳定');
    // 加入 is marked disabled while the weight moves; Enter on it says why.
    await expect(weigh.getByRole('button', { name: '加入' })).toHaveAttribute('aria-disabled', 'true');
    await weigh.getByRole('button', { name: '加入' }).focus();
    await page.keyboard.press('Enter');
    await expect(weigh.getByRole('alert')).toContainText('重量还不稳定');
    line = 'ST,GS,+0000.520kg';
    await expect(live).toContainText('0.500 kg');
    await expect(live).toContainText('稳定');
    await expect(weigh).toContainText('金额 ¥6.40'); // 500 g × ¥12.80/kg
    await weigh.getByRole('button', { name: '加入' }).focus();
    await page.keyboard.press('Enter');
    await expect(weigh).toBeHidden();
    await expect(co.cart.getByRole('row').filter({ hasText: '0.500 kg' })).toContainText('¥6.40');
    await expect(co.due).toHaveText('¥6.40');
  } finally {
    clearInterval(ticker);
    await closeEnd(far);
    await pair.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a weighed line refunded by weight through 退款: grams typed, capped at what is left, cumulative rule adds up to the line exactly', async ({ page, host }) => {
  test.setTimeout(60_000);
  const shop = await demoShop(host);
  await weighedApples(shop);
  await openShift(host, shop.token);
  const co = new CheckoutPage(page);
  await page.goto(host.openUrl);
  await signInByKeyboard(page, DEMO.manager.name, DEMO.manager.pin);
  await expect(co.heading).toBeVisible();
  await co.search.focus();
  // 1.250 kg × ¥12.80 = ¥16.00, paid in cash.
  await co.scan(ean13('220001201250'));
  await expect(co.cart.getByRole('row').filter({ hasText: '1.250 kg' })).toContainText('¥16.00');
  await co.search.focus();
  await page.keyboard.press('F12');
  await expect(co.payDialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(co.done).toBeVisible();
  const list = await shop.call<{ items: Array<{ id: number; receiptNo: string }> }>('sales.list', { limit: 1 });
  const { id: saleId, receiptNo } = list.items[0]!;

  const gramsOf = '红富士苹果 退货重量（克）';
  /** One refund through the dialog, by keyboard: the receipt scanned, grams typed, Enter. */
  async function refundGrams(grams: string, left: string, amount: string) {
    await co.tool('退款').press('Enter');
    const refund = co.dialog('退款');
    await expect(refund.getByLabel('小票号')).toBeFocused();
    await co.scan(receiptNo);
    const input = refund.getByLabel(gramsOf);
    await expect(input).toBeFocused();
    await expect(refund.getByRole('row', { name: /红富士苹果/ })).toContainText(`${left} 克`);
    await co.typeSlowly(grams); // at a person's pace: fast digits and Enter would read as a scan
    await expect(refund.getByText(/^退款金额/).locator('..')).toContainText(amount);
    await page.keyboard.press('Enter');
    await expect(refund.getByText(`已退款 ${amount}`)).toBeVisible();
    await expect(refund.getByRole('button', { name: '关闭' })).toBeFocused();
    await page.keyboard.press('Enter'); // close
    await expect(refund).toBeHidden();
  }

  // 333 g of 1250: ¥16.00 × 333 / 1250 = 426.24 fen → ¥4.26.
  await refundGrams('333', '1250', '¥4.26');
  // 1 g more: the refunded value grows to ¥16.00 × 334 / 1250 = 427.52 → 428 fen, so this pays
  // 2 fen (not the 1 fen of 1 g on its own): the cumulative rule.
  await refundGrams('1', '917', '¥0.02');
  // More than is left is capped at the 916 g left, which pays exactly the rest: ¥16.00 − ¥4.28.
  await refundGrams('9999', '916', '¥11.72');
  const sale = await shop.call<{ refundedFen: number; lines: Array<{ weighed: { refundableGrams: number } | null }> }>('sales.get', { id: saleId });
  expect(sale.refundedFen).toBe(1600);
  expect(sale.lines[0]!.weighed!.refundableGrams).toBe(0);

  // Nothing left: the line's weight field is disabled.
  await co.tool('退款').press('Enter');
  const refund = co.dialog('退款');
  await co.scan(receiptNo);
  await expect(refund.getByLabel(gramsOf)).toBeDisabled();
  await expect(refund.getByRole('row', { name: /红富士苹果/ })).toContainText('0 克');
});
