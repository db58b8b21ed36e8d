import { test, expect, OWNER } from './fixtures.js';
import { ean13 } from '../../shared/barcode.js';
import { CheckoutPage } from './pages/checkout-page.js';
import { ProductsPage } from './pages/products-page.js';
import { apiSignIn, call, openShift } from './pages/members-api.js';

/**
 * A new owner's first minutes (issue 20): the empty till says where products come from, the
 * button goes there, a product saves with a barcode and no SKU (the barcode becomes its SKU),
 * and once the catalogue has a product the hint is gone and the barcode sells it.
 */
test('a new owner is shown where products are added, saves one with a barcode and no SKU, and sells it', async ({ page, host, setUpShop, signIn, shell }) => {
  const { ownerId } = await setUpShop();
  await openShift(host, await apiSignIn(host, { id: ownerId, pin: OWNER.pin }));
  await page.goto(host.openUrl);
  await signIn.signIn(OWNER.name, OWNER.pin);
  await expect(shell.heading('收银')).toBeFocused();

  const hint = page.getByRole('region', { name: '还没有商品' });
  await expect(hint).toContainText('设置 › 商品管理');
  await expect(hint).toContainText('新建商品');
  await expect(hint).toContainText('导入 CSV');
  // The hint is in the page, not over it: the search field keeps working beside it.
  const co = new CheckoutPage(page);
  await expect(co.search).toBeVisible();
  await hint.getByRole('button', { name: '去 商品管理 添加商品' }).click();
  await expect(page.getByRole('tab', { name: '商品管理', selected: true })).toBeVisible();

  const products = new ProductsPage(page);
  await page.getByRole('button', { name: '新建商品' }).click();
  const form = page.getByRole('dialog', { name: '新建商品' });
  await expect(form.getByLabel('名称')).toBeFocused();
  const code = ean13('692000000017');
  await form.getByLabel('名称').fill('矿泉水 550ml');
  await form.getByLabel('价格（元）').fill('2');
  await form.getByLabel('条码').fill(code);
  await expect(form.getByLabel(/^编号/)).toHaveAccessibleDescription('不填时用第一个条码作编号，没有条码则自动编号');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  await expect(products.row('矿泉水 550ml')).toContainText(code);
  await expect(products.row('矿泉水 550ml')).toContainText('¥2.00');

  // A second product with neither SKU nor barcode gets a number of its own.
  await page.getByRole('button', { name: '新建商品' }).click();
  await form.getByLabel('名称').fill('手工馒头');
  await form.getByLabel('价格（元）').fill('1.5');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  await expect(products.row('手工馒头')).toContainText(/P\d{6}/);

  await shell.navItem('收银').click();
  await expect(shell.heading('收银')).toBeVisible();
  await expect(hint).toHaveCount(0);
  await co.scanProduct(code, '矿泉水 550ml', 1);
});

test('a cashier on an empty till is told to ask a manager, without a button they cannot use', async ({ page, host, setUpShop, signIn, shell }) => {
  const { ownerId } = await setUpShop();
  const owner = await apiSignIn(host, { id: ownerId, pin: OWNER.pin });
  await call(host, owner, 'staff.create', { name: '小李', role: 'cashier', pin: '1357' });
  await openShift(host, owner);
  await page.goto(host.openUrl);
  await signIn.signIn('小李', '1357');
  await expect(shell.heading('收银')).toBeFocused();
  const hint = page.getByRole('region', { name: '还没有商品' });
  await expect(hint).toHaveText(/请店长或老板在 设置 › 商品管理 添加商品/);
  await expect(hint.getByRole('button')).toHaveCount(0);
});
