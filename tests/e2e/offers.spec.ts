import { test, expect } from './fixtures.js';
import { CheckoutPage, signInByKeyboard } from './pages/checkout-page.js';
import { demoShop, type DemoShop } from './pages/checkout-shop.js';
import { DEMO, apiSignIn, randomPhone } from './pages/members-api.js';
import { RewardsPage } from './pages/members-page.js';
import { TillRewards } from './pages/till-rewards.js';

/**
 * Settings → 储值与卡券 and the manager's tools on 积分储值, through the real host and browser:
 * what the owner sets there is what the till offers (the top-up bonus and tier grant in the
 * Alt+T quote, the count card at Alt+V, the issued coupon at Alt+Q), and what a manager does
 * on the rewards page shows in the member's statement and coupons. A cashier sees none of it.
 */

/** The car-wash products a count card is made of (a shop creates them under 商品管理 first). */
async function washProducts(shop: DemoShop) {
  await shop.call('products.save', { sku: 'WASH-1', name: '精洗一次', categoryName: '服务', priceFen: 4_000 });
  await shop.call('products.save', { sku: 'WASH-10', name: '洗车10次卡', categoryName: '服务', priceFen: 30_000 });
}

test('the owner sets 充200送50, a tier grant, a coupon and a count card; a manager issues the coupon and adjusts stored value; the till offers all of it', async ({ page, host, settings, shell }) => {
  test.setTimeout(120_000);
  const shop = await demoShop(host);
  await shop.call('shifts.open', { openingFloatFen: 0 });
  await washProducts(shop);
  const phone = randomPhone();
  const member = await shop.call<{ id: number; cardNo: string }>('members.enrol', { phone, name: '周储值' });

  await page.goto(host.openUrl);
  await signInByKeyboard(page, DEMO.owner.name, DEMO.owner.pin);
  await expect(shell.heading('收银')).toBeFocused();
  await page.keyboard.press('F7');
  await settings.tab('储值与卡券').click();

  // ── 储值规则: one bonus line and one tier grant, typed in yuan. A bad amount is refused at its field.
  const rules = page.getByRole('form', { name: '储值规则' });
  await expect(rules.getByText('还没有充值赠送。')).toBeVisible();
  await rules.getByRole('button', { name: '添加赠送档' }).click();
  const line1 = rules.getByRole('group', { name: '赠送第 1 档' });
  await expect(line1.getByLabel('充值满（元）')).toBeFocused();
  await page.keyboard.type('200');
  await page.keyboard.press('Tab');
  await expect(line1.getByLabel('赠送（元）')).toBeFocused();
  await page.keyboard.type('50.555');
  await page.keyboard.press('Enter');
  await expect(line1.getByLabel('赠送（元）')).toBeFocused();
  await expect(line1.getByLabel('赠送（元）')).toHaveAccessibleDescription('请输入金额（元），最多两位小数');
  await expect(line1.getByLabel('赠送（元）')).toHaveAttribute('aria-invalid', 'true');
  await line1.getByLabel('赠送（元）').fill('50');
  await expect(line1).toContainText('充¥200.00送¥50.00');
  await rules.getByRole('button', { name: '添加充值升级' }).click();
  const grant1 = rules.getByRole('group', { name: '充值升级第 1 条' });
  await expect(grant1.getByLabel('单次充值满（元）')).toBeFocused();
  await page.keyboard.type('500');
  await grant1.getByLabel('升级为').selectOption({ label: '银卡会员' });
  await expect(grant1).toContainText('充¥500.00升级为银卡会员');
  await rules.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '储值规则已保存' })).toBeVisible();
  expect(await shop.call('storedValue.rules', {})).toEqual({ bonuses: [{ minFen: 20_000, bonusFen: 5_000 }], tierGrants: [{ minFen: 50_000, tierId: expect.any(Number) }] });

  // ── 优惠券模板: ¥15 off from ¥50; a percentage coupon reads as 折 while it is typed.
  const coupons = page.getByRole('region', { name: '优惠券模板' });
  await coupons.getByRole('button', { name: '新建优惠券模板' }).click();
  const couponDialog = page.getByRole('dialog', { name: '新建优惠券模板' });
  await expect(couponDialog.getByLabel('券名')).toBeFocused();
  await page.keyboard.type('到店礼券');
  await couponDialog.getByRole('radio', { name: '打折' }).check();
  await couponDialog.getByLabel('优惠比例（%）').fill('10');
  await expect(couponDialog.getByLabel('优惠比例（%）')).toHaveAccessibleDescription('即 9折');
  await couponDialog.getByRole('radio', { name: '减金额' }).check();
  await couponDialog.getByLabel('减免金额（元）').fill('15');
  await couponDialog.getByLabel('最低消费（元）').fill('50');
  await couponDialog.getByLabel('有效天数').fill('30');
  await couponDialog.getByRole('button', { name: '保存', exact: true }).click();
  await expect(couponDialog).toBeHidden();
  const couponRow = coupons.getByRole('table', { name: '优惠券模板列表' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: '到店礼券' }) });
  await expect(couponRow).toContainText('减 ¥15.00');
  await expect(couponRow).toContainText('满 ¥50.00 可用');
  await expect(couponRow).toContainText('30 天');

  // ── 次卡类型: the package and the service picked by typing part of their names.
  const cards = page.getByRole('region', { name: '次卡类型' });
  await cards.getByRole('button', { name: '新建次卡类型' }).click();
  const cardDialog = page.getByRole('dialog', { name: '新建次卡类型' });
  await cardDialog.getByLabel('次卡名称').fill('洗车10次卡');
  const pkg = cardDialog.getByRole('combobox', { name: '套餐商品（出售的次卡）' });
  await pkg.focus();
  await page.keyboard.type('洗车10次');
  await expect(cardDialog.getByRole('option', { name: /洗车10次卡/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(pkg).toHaveAccessibleDescription(/已选：洗车10次卡（WASH-10，¥300\.00）/);
  await expect(cardDialog).toBeVisible(); // Enter picked the product; it did not submit the form
  const svc = cardDialog.getByRole('combobox', { name: '服务商品（每次使用）' });
  await svc.focus();
  await page.keyboard.type('精洗');
  await expect(cardDialog.getByRole('option', { name: /精洗一次/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(svc).toHaveAccessibleDescription(/已选：精洗一次/);
  await cardDialog.getByLabel('次数').fill('10');
  await cardDialog.getByLabel('有效期（月）').fill('12');
  await cardDialog.getByRole('button', { name: '保存', exact: true }).click();
  await expect(cardDialog).toBeHidden();
  const cardRow = cards.getByRole('table', { name: '次卡类型列表' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: '洗车10次卡' }) });
  await expect(cardRow).toContainText('¥300.00');
  await expect(cardRow).toContainText('精洗一次');
  await expect(cardRow).toContainText('12 个月');

  // ── A manager, on 积分储值: issue the coupon by hand, then adjust the stored value.
  await shell.toolbarButton('退出登录').click();
  await signInByKeyboard(page, DEMO.manager.name, DEMO.manager.pin);
  await expect(shell.heading('收银')).toBeVisible();
  await page.keyboard.press('F7');
  await expect(settings.tab('积分规则')).toHaveCount(0);
  await expect(settings.tab('储值与卡券')).toHaveCount(0); // the owner's
  await page.keyboard.press('F4');
  const rewards = new RewardsPage(page);
  await rewards.find(phone);
  await expect(page.getByRole('heading', { level: 2, name: '周储值' })).toBeFocused();

  const memberCoupons = page.getByRole('table', { name: '会员优惠券' });
  await expect(memberCoupons).toContainText('这位会员还没有优惠券。');
  const issue = page.getByRole('form', { name: '发券' });
  await issue.getByRole('button', { name: '发券' }).click();
  await expect(issue.getByLabel('优惠券')).toBeFocused();
  await expect(issue.getByLabel('优惠券')).toHaveAccessibleDescription('请选择优惠券');
  await issue.getByLabel('优惠券').selectOption({ label: '到店礼券（减 ¥15.00，满 ¥50.00 可用，30 天有效）' });
  await issue.getByLabel('备注').fill('老顾客回馈');
  await issue.getByRole('button', { name: '发券' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已发放“到店礼券”' })).toBeVisible();
  const issued = memberCoupons.getByRole('row').filter({ hasText: '到店礼券' });
  await expect(issued).toContainText('手工发券');
  await expect(issued).toContainText('可用');
  await expect(issue.getByLabel('优惠券')).toBeFocused();

  const adjust = page.getByRole('form', { name: '调整储值' });
  await adjust.getByRole('radio', { name: '扣减' }).check();
  await adjust.getByLabel('金额（元）').fill('10');
  await adjust.getByLabel('调整原因').fill('测试');
  await adjust.getByRole('button', { name: '确认调整' }).click();
  await expect(adjust.getByLabel('金额（元）')).toBeFocused();
  await expect(adjust.getByLabel('金额（元）')).toHaveAccessibleDescription(/扣减超过了本金余额 ¥0\.00/);
  await adjust.getByRole('radio', { name: '增加' }).check();
  await adjust.getByLabel('金额（元）').fill('88.8');
  await adjust.getByLabel('调整原因').fill('开业储值补录');
  await adjust.getByRole('button', { name: '确认调整' }).click();
  await expect(page.getByRole('status').filter({ hasText: '储值已调整：本金 +¥88.80，余额 ¥88.80' })).toBeVisible();
  const sv = page.getByRole('table', { name: '储值明细' });
  const entry = sv.getByRole('row').nth(1);
  await expect(entry).toContainText('手工调整');
  await expect(entry).toContainText('+¥88.80');
  await expect(entry).toContainText('开业储值补录');
  await expect(entry).toContainText('经办：李店长');
  await expect(page.getByRole('list', { name: '积分概况' }).getByRole('listitem').filter({ hasText: '储值余额' })).toContainText('¥88.80');
  await expect(adjust.getByLabel('金额（元）')).toBeFocused();

  // ── At the till: the coupon at Alt+Q, the bonus and tier grant in the top-up quote (Alt+T), the card at Alt+V.
  await page.keyboard.press('F2');
  const co = new CheckoutPage(page);
  const till = new TillRewards(co);
  await expect(co.heading).toBeFocused();
  await co.search.focus();
  await co.scan(member.cardNo);
  await expect(till.member('周储值')).toBeVisible();
  await expect(till.fact('周储值', '储值余额')).toHaveText('¥88.80');

  await page.keyboard.press('Alt+Q');
  const list = till.coupons.getByRole('listbox', { name: '会员的优惠券' });
  await expect(list).toBeFocused();
  await expect(list.getByRole('option', { name: /到店礼券/ })).toContainText('减 ¥15.00，满 ¥50.00 可用');
  await page.keyboard.press('Escape');
  await expect(till.coupons).toBeHidden();

  await co.search.focus();
  await page.keyboard.press('Alt+T');
  await expect(till.topUp.getByLabel('充值金额（元）')).toBeFocused();
  await expect(till.topUp).toContainText('充值优惠：充¥200.00送¥50.00');
  await page.keyboard.type('600');
  await expect(till.topUp.getByText('赠送 ¥50.00 · 到账 ¥650.00，充值后余额 ¥738.80')).toBeVisible();
  await expect(till.topUp).toContainText('升级为 银卡会员');
  await page.keyboard.press('Escape');
  await expect(till.topUp).toBeHidden();

  await co.search.focus();
  await page.keyboard.press('Alt+V');
  await expect(till.cards.getByRole('button', { name: '购买 洗车10次卡（10 次）' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(till.cards).toBeHidden();
});

test('a cashier sees the member coupons but neither the offers settings nor the adjust and issue forms; the core refuses them anyway', async ({ page, host, shell }) => {
  const shop = await demoShop(host);
  await shop.call('shifts.open', { openingFloatFen: 0 });
  const phone = randomPhone();
  const member = await shop.call<{ id: number }>('members.enrol', { phone, name: '吴收银' });
  const template = await shop.call<{ id: number }>('coupons.saveTemplate', { name: '回头券', kind: 'percent', value: 10, minSpendFen: 0, validDays: 14 });
  await shop.call('coupons.issue', { templateId: template.id, memberIds: [member.id] });

  await page.goto(host.openUrl);
  await signInByKeyboard(page, DEMO.cashier.name, DEMO.cashier.pin);
  await expect(shell.heading('收银')).toBeVisible();
  await expect(shell.navItem('设置')).toHaveCount(0);
  await expect(page.getByRole('tab', { name: '储值与卡券' })).toHaveCount(0);
  await page.keyboard.press('F4');
  const rewards = new RewardsPage(page);
  await rewards.find(phone);
  await expect(page.getByRole('heading', { level: 2, name: '吴收银' })).toBeFocused();
  const row = page.getByRole('table', { name: '会员优惠券' }).getByRole('row').filter({ hasText: '回头券' });
  await expect(row).toContainText('9折');
  await expect(row).toContainText('无门槛');
  await expect(row).toContainText('可用');
  await expect(page.getByRole('form', { name: '调整储值' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: '发券' })).toHaveCount(0);
  await expect(page.getByText('调整储值需要店长操作。')).toBeVisible();
  await expect(page.getByText('发券需要店长操作。')).toBeVisible();

  const cashier = await apiSignIn(host, shop.staff[DEMO.cashier.name]!);
  for (const [method, input] of [
    ['storedValue.adjust', { memberId: member.id, principalDelta: 100, bonusDelta: 0, reason: 'x' }],
    ['coupons.issue', { templateId: template.id, memberIds: [member.id] }],
    ['storedValue.setRules', { bonuses: [], tierGrants: [] }],
  ] as const) {
    expect((await host.invoke(method, input, cashier)).error?.code, method).toBe('forbidden');
  }
});
