import { test, expect } from './fixtures.js';
import { CheckoutPage, signInByKeyboard } from './pages/checkout-page.js';
import { E2E_WEDGE, demoShop, product } from './pages/checkout-shop.js';

test('keyboard-wedge scanner: slow typing stays typing, a fast burst is a scan that never reaches the field', async ({ page, host, shell }) => {
  const shop = await demoShop(host);
  await shop.call('shifts.open', { openingFloatFen: 0 });
  const cola = product(shop, '可口可乐 330ml');
  const co = new CheckoutPage(page);
  await page.goto(host.openUrl);
  await signInByKeyboard(page, '张小丽', '1111');
  await expect(co.heading).toBeFocused();

  // Typing at a person's pace is ordinary typing: pinyin initials search as you type.
  await co.search.focus();
  await co.typeSlowly('kl');
  await expect(co.search).toHaveValue('kl');
  const results = page.getByRole('listbox', { name: '商品搜索结果' });
  await expect(results.getByRole('option', { name: new RegExp(cola.name) })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(co.search).toHaveValue('');

  // A burst (a few ms a key) ending in Enter is a scan: the product is added, the field stays empty.
  await co.scan(cola.barcode);
  await co.expectQty(cola.name, 1);
  await expect(co.search).toHaveValue('');
  await expect(results).toBeHidden();

  // Wherever focus is: a scan in the member box adds the product and leaves the box empty.
  await page.keyboard.press('F8');
  await expect(co.memberInput).toBeFocused();
  await co.scan(cola.barcode);
  await co.expectQty(cola.name, 2);
  await expect(co.memberInput).toHaveValue('');

  // The same code typed slowly is typing; Enter then looks it up as typed.
  await co.search.focus();
  await co.typeSlowly(cola.barcode);
  await expect(co.search).toHaveValue(cola.barcode);
  await page.keyboard.press('Enter');
  await co.expectQty(cola.name, 3);
  await expect(co.search).toHaveValue('');

  // An unknown barcode: a clear message and the search box flashes as refused.
  await co.scan('6900000000017');
  await expect(shell.alert('条码 6900000000017 没有对应的商品')).toBeVisible();
  await expect(co.search).toHaveAttribute('aria-invalid', 'true');
  await expect(co.search).toHaveValue('');

  // The thresholds come from the devices settings: with 14 characters needed, a 13-digit burst is typing.
  await shop.call('devices.setConfig', { scanner: { serial: null, wedge: { ...E2E_WEDGE, minLength: 14 } } });
  await page.reload();
  await expect(co.heading).toBeVisible();
  await co.search.focus();
  await co.scan(cola.barcode);
  await co.expectQty(cola.name, 4); // typed, then Enter looked it up as typed
  await co.search.focus();
  await co.typeBurst(cola.barcode);
  await expect(co.search).toHaveValue(cola.barcode);
});

test('Enter right after the box changed adds what is in the box, not the list still showing for the text before', async ({ page, host }) => {
  const shop = await demoShop(host);
  await shop.call('shifts.open', { openingFloatFen: 0 });
  const cola = product(shop, '可口可乐 330ml');
  const pie = product(shop, '好丽友派 6枚');
  const co = new CheckoutPage(page);
  await page.goto(host.openUrl);
  await signInByKeyboard(page, '张小丽', '1111');
  await expect(co.heading).toBeFocused();

  // The cola's code begins with 6, and "6" alone finds 好丽友派 6枚 by its name…
  expect(cola.barcode.startsWith('6')).toBe(true);
  await co.search.focus();
  await co.typeSlowly('6');
  const results = page.getByRole('listbox', { name: '商品搜索结果' });
  await expect(results.getByRole('option').first()).toContainText(pie.name);
  // …then the rest of the code comes faster than the search answers (typed on, or pasted)
  // and Enter at once: the code in the box counts, not the list still showing for "6".
  await page.keyboard.insertText(cola.barcode.slice(1));
  await page.keyboard.press('Enter');
  await co.expectQty(cola.name, 1);
  await expect(co.row(pie.name)).toHaveCount(0);
  await expect(co.search).toHaveValue('');
});
