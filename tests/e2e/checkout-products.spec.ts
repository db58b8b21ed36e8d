import { test, expect, OWNER } from './fixtures.js';
import { ean13 } from '../../shared/barcode.js';
import { ProductsPage } from './pages/products-page.js';
import { startFakePrinter } from '../helpers/fake-printer.js';
import { decodeEscPos } from '../helpers/escpos-decode.js';

test('Settings → products: a CSV import reports every bad row by line; edit with check-digit validation; export', async ({ page, host, setUpShop, signIn, shell, settings }) => {
  await setUpShop();
  await page.goto(host.openUrl);
  await signIn.signIn(OWNER.name, OWNER.pin);
  await expect(shell.heading('收银')).toBeFocused();
  await page.keyboard.press('F7');
  await settings.tab('商品管理').click();
  const products = new ProductsPage(page);

  const cola = ean13('690123456789');
  const badCheck = cola.slice(0, 12) + String((Number(cola.at(-1)) + 1) % 10);
  const milk = ean13('690555000111');
  await products.importCsv(
    'products.csv',
    [
      'sku,barcode,name,category,price,points_rule',
      `A001,${cola},可乐 330ml,饮料,3.00,normal`,
      'A002,,薯片,零食,abc,normal',
      `A003,${badCheck},牛奶,乳制品,3.50,normal`,
      `A004,${cola},雪碧,饮料,3.50,normal`,
      `A005,${milk}|ZX-01,中华（硬）,烟酒,45,none`,
      'A006,,只有五列,饮料,1',
    ].join('\n'),
  );
  await expect(products.report.getByRole('status')).toHaveText('新增 2 个，更新 0 个，有问题 4 行');
  await expect(products.errorRow(3)).toContainText('价格不正确（“abc”）');
  await expect(products.errorRow(4)).toContainText(`条码校验位不正确（条码 ${badCheck}）`);
  await expect(products.errorRow(5)).toContainText(`条码在文件中重复（条码 ${cola}，与第 2 行重复）`);
  await expect(products.errorRow(7)).toContainText('列数不对');
  await expect(products.row('可乐 330ml')).toContainText('¥3.00');
  await expect(products.row('中华（硬）')).toContainText('不积分');
  await expect(products.row('中华（硬）')).toContainText('ZX-01');

  // Edit: a barcode with a wrong check digit is refused next to its field.
  await products.row('可乐 330ml').getByRole('button', { name: '编辑 可乐 330ml' }).click();
  const form = page.getByRole('dialog', { name: '编辑 可乐 330ml' });
  await form.getByLabel('条码').fill(`${cola}\n${badCheck}`);
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByLabel('条码')).toHaveAccessibleDescription(new RegExp(`条码 ${badCheck} 校验位不正确`));
  await expect(form.getByLabel('条码')).toBeFocused();
  await form.getByLabel('条码').fill(cola);
  await form.getByLabel('价格（元）').fill('3.2');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  await expect(products.row('可乐 330ml')).toContainText('¥3.20');

  // Re-importing the same SKU updates it.
  await products.importCsv('again.csv', `sku,barcode,name,category,price,points_rule\nA001,${cola},可乐 330ml,饮料,3.30,2x\n`);
  await expect(products.report.getByRole('status')).toHaveText('新增 0 个，更新 1 个，有问题 0 行');
  await expect(products.row('可乐 330ml')).toContainText('2 倍积分');

  // Search and export.
  await products.search.fill('zh');
  await expect(products.table.getByRole('row')).toHaveCount(2);
  const download = page.waitForEvent('download');
  await products.exportButton.click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^products-\d{8}\.csv$/);
  const text = (await (await file.createReadStream()).toArray()).map((b: Buffer) => b.toString('utf8')).join('');
  expect(text).toContain('sku,barcode,name,category,price,points_rule');
  expect(text).toContain(`A005,${milk}|ZX-01,中华（硬）,烟酒,45.00,none`);
});

test('Settings → 外设: a network printer gets the test page; wedge thresholds are saved', async ({ page, host, setUpShop, signIn, shell, settings }) => {
  const printer = await startFakePrinter();
  try {
    const { ownerId } = await setUpShop();
    await page.goto(host.openUrl);
    await signIn.signIn(OWNER.name, OWNER.pin);
    await expect(shell.heading('收银')).toBeFocused();
    await page.keyboard.press('F7');
    await settings.tab('外设').click();
    const form = page.getByRole('form', { name: '小票打印机' });
    await expect(form.getByRole('radio', { name: '不使用' })).toBeChecked();
    await form.getByRole('radio', { name: '网络打印机' }).check();
    await form.getByLabel('打印机地址').fill('http://printer');
    await form.getByRole('button', { name: '保存打印机设置' }).click();
    await expect(form.getByLabel('打印机地址')).toHaveAccessibleDescription(/请输入 IP 地址或主机名/);
    await form.getByLabel('打印机地址').fill(printer.host);
    await form.getByLabel('端口').fill(String(printer.port));
    await form.getByRole('radio', { name: '58 毫米' }).check();
    await form.getByRole('checkbox', { name: '现金收款时自动开钱箱' }).check();
    await form.getByRole('button', { name: '打印测试页' }).click();
    await expect(form.getByText('测试已发送，打印机状态：就绪')).toBeVisible();
    expect(decodeEscPos(await printer.waitForJob(0)).text).toContain('打印测试');
    await expect(shell.statusBar).toContainText('小票打印机：就绪');

    const scanner = page.getByRole('form', { name: '扫码枪' });
    await scanner.getByLabel('最少字符数').fill('2');
    await scanner.getByRole('button', { name: '保存扫码枪设置' }).click();
    await expect(scanner.getByLabel('最少字符数')).toHaveAccessibleDescription('请输入 3–64 的整数');
    await scanner.getByLabel('最少字符数').fill('8');
    await scanner.getByLabel('两键最大间隔（毫秒）').fill('50');
    await scanner.getByRole('button', { name: '保存扫码枪设置' }).click();
    await expect(page.getByRole('status').filter({ hasText: '扫码枪设置已保存' })).toBeVisible();

    const token = ((await host.invoke('auth.signIn', { staffId: ownerId, pin: OWNER.pin })).value as { token: string }).token;
    const config = (await host.invoke('devices.config', {}, token)).value as { printer: unknown; scanner: unknown };
    expect(config.printer).toEqual({ type: 'network', host: printer.host, port: printer.port, paperWidth: 58, openDrawerOnCash: true });
    expect(config.scanner).toEqual({ serial: null, wedge: { minLength: 8, maxGapMs: 50 } });
  } finally {
    await printer.close();
  }
});
