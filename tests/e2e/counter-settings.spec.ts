import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures.js';
import { CheckoutPage, signInByKeyboard } from './pages/checkout-page.js';
import { demoShop, product } from './pages/checkout-shop.js';
import { hasSocat, readEnd, startPtyPair } from '../helpers/pty-pair.js';
import { decodePole } from '../helpers/pole-decode.js';

/**
 * Issue 16 in 设置 (the devices tab): the pole display set up and tested on a socat pty pair
 * (the bytes decoded at the far end), then following a scan; the till's sounds turned off.
 */
test('Settings → devices: a pole display on a serial port shows the test and then the scanned price; sounds off means no tone', async ({ page, host }) => {
  test.skip(!hasSocat, 'socat is not on PATH (apt-get install socat)');
  test.setTimeout(45_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-e2e-pole-'));
  const pair = await startPtyPair(dir);
  const pole = await readEnd(pair.a);
  try {
    const shop = await demoShop(host);
    await shop.call('shifts.open', { openingFloatFen: 10_000 });
    const cola = product(shop, '可口可乐 330ml');
    await page.goto(host.openUrl);
    await signInByKeyboard(page, '王店主', shop.staff['王店主']!.pin);
    const co = new CheckoutPage(page);
    await expect(co.heading).toBeFocused();
    await page.keyboard.press('F7');
    await page.getByRole('tab', { name: '外设', exact: true }).click();

    // The printer form offers the USB device file and the OS printer.
    const printer = page.getByRole('form', { name: '小票打印机' });
    await printer.getByRole('radio', { name: 'USB 直连（设备文件）' }).check();
    await expect(printer.getByRole('textbox', { name: '设备文件' })).toHaveAttribute('placeholder', '/dev/usb/lp0');

    const form = page.getByRole('form', { name: '客显屏（串口价格屏）' });
    await form.getByRole('checkbox', { name: '使用串口客显屏' }).check();
    await form.getByRole('radio', { name: /8 位 LED/ }).check();
    await form.getByRole('combobox', { name: '串口', exact: true }).fill(pair.b);
    await form.getByRole('button', { name: '测试客显屏' }).click();
    await expect(form.getByRole('status')).toHaveText('客显屏：就绪');
    expect(decodePole(await pole.until((b) => b.at(-1) === 0x0d))).toMatchObject({ lamp: 'total', line1: '8.88', unknown: [] });

    const sound = page.getByRole('form', { name: '提示音' });
    await sound.getByRole('checkbox', { name: /扫码、查无此码/ }).uncheck();
    await sound.getByRole('button', { name: '保存提示音' }).click();
    await expect(page.getByRole('status').filter({ hasText: '提示音设置已保存' })).toBeVisible();

    // At the till: the scanned price reaches the pole display with the 单价 lamp; no tone plays.
    pole.clear();
    await page.keyboard.press('F2');
    await co.search.focus();
    await co.scanProduct(cola.barcode, cola.name, 1);
    const shown = decodePole(await pole.until((b) => b.at(-1) === 0x0d && decodePole(b).lamp === 'price'));
    expect(shown).toMatchObject({ lamp: 'price', line1: (cola.priceFen / 100).toFixed(2) });
    await expect(page.locator('html')).toHaveAttribute('data-last-sound', 'scan:0');
  } finally {
    await pole.close();
    await pair.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
