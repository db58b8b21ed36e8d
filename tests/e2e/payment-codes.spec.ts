import { test, expect } from './fixtures.js';
import { CheckoutPage, signInByKeyboard } from './pages/checkout-page.js';
import { demoShop, product } from './pages/checkout-shop.js';
import { DEMO, openShift } from './pages/members-api.js';

/**
 * Issue 16: customers' payment codes (付款码). At the payment step a WeChat Pay / Alipay code
 * is the payment (待核对); outside it the cashier is told what it is; a code scanned twice is
 * refused; at 交班 the platform's statement is imported and matched.
 */
const WECHAT = '134567890123456789';
const ALIPAY = '281234567890123456';

test('a payment code pays at the payment step, is refused outside it and when scanned twice, and is checked at 交班 against the statement', async ({ page, host }) => {
  test.setTimeout(60_000);
  const shop = await demoShop(host);
  const cola = product(shop, '可口可乐 330ml');
  await openShift(host, shop.token);
  const co = new CheckoutPage(page);
  await page.goto(host.openUrl);
  await signInByKeyboard(page, DEMO.cashier.name, DEMO.cashier.pin);
  await expect(co.heading).toBeVisible();
  await co.search.focus();

  // Outside the payment step: not looked up as a product; the cashier is told.
  await co.scan(WECHAT);
  await expect(page.getByRole('alert').filter({ hasText: '这是顾客的付款码' })).toBeVisible();
  await expect(co.cart.getByRole('row', { name: /可口可乐/ })).toHaveCount(0);

  // At the payment step: the scan is the payment.
  await co.scanProduct(cola.barcode, cola.name, 1);
  await co.search.focus();
  await page.keyboard.press('F12');
  await expect(co.payDialog).toBeVisible();
  await co.scan(WECHAT);
  await expect(co.done).toBeVisible();
  const codes = await shop.call<Array<{ method: string; amountFen: number; codeTail: string; status: string; scannedAt: string }>>('paymentCodes.list', {});
  expect(codes).toEqual([expect.objectContaining({ method: 'wechat', amountFen: cola.priceFen, codeTail: '6789', status: 'unchecked' })]);

  // The same code again, for the next sale: refused, nothing written.
  await co.scanProduct(cola.barcode, cola.name, 1);
  await co.search.focus();
  await page.keyboard.press('F12');
  await expect(co.payDialog).toBeVisible();
  await co.scan(WECHAT);
  await expect(page.getByRole('alert').filter({ hasText: '尾号 6789 的付款码已经扫过了' })).toBeVisible();
  await expect(co.payDialog).toBeVisible();
  // A product's barcode at the payment step is not a payment either.
  await co.scan(cola.barcode);
  await expect(page.getByRole('alert').filter({ hasText: '结账时请扫顾客的付款码' })).toBeVisible();
  // Alipay pays it.
  await co.scan(ALIPAY);
  await expect(co.done).toBeVisible();
  expect((await shop.call<unknown[]>('paymentCodes.list', {})).length).toBe(2);

  // 交班: before the cashier confirms, the dialog lists the code-paid sales (method, amount,
  // time, last four digits, 待核对) and the platform's statement is imported from there, by keyboard.
  const report = await shop.call<{ expectedCashFen: number }>('shifts.report', {});
  await co.tool('交班').press('Enter');
  const closing = co.dialog(/^交班$/);
  const check = closing.getByRole('table', { name: '付款码收款核对' });
  const time = (iso: string) => iso.slice(11, 16);
  const wechatRow = check.getByRole('row', { name: /微信支付/ });
  await expect(wechatRow).toContainText(`¥${(cola.priceFen / 100).toFixed(2)}`);
  await expect(wechatRow).toContainText('6789');
  await expect(wechatRow).toContainText(time(codes[0]!.scannedAt));
  await expect(wechatRow).toContainText('待核对');
  await expect(check.getByRole('row', { name: /支付宝/ })).toContainText('3456');
  await expect(check.getByRole('row', { name: /支付宝/ })).toContainText('待核对');
  await expect(closing.getByText('本班扫码收款 2 笔，待核对 2 笔')).toBeVisible();
  await expect(page.getByLabel('实点现金（元）')).toBeFocused();
  await co.typeSlowly((report.expectedCashFen / 100).toFixed(2));

  const at = codes[0]!.scannedAt.replace('T', ' ');
  const statement = [
    '交易时间,公众账号ID,商户号,微信订单号,商户订单号,交易类型,交易状态,订单金额',
    `\`${at},\`wx1,\`1900000001,\`4200000001,\`m1,\`MICROPAY,\`SUCCESS,\`${(cola.priceFen / 100).toFixed(2)}`,
    `\`${at},\`wx1,\`1900000001,\`4200000002,\`m2,\`MICROPAY,\`SUCCESS,\`88.00`,
  ].join('\r\n');
  // Tab from the counted cash reaches the import button; Enter opens the file chooser.
  await page.keyboard.press('Tab');
  const importButton = closing.getByRole('button', { name: '导入对账单 CSV' });
  await expect(importButton).toBeFocused();
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles({ name: 'wechat.csv', mimeType: 'text/csv', buffer: Buffer.from(statement, 'utf8') });
  await expect(closing.getByText('已核对 1 笔；没对上：收银台 1 笔，对账单 1 笔')).toBeVisible();
  await expect(wechatRow).toContainText('已核对');
  await expect(closing.getByRole('listitem').filter({ hasText: '4200000002' })).toContainText('¥88.00');
  await expect(closing.getByRole('listitem').filter({ hasText: /支付宝/ })).toBeVisible();
  await expect(importButton).toBeFocused();
  // Nothing is closed yet; then the cashier confirms, and the report keeps the checked state.
  expect((await shop.call<{ closedAt: string | null }>('shifts.report', {})).closedAt).toBeNull();
  await closing.getByRole('button', { name: '交班', exact: true }).press('Enter');
  const shiftReport = co.dialog('交班报表');
  const reportCheck = shiftReport.getByRole('table', { name: '付款码收款核对' });
  await expect(reportCheck.getByRole('row', { name: /微信支付/ })).toContainText('已核对');
  await expect(reportCheck.getByRole('row', { name: /支付宝/ })).toContainText('待核对');
});

test('a shift with no code payments shows no payment-code check before 交班', async ({ page, host }) => {
  const shop = await demoShop(host);
  await openShift(host, shop.token);
  const co = new CheckoutPage(page);
  await page.goto(host.openUrl);
  await signInByKeyboard(page, DEMO.cashier.name, DEMO.cashier.pin);
  await expect(co.heading).toBeVisible();
  // 交班 stays disabled until the page has read the open shift (a moment after sign-in).
  await expect(co.tool('交班')).toBeEnabled();
  await co.tool('交班').press('Enter');
  const closing = co.dialog(/^交班$/);
  await expect(page.getByLabel('实点现金（元）')).toBeFocused();
  await expect(closing.getByRole('button', { name: '交班', exact: true })).toBeVisible();
  await expect(closing.getByRole('heading', { name: '付款码收款核对' })).toHaveCount(0);
});
