import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.js';
import { DEMO, apiSignIn, call, demoTill } from './pages/members-api.js';
import type { TestHost } from './host.js';

/**
 * 库存 (F11) in the browser: a manager receives a slip by scanning, a count with a sale at
 * the till in the middle, and the reorder list. Products are made through the API with
 * barcodes of their own; scans are keyboard-wedge bursts into the focused scan field.
 */
const COLA = '6901234567892';
const TEA = '6907654321090';

async function stockProducts(host: TestHost, token: string) {
  const cola = await call<{ id: number }>(host, token, 'products.save', { sku: 'E2E-COLA', name: '测试可乐', categoryName: '测试饮料', priceFen: 300, barcodes: [COLA] });
  const tea = await call<{ id: number }>(host, token, 'products.save', { sku: 'E2E-TEA', name: '测试冰红茶', categoryName: '测试饮料', priceFen: 350, barcodes: [TEA] });
  return { cola: cola.id, tea: tea.id };
}

/** A scanner's burst: the code's keys and Enter into whatever has focus. */
async function scan(page: Page, code: string) {
  await page.keyboard.type(code, { delay: 3 });
  await page.keyboard.press('Enter');
}

async function openStock(page: Page, host: TestHost, signIn: { signIn(name: string, pin: string): Promise<void> }, who: { name: string; pin: string }) {
  await page.goto(host.openUrl);
  await signIn.signIn(who.name, who.pin);
  await expect(page.getByRole('heading', { level: 1, name: '收银' })).toBeVisible();
  await page.keyboard.press('F11');
  await expect(page.getByRole('heading', { level: 1, name: '库存' })).toBeVisible();
}

test('a manager receives a slip by scanning: each scan adds one, a typed quantity adds a case; bad input is refused at the field', async ({ page, host, signIn }) => {
  const { token } = await demoTill(host);
  const p = await stockProducts(host, token);
  await openStock(page, host, signIn, DEMO.manager);
  await expect(page.getByRole('tab', { name: '入库' })).toHaveAttribute('aria-selected', 'true');
  await page.getByLabel('供应商').fill('康师傅经销商');

  const code = page.getByLabel('扫码或输入条码');
  await code.focus();
  await scan(page, '6900000000000');
  await expect(page.getByText('找不到条码 6900000000000 对应的商品')).toBeVisible();
  await page.getByLabel('数量', { exact: true }).fill('-3');
  await code.focus();
  await scan(page, COLA);
  await expect(page.getByText('数量须为 1 到 1000000 的整数')).toBeVisible();
  // A case of 24, then two loose ones, then one tea.
  await page.getByLabel('数量', { exact: true }).fill('24');
  await code.focus();
  await scan(page, COLA);
  await scan(page, COLA);
  await scan(page, COLA);
  await scan(page, TEA);
  const slip = page.getByRole('table', { name: '入库单明细' });
  await expect(slip.getByRole('row', { name: /测试可乐/ })).toContainText('26 件');
  await expect(slip.getByRole('row', { name: /测试冰红茶/ })).toContainText('1 件');
  await page.getByLabel('测试可乐 进价（元）').fill('1.80');
  await page.getByLabel('测试冰红茶 进价（元）').fill('2.20');
  await expect(page.getByText('合计 2 种，¥49.00')).toBeVisible();
  await page.getByRole('button', { name: '确认入库' }).click();
  await expect(page.getByRole('status').filter({ hasText: /入库单 #\d+ 已入库（2 种）/ })).toBeVisible();
  await expect(slip.getByText('还没有商品，请扫码添加。')).toBeVisible();
  await expect(page.getByRole('table', { name: '最近的入库单' }).getByRole('row', { name: /康师傅经销商/ })).toContainText('¥49.00');

  // The stock is there, at its cost.
  await page.getByRole('tab', { name: '库存查询' }).click();
  await page.getByLabel('搜索商品').fill('E2E-COLA');
  const row = page.getByRole('table', { name: '商品库存' }).getByRole('row', { name: /测试可乐/ });
  await expect(row).toContainText('26 件');
  await expect(row).toContainText('¥1.80');
  const level = await call<{ items: Array<{ onHand: number; valueFen: number }> }>(host, token, 'stock.levels', { query: 'E2E-TEA' });
  expect(level.items[0]).toMatchObject({ onHand: 1, valueFen: 220 });
  expect(p.cola).toBeGreaterThan(0);
});

test('a count with a sale in the middle: the difference is counted − book at the moment of the scan, and the manager approves it', async ({ page, host, signIn }) => {
  const { staff, token } = await demoTill(host);
  const p = await stockProducts(host, token);
  await call(host, token, 'stock.receive', { clientRef: `e2e-${Date.now()}`, supplier: '经销商', lines: [{ productId: p.cola, qty: 10, unitCostFen: 200 }] });
  await openStock(page, host, signIn, DEMO.manager);
  await page.getByRole('tab', { name: '盘点' }).click();
  await page.getByLabel('盘点范围').selectOption({ label: '测试饮料' });
  await page.getByRole('button', { name: '开始盘点' }).click();
  await expect(page.getByRole('status').filter({ hasText: /盘点 #\d+ 进行中：测试饮料/ })).toBeVisible();

  // The shelf holds 9 (one went missing). A cashier sells 2 at the till before the colas are counted…
  const cashier = await apiSignIn(host, staff.cashier);
  await call(host, cashier, 'sales.commit', { clientRef: `e2e-sale-${Date.now()}`, lines: [{ productId: p.cola, qty: 2 }], payments: [{ method: 'cash', amountFen: 600 }], expectedTotalFen: 600 });
  // …so 7 are on the shelf when they are counted: a case of 5 and two loose, one mis-scan taken back.
  await page.getByLabel('数量', { exact: true }).fill('5');
  await page.getByLabel('扫码或输入条码').focus();
  await scan(page, COLA);
  await scan(page, COLA);
  await scan(page, COLA);
  await scan(page, COLA);
  await expect(page.getByText('测试可乐 已盘 8 件')).toBeVisible();
  await page.getByLabel('扫码或输入条码').fill(COLA);
  await page.getByRole('button', { name: '撤回一次' }).click();
  await expect(page.getByText('测试可乐 已盘 7 件')).toBeVisible();
  // …and one more is sold after they were counted (it was on the shelf when counted, and is in the books).
  await call(host, cashier, 'sales.commit', { clientRef: `e2e-sale2-${Date.now()}`, lines: [{ productId: p.cola, qty: 1 }], payments: [{ method: 'cash', amountFen: 300 }], expectedTotalFen: 300 });

  await page.getByRole('button', { name: '查看差异' }).click();
  const diffs = page.getByRole('region', { name: '盘点差异' });
  const row = diffs.getByRole('row', { name: /测试可乐/ });
  await expect(row.getByRole('cell')).toHaveText(['7 件', '8 件', '−1', '-¥2.00', '7 件']);
  await expect(diffs).toContainText('差异金额合计 -¥2.00');
  await diffs.getByRole('button', { name: '审核通过' }).click();
  await expect(page.getByRole('status').filter({ hasText: '盘点已审核，生成 1 笔调整，金额 -¥2.00' })).toBeVisible();
  await expect(page.getByText('当前没有进行中的盘点。')).toBeVisible();
  const level = await call<{ items: Array<{ onHand: number }> }>(host, token, 'stock.levels', { query: 'E2E-COLA' });
  expect(level.items[0]!.onHand).toBe(6); // what the shelf holds: 9 − 2 − 1
});

test('the reorder list shows products below their minimum with 28-day sales and days of cover, and exports CSV', async ({ page, host, signIn }) => {
  const { staff, token } = await demoTill(host);
  const p = await stockProducts(host, token);
  await call(host, token, 'stock.settings', { productId: p.cola, stocked: true, minQty: 30 });
  await call(host, token, 'stock.settings', { productId: p.tea, stocked: true, minQty: 2 });
  await call(host, token, 'stock.receive', { clientRef: `e2e-${Date.now()}`, supplier: '经销商', lines: [{ productId: p.cola, qty: 12, unitCostFen: 200 }, { productId: p.tea, qty: 5, unitCostFen: 200 }] });
  const cashier = await apiSignIn(host, staff.cashier);
  await call(host, cashier, 'sales.commit', { clientRef: `e2e-sale-${Date.now()}`, lines: [{ productId: p.cola, qty: 2 }], payments: [{ method: 'cash', amountFen: 600 }], expectedTotalFen: 600 });
  await openStock(page, host, signIn, DEMO.manager);
  await page.getByRole('tab', { name: '补货清单' }).click();
  const list = page.getByRole('table', { name: '补货清单' });
  const row = list.getByRole('row', { name: /测试可乐/ });
  // Today's sale is not a whole day yet: the 28-day window ends yesterday.
  await expect(row.getByRole('cell')).toHaveText(['10 件', '30 件', '0', '0', '无销量', '20 件']);
  await expect(list.getByRole('row', { name: /测试冰红茶/ })).toHaveCount(0);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 CSV' }).click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  expect(text).toContain('E2E-COLA,6901234567892,测试可乐,测试饮料,piece,10,30,0,0,,20');
});
