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

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

test('issue 3, keyboard only: shift, scans, quantity, hold and resume, split payment, receipt, refund, shift report', async ({ page, host, shell }) => {
  test.setTimeout(40_000);
  const shop = await demoShop(host);
  await useFakePrinter(shop, printer);
  const cola = product(shop, '可口可乐 330ml');
  const chips = product(shop, '乐事薯片 原味 70g');
  const milk = product(shop, '蒙牛纯牛奶 250ml');
  const co = new CheckoutPage(page);

  // Sign in as the cashier; no shift is open yet, so the till asks for the float first.
  await page.goto(host.openUrl);
  await signInByKeyboard(page, '张小丽', '1111');
  await expect(co.heading).toBeFocused();
  // Digits typed on the screen go to the float while no shift is open.
  const float = page.getByLabel('备用金');
  await expect(float).toBeVisible();
  await page.keyboard.type('200');
  await expect(float).toHaveValue('200');
  await page.keyboard.press('Enter');
  await expect(page.getByText(/当班：张小丽/)).toBeVisible();
  await expect(co.search).toBeFocused();

  // Three products as scanner bursts; the same product again increments its line.
  await co.scanProduct(cola.barcode, cola.name, 1);
  await co.scanProduct(chips.barcode, chips.name, 1);
  await co.scanProduct(milk.barcode, milk.name, 1);
  await co.scanProduct(cola.barcode, cola.name, 2);
  await expect(co.cart.getByRole('row')).toHaveCount(4); // header + 3 lines
  await expect(co.search).toHaveValue('');

  // Change a quantity: the cola line (scanned last) is current; ↓ to the chips, * to edit, type, Enter.
  await expect(co.row(cola.name)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(co.row(chips.name)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('*');
  const edit = co.dialog(`修改 ${chips.name}`);
  await expect(edit.getByLabel('数量')).toBeFocused();
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await expect(edit).toBeHidden();
  await co.expectQty(chips.name, 3);
  const total = 2 * cola.priceFen + 3 * chips.priceFen + milk.priceFen;
  await expect(co.due).toHaveText(yuan(total));

  // Hold the order (F9) with a label, serve nobody else, resume it (F10).
  await page.keyboard.press('F9');
  const hold = co.dialog('挂单');
  await expect(hold.getByLabel('备注')).toBeFocused();
  await page.keyboard.type('王阿姨');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '已挂单：王阿姨' })).toBeVisible();
  await expect(co.cart.getByRole('row')).toHaveCount(1);
  await expect(co.tool(/取单（1）/)).toBeVisible();
  await page.keyboard.press('F10');
  const held = co.dialog('取单').getByRole('listbox', { name: '挂起的订单' });
  await expect(held.getByRole('option', { name: /王阿姨/ })).toHaveAttribute('aria-selected', 'true');
  await expect(held).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(co.dialog('取单')).toBeHidden();
  await co.expectQty(chips.name, 3);
  await expect(co.due).toHaveText(yuan(total));

  // Pay (F12): ¥10 by WeChat, the rest in cash from a ¥50 note; the change shows large.
  await co.search.focus();
  await page.keyboard.press('F12');
  await expect(co.payDialog).toBeVisible();
  const tendered = co.payDialog.getByLabel('实收现金');
  await expect(tendered).toBeFocused();
  await page.keyboard.press('Tab'); // bank card
  await page.keyboard.press('Tab'); // WeChat
  await expect(co.payDialog.getByLabel('微信支付金额')).toBeFocused();
  await page.keyboard.type('10');
  await expect(co.payDialog.getByLabel('现金金额')).toHaveValue(((total - 1000) / 100).toFixed(2));
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(tendered).toBeFocused();
  await page.keyboard.type('50');
  const change = 5000 - (total - 1000);
  await expect(co.payDialog.getByText(yuan(change))).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(co.payDialog).toBeHidden();
  await expect(co.done).toBeVisible();
  await expect(co.done.getByTestId('change')).toHaveText(yuan(change));
  const receiptNo = (await co.done.locator('dd.mono').textContent())!.trim();
  expect(receiptNo).toMatch(/^\d{8}-\d{4}$/);
  await expect(co.search).toBeFocused();

  // The receipt reaches the (fake) network printer: Chinese item names, total, payments, change.
  const decoded = decodeEscPos(await printer.waitForJob(0));
  const receipt = decoded.text;
  for (const p of [cola, chips, milk]) expect(receipt).toContain(p.name);
  expect(receipt).toMatch(/乐事薯片 原味 70g\s+3 × [¥￥]7\.50/);
  expect(receipt).toContain(`单号：${receiptNo}`);
  expect(decoded.barcodes.map((b) => b.data)).toContain(receiptNo);
  expect(receipt).toMatch(new RegExp(`应收\\s+[¥￥]${(total / 100).toFixed(2)}`));
  expect(receipt).toMatch(/微信支付\s+[¥￥]10\.00/);
  expect(receipt).toMatch(/实收\s+[¥￥]50\.00/);
  expect(receipt).toMatch(new RegExp(`找零\\s+[¥￥]${(change / 100).toFixed(2)}`));
  await expect(co.done.getByText('小票已打印')).toBeVisible();

  // Cashiers cannot refund; a manager can: sign out, the manager signs in.
  await expect(co.tool('退款')).toHaveAttribute('aria-disabled', 'true');
  await shell.toolbarButton('退出登录').press('Enter');
  await signInByKeyboard(page, '李店长', '6666');
  await expect(co.heading).toBeFocused();
  await co.tool('退款').press('Enter');
  const refund = co.dialog('退款');
  await expect(refund.getByLabel('小票号')).toBeFocused();
  await co.scan(receiptNo); // the receipt's barcode
  // The sale's lines, focus on the first quantity; Tab down to the milk and refund it only.
  await expect(refund.getByLabel(`${cola.name} 退货数量`)).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(refund.getByLabel(`${milk.name} 退货数量`)).toBeFocused();
  await page.keyboard.type('1');
  await expect(refund.getByText(/^退款金额/).locator('..')).toContainText(yuan(milk.priceFen));
  // Where focus is in the very commit that shows the done view (a MutationObserver runs before
  // any frame): already on 关闭, so an Enter pressed at once closes the dialog.
  await page.evaluate(() => {
    const w = window as unknown as { __doneFocused?: boolean };
    const mo = new MutationObserver(() => {
      const close = document.getElementById('refund-done');
      if (!close) return;
      w.__doneFocused = document.activeElement === close;
      mo.disconnect();
    });
    mo.observe(document.body, { childList: true, subtree: true });
  });
  await page.keyboard.press('Enter');
  await expect(refund.getByText(`已退款 ${yuan(milk.priceFen)}`)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __doneFocused?: boolean }).__doneFocused)).toBe(true);
  const refundSlip = decodeEscPos(await printer.waitForJob(1)).text;
  expect(refundSlip).toContain('退款');
  expect(refundSlip).toContain(milk.name);
  await expect(refund.getByRole('button', { name: '关闭' })).toBeFocused();
  await page.keyboard.press('Enter'); // close

  // Close the shift: count the drawer; the report balances.
  const report = await shop.call<{ expectedCashFen: number }>('shifts.report', {});
  await co.tool('交班').press('Enter');
  const close = co.dialog('交班');
  await expect(close.getByLabel('实点现金（元）')).toBeFocused();
  // Typed at a person's pace: six fast keys and Enter would look like a scan.
  await co.typeSlowly((report.expectedCashFen / 100).toFixed(2));
  await page.keyboard.press('Enter');
  const shiftReport = co.dialog('交班报表');
  await expect(shiftReport.getByRole('row', { name: /差额 账实相符/ })).toBeVisible();
  await expect(shiftReport.getByRole('row', { name: /应有现金/ })).toContainText(yuan(report.expectedCashFen));
  await expect(shiftReport.getByRole('row', { name: /^微信支付/ })).toContainText('¥10.00');
  const printed = decodeEscPos(await printer.waitForJob(2)).text;
  expect(printed).toContain('交班报表');
  await page.keyboard.press('Enter');
  await expect(shiftReport).toBeHidden();
  await expect(page.getByText('未开班')).toBeVisible();
});

test('a mark-down beyond the cashier limit needs a manager PIN; a changed price is caught at payment; a failed print is retried', async ({ page, host, shell }) => {
  const shop = await demoShop(host);
  await printer.setMode('refuse'); // the printer is off
  await useFakePrinter(shop, printer);
  await shop.call('shifts.open', { openingFloatFen: 0 });
  const oil = product(shop, '金龙鱼调和油 5L');
  const co = new CheckoutPage(page);
  await page.goto(host.openUrl);
  await signInByKeyboard(page, '张小丽', '1111');
  await expect(co.heading).toBeFocused();

  await co.scanProduct(oil.barcode, oil.name, 1);
  await co.search.focus();
  await page.keyboard.press('*');
  const edit = co.dialog(`修改 ${oil.name}`);
  await expect(edit.getByLabel('数量')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(edit.getByRole('radio', { name: '原价' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(edit.getByRole('radio', { name: '打折' })).toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.type('80'); // 8折: 20% off, beyond the cashier's 10%
  await expect(edit.getByText('需要店长授权')).toBeVisible();
  await page.keyboard.press('Enter');
  const approval = co.dialog('店长授权');
  await expect(approval).toBeVisible();
  await approval.getByRole('radio', { name: /^李店长/ }).press('Enter');
  await page.keyboard.type('6666');
  await page.keyboard.press('Enter');
  await expect(approval).toBeHidden();
  await expect(edit).toBeHidden();
  await expect(co.row(oil.name)).toContainText('8折');
  await expect(co.due).toHaveText('¥55.92');

  // Meanwhile the price changes: the core refuses the old total; the till re-prices and says so.
  const current = await shop.call<{ sku: string; categoryName: string | null }>('products.get', { id: oil.id });
  await shop.call('products.save', { id: oil.id, sku: current.sku, name: oil.name, categoryName: current.categoryName, priceFen: 7990, pointsPct: 100, barcodes: [oil.barcode], active: true });
  await co.search.focus();
  await page.keyboard.press('F12');
  await expect(co.payDialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(shell.alert('价格已变动：应收由 ¥55.92 变为 ¥63.92')).toBeVisible();
  await expect(co.payDialog).toBeHidden();
  await expect(co.due).toHaveText('¥63.92');

  // Paid; the printer is off, so the receipt fails clearly and is retried once it is back.
  await page.keyboard.press('F12');
  await page.keyboard.press('Enter');
  await expect(co.done).toBeVisible();
  await expect(co.done.getByText(/小票打印失败/)).toBeVisible();
  await printer.setMode('accept');
  await co.done.getByRole('button', { name: '重试打印' }).click();
  await expect(co.done.getByText('小票已打印')).toBeVisible();
  const receipt = decodeEscPos(await printer.waitForJob(0)).text;
  expect(receipt).toContain(oil.name);
  expect(receipt).toMatch(/折扣\s+-[¥￥]15\.98/);
});
