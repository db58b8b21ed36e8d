import { test, expect } from './fixtures.js';
import { CheckoutPage, signInByKeyboard } from './pages/checkout-page.js';
import { demoShop } from './pages/checkout-shop.js';
import { ComplaintsPage } from './pages/complaints-page.js';
import { ShellPage } from './pages/shell-page.js';

/** The demo shop's three months of sales end on 2026-07-01; by 11-22 its best customers have lapsed (win-back). */
test.use({ hostClock: '2026-07-01T10:00:00' });

test('the owner adds a complaint category; a cashier logs with it away from the till (nothing pre-filled) and sees no handling; a manager gives the whole win-back list a coupon', async ({ page, host }) => {
  test.setTimeout(90_000);
  const shop = await demoShop(host);
  const tpl = await shop.call<{ id: number }>('coupons.saveTemplate', { name: '回归礼券 ¥10', kind: 'amount', value: 1000, minSpendFen: 3000, validDays: 30 });
  host.setClock('2026-11-22T10:00:00');
  const co = new CheckoutPage(page);
  const shell = new ShellPage(page);
  const cp = new ComplaintsPage(page);

  // The owner: 设置 → 投诉关怀, a new category with both names.
  await page.goto(host.openUrl);
  await signInByKeyboard(page, '王店主', '8888');
  await expect(co.heading).toBeFocused();
  await page.keyboard.press('F7');
  await page.getByRole('tab', { name: '投诉关怀' }).click();
  await page.getByRole('button', { name: '添加投诉类型' }).click();
  await page.getByLabel('投诉类型第 7 项的编码').fill('delivery');
  await page.getByLabel('delivery 的中文名称').fill('送货');
  await page.getByLabel('delivery 的英文名称').fill('Delivery');
  await page.getByRole('checkbox', { name: '启用 environment' }).uncheck();
  await page.getByRole('form', { name: '投诉类型与渠道' }).getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText('投诉类型与渠道已保存')).toBeVisible();
  await shell.toolbarButton('退出登录').click();

  // A cashier on the members screen: Shift+F5 opens the form with nothing linked.
  await signInByKeyboard(page, '张小丽', '1111');
  await expect(co.heading).toBeFocused();
  await page.keyboard.press('F3');
  await expect(shell.heading('会员')).toBeFocused();
  await page.keyboard.press('Shift+F5');
  await expect(cp.logDialog).toBeVisible();
  await expect(cp.logDialog.getByRole('group', { name: /关联会员/ })).toHaveCount(0);
  await expect(cp.logDialog.getByRole('group', { name: /关联小票/ })).toHaveCount(0);
  const category = cp.logDialog.getByLabel('投诉类型');
  await expect(category.getByRole('option', { name: '送货' })).toHaveCount(1);
  await expect(category.getByRole('option', { name: '购物环境' })).toHaveCount(0);
  // Nothing chosen: the form says what is missing and keeps focus there.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(category).toBeFocused();
  await expect(category).toHaveAccessibleDescription('请填写此项');
  await category.selectOption({ label: '送货' });
  await cp.logDialog.getByLabel('渠道').selectOption({ label: '电话' });
  await cp.logDialog.getByLabel('投诉内容').fill('送货晚了两个小时');
  await page.keyboard.press('Control+Enter');
  await expect(cp.logDialog).toBeHidden();

  await page.keyboard.press('F5');
  await expect(cp.tab('满意度')).toHaveCount(0);
  const row = cp.row('送货晚了两个小时');
  await expect(row).toContainText('送货');
  await expect(row).toContainText('待处理');
  await row.getByRole('button').click();
  await expect(page.getByRole('article')).toContainText('电话');
  await expect(page.getByRole('form', { name: '处理' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: '补偿' })).toHaveCount(0);
  await page.getByRole('button', { name: '返回投诉列表' }).click();
  await cp.tab('客户关怀 / 回访').click();
  await expect(cp.careButton('刷新今日任务')).toHaveCount(0);
  await shell.toolbarButton('退出登录').click();

  // A manager: the win-back list gets a coupon in one action, and those tasks are done.
  await signInByKeyboard(page, '李店长', '6666');
  await expect(co.heading).toBeFocused();
  await page.keyboard.press('F5');
  await cp.tab('客户关怀 / 回访').click();
  await cp.careToolbar.getByLabel('任务类型').selectOption('win_back');
  await cp.careButton('刷新今日任务').click();
  await expect(page.getByText(/今日任务已刷新/)).toBeVisible();
  const winBack = await shop.call<{ total: number }>('care.tasks', { kind: 'win_back' });
  expect(winBack.total).toBeGreaterThan(0);
  await expect(cp.careTable.getByRole('row')).toHaveCount(Math.min(winBack.total, 20) + 1);
  const coupons = page.getByRole('group', { name: '给挽回流失名单发券' });
  await coupons.getByLabel('优惠券').selectOption({ label: '回归礼券 ¥10' });
  await coupons.getByRole('button', { name: '给整个挽回流失名单发券' }).click();
  await expect(page.getByText(`已给 ${winBack.total} 位会员发券`)).toBeVisible();
  await expect(cp.careTable).toContainText('今天没有需要回访的顾客');
  const issued = await shop.call<{ items: Array<{ memberId: number }> }>('care.tasks', { kind: 'win_back', status: 'done' });
  const mine = await shop.call<Array<{ name: string; reason: string }>>('coupons.forMember', { memberId: issued.items[0]!.memberId });
  expect(mine).toEqual(expect.arrayContaining([expect.objectContaining({ name: '回归礼券 ¥10', reason: 'win_back' })]));
  expect(tpl.id).toBeGreaterThan(0);
});
