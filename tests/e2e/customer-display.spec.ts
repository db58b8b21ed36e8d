import { randomUUID } from 'node:crypto';
import { test, expect } from './fixtures.js';
import { CheckoutPage, signInByKeyboard } from './pages/checkout-page.js';
import { demoShop, product } from './pages/checkout-shop.js';
import { topUpOfferFor } from '../../shared/display/topup-offer.js';

/**
 * Issue 16, the customer display: the browser host's /display page, opened with the till's
 * link in another page of the same browser (as on a second monitor), follows a sale at the
 * till — the lines, the member's balances after the sale, the change — shows nothing private,
 * and carries on when the till's page reloads.
 */
test('the /display page follows a sale at the till, shows nothing private, and survives a reload of the till', async ({ page, host }) => {
  test.setTimeout(60_000);
  const shop = await demoShop(host);
  await shop.call('shifts.open', { openingFloatFen: 10_000 });
  const last4 = String(1000 + Math.floor(Math.random() * 9000));
  const phone = `1371234${last4}`;
  const member = await shop.call<{ id: number; cardNo: string }>('members.enrol', { phone, name: '欧阳娜娜' });
  await shop.call('storedValue.topUp', { memberId: member.id, amountFen: 20_000, method: 'cash', tenderedFen: 20_000, clientRef: randomUUID(), print: false });
  const card = await shop.call<{ points: number; storedValueFen: number }>('members.card', { id: member.id });
  // The owner shows the top-up offer at payment, from these top-up lines (充100送10, 充300送60).
  const rules = await shop.call<Record<string, unknown>>('storedValue.rules', {});
  await shop.call('storedValue.setRules', { ...rules, bonuses: [{ minFen: 10_000, bonusFen: 1_000 }, { minFen: 30_000, bonusFen: 6_000 }] });
  await shop.call('counter.setSettings', { display: { topUpOffer: true } });
  const cola = product(shop, '可口可乐 330ml');
  const oil = product(shop, '金龙鱼调和油 5L');

  // The second monitor: the same link's secret, at /display. Idle: the shop's pictures.
  const display = await page.context().newPage();
  const problems: string[] = [];
  display.on('pageerror', (err) => problems.push(err.message));
  display.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await display.goto(`${host.url}display#k=${host.secret}`);
  const screen = display.getByRole('main', { name: '顾客显示屏' });
  await expect(screen).toHaveAttribute('data-stage', 'idle');
  await expect(screen.locator('img.cd-picture')).toBeVisible();

  const co = new CheckoutPage(page);
  await page.goto(host.openUrl);
  await signInByKeyboard(page, '张小丽', '1111');
  await expect(co.heading).toBeFocused();

  // The member (by phone), then two items: the display shows the masked name, tier and lines as scanned.
  await page.keyboard.press('F8');
  await expect(co.memberInput).toBeFocused();
  await co.typeSlowly(phone);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: '当前会员：欧阳娜娜' })).toBeVisible();
  await co.search.focus();
  await co.scanProduct(cola.barcode, cola.name, 1);
  await expect(page.locator('html')).toHaveAttribute('data-last-sound', 'scan:1'); // the scan beep
  await co.scanProduct(cola.barcode, cola.name, 2);
  await co.scanProduct(oil.barcode, oil.name, 1);
  await expect(screen).toHaveAttribute('data-stage', 'cart');
  const lines = screen.getByRole('region', { name: '商品' }).getByRole('listitem');
  await expect(lines).toHaveCount(2);
  await expect(lines.nth(0)).toContainText(cola.name);
  await expect(lines.nth(0)).toContainText(`2 × ¥${(cola.priceFen / 100).toFixed(2)}`);
  await expect(lines.nth(1)).toContainText(oil.name);
  const memberBox = screen.getByRole('region', { name: '会员' });
  await expect(memberBox).toContainText('欧**娜');
  await expect(memberBox).toContainText('普通会员');
  await expect(screen.getByTestId('cd-total')).toHaveText(await co.due.textContent() ?? '');

  // A code that is not in the catalogue: its own tone, and the display does not change.
  await co.scan('6999999999990');
  await expect(page.locator('html')).toHaveAttribute('data-last-sound', 'notFound:2');

  // The till's page reloads (the cart survives in the tab): the display keeps the sale, and follows on.
  const seqBefore = Number(await screen.getAttribute('data-seq'));
  await page.reload();
  await expect(co.row(oil.name)).toBeVisible();
  await expect(lines).toHaveCount(2);
  await co.search.focus();
  await co.scanProduct(oil.barcode, oil.name, 2);
  await expect(screen.getByRole('region', { name: '商品' }).getByRole('listitem').nth(1)).toContainText('2 ×');
  expect(Number(await screen.getAttribute('data-seq'))).toBeGreaterThan(seqBefore);
  const due = (await co.due.textContent())!.trim();
  await expect(screen.getByTestId('cd-total')).toHaveText(due);
  // SCREENSHOTS=1 refreshes the README's picture of the customer's screen.
  if (process.env.SCREENSHOTS) await display.screenshot({ path: 'docs/screenshots/customer-display.png' });
  const dueFen = Math.round(Number(due.replace(/[¥,]/g, '')) * 100);

  // Paying: 请付款 with the amount; then cash from a ¥500 note (a refused short tender beeps first).
  await page.keyboard.press('F12');
  await expect(co.payDialog).toBeVisible();
  await expect(screen).toHaveAttribute('data-stage', 'paying');
  await expect(screen).toContainText('请付款');
  // The smallest line that covers the sale is 充300送60: it saves due × 60 ÷ 360, rounded down.
  const offer = topUpOfferFor(dueFen, [{ minFen: 10_000, bonusFen: 1_000 }, { minFen: 30_000, bonusFen: 6_000 }]);
  expect(offer).toMatchObject({ topUpFen: 30_000, bonusFen: 6_000, saveFen: Math.floor((dueFen * 6_000) / 36_000) });
  await expect(screen.getByRole('note')).toHaveText(`本单用储值立省 ¥${(offer!.saveFen / 100).toFixed(2)}（充¥300.00送¥60.00）`);
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-last-sound', 'refused:2');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('500');
  await page.keyboard.press('Enter');
  await expect(co.done).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-last-sound', 'completed:3');

  // Paid: thanks, what was received, the change, and the balances as the core booked them.
  await expect(screen).toHaveAttribute('data-stage', 'paid');
  await expect(screen).toContainText('谢谢惠顾');
  await expect(screen.getByTestId('cd-received')).toHaveText('¥500.00');
  if (process.env.SCREENSHOTS) await display.screenshot({ path: 'docs/screenshots/customer-display-paid.png' });
  await expect(screen.getByTestId('cd-change')).toHaveText(`¥${((50_000 - dueFen) / 100).toFixed(2)}`);
  const after = await shop.call<{ points: number; storedValueFen: number }>('members.card', { id: member.id });
  expect(after.points).toBeGreaterThan(card.points);
  await expect(screen.getByTestId('cd-points')).toHaveText(String(after.points));
  await expect(screen.getByTestId('cd-points-earn')).toHaveText(`+${after.points - card.points}`);
  await expect(screen.getByTestId('cd-stored')).toHaveText(`¥${(after.storedValueFen / 100).toFixed(2)}`);

  // Nothing private: not the cashier, not the full name, phone or card number.
  for (const secret of ['张小丽', '欧阳娜娜', phone, `137****${last4}`, member.cardNo, '收银员']) {
    await expect(screen).not.toContainText(secret);
  }

  // The display's own reload: it reads the current state from the core and shows the same.
  await display.reload();
  await expect(screen).toHaveAttribute('data-stage', 'paid');
  await expect(screen.getByTestId('cd-change')).toHaveText(`¥${((50_000 - dueFen) / 100).toFixed(2)}`);
  expect(problems, 'the display page reported errors (CSP, scripts)').toEqual([]);
});
