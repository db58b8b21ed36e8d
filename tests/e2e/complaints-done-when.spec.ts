import { test, expect } from './fixtures.js';
import { CheckoutPage, signInByKeyboard } from './pages/checkout-page.js';
import { demoShop, product } from './pages/checkout-shop.js';
import { ComplaintsPage } from './pages/complaints-page.js';
import { ShellPage } from './pages/shell-page.js';
import { RewardsPage } from './pages/members-page.js';

/**
 * Issue 6, "done when", through the real page in Chromium: the shop's clock starts on
 * Sunday 2026-11-22 at 10:00 and is moved to the follow-up date later (host.setClock).
 */
test.use({ hostClock: '2026-11-22T10:00:00' });

test('issue 6: a complaint logged at the till with one key, resolved with points, followed up on its date; NPS after a sale; imports report bad lines', async ({ page, host }) => {
  test.setTimeout(90_000);
  const shop = await demoShop(host);
  await shop.call('shifts.open', { openingFloatFen: 10_000 });
  const phone = '13955501234';
  await shop.call('members.enrol', { phone, name: '林小雨' });
  const cola = product(shop, '可口可乐 330ml');
  const co = new CheckoutPage(page);
  const shell = new ShellPage(page);
  const cp = new ComplaintsPage(page);

  // The cashier sells to the member: F8 finds her by phone, scan, F12, exact cash.
  await page.goto(host.openUrl);
  await signInByKeyboard(page, '张小丽', '1111');
  await expect(co.heading).toBeFocused();
  await page.keyboard.press('F8');
  await co.typeSlowly(phone);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: '当前会员：林小雨' })).toBeVisible();
  await co.search.focus();
  await co.scanProduct(cola.barcode, cola.name, 1);
  await page.keyboard.press('F12');
  await expect(co.payDialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(co.done).toBeVisible();
  const receiptNo = ((await co.done.locator('dd.mono').first().textContent()) ?? '').trim();
  expect(receiptNo).not.toBe('');

  // Shift+F5: the complaint form, pre-filled with the member and the sale; all by keyboard.
  const started = Date.now();
  await page.keyboard.press('Shift+F5');
  await expect(cp.logDialog).toBeVisible();
  await expect(cp.logDialog.getByRole('group', { name: '关联会员：林小雨' })).toBeVisible();
  await expect(cp.logDialog.getByRole('group', { name: `关联小票：${receiptNo}` })).toBeVisible();
  const category = cp.logDialog.getByLabel('投诉类型');
  await expect(category).toBeFocused();
  await page.keyboard.press('ArrowDown'); // 商品质量
  await expect(category).toHaveValue('product');
  await page.keyboard.press('Tab'); // severity: 中
  await page.keyboard.press('ArrowRight'); // 高
  await expect(cp.logDialog.getByRole('radio', { name: '高' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(cp.logDialog.getByLabel('投诉内容')).toBeFocused();
  await page.keyboard.type('可乐是温的');
  await page.keyboard.press('Enter');
  await expect(cp.logDialog).toBeHidden();
  await expect(shell.alert('投诉 #1 已登记').or(page.getByRole('status').filter({ hasText: '投诉 #1 已登记' }))).toBeVisible();
  expect(Date.now() - started).toBeLessThan(30_000);

  // NPS for the same sale: Alt+N, then one key (0 = 10).
  await expect(co.search).toBeFocused();
  await page.keyboard.press('Alt+N');
  await expect(co.done.getByRole('group', { name: /推荐本店/ })).toBeFocused();
  await page.keyboard.press('0');
  await expect(co.done.getByText('满意度已记录：10 分')).toBeVisible();
  await expect(co.search).toBeFocused();
  await expect(co.search).toHaveValue('');

  // The cashier sees the complaint she logged, but cannot handle it.
  await page.keyboard.press('F5');
  await expect(cp.heading).toBeVisible();
  await cp.row('可乐是温的').getByRole('button', { name: '可乐是温的' }).click();
  await expect(cp.detailHeading(1)).toBeFocused();
  await expect(page.getByText('投诉由店长处理。')).toBeVisible();
  await expect(page.getByRole('form', { name: '处理' })).toHaveCount(0);

  // A manager signs in and handles it: in progress, assigned, a follow-up on Wednesday 11-25.
  await shell.toolbarButton('退出登录').click();
  await signInByKeyboard(page, '李店长', '6666');
  await expect(co.heading).toBeFocused();
  await page.keyboard.press('F5');
  await cp.row('可乐是温的').getByRole('button', { name: '可乐是温的' }).click();
  const handle = page.getByRole('form', { name: '处理' });
  await handle.getByLabel('处理状态').selectOption({ label: '改为：处理中' });
  await handle.getByLabel('处理人').selectOption({ label: '李店长' });
  await handle.getByLabel(/回访日期/).fill('2026-11-25');
  await handle.getByRole('button', { name: '保存' }).click();
  await expect(cp.timeline).toContainText('状态：待处理 → 处理中');
  await expect(cp.timeline).toContainText('回访日期');

  // Compensation: 100 points through the points ledger.
  const compensate = page.getByRole('form', { name: '补偿' });
  await compensate.getByRole('radio', { name: '积分' }).check();
  await compensate.getByLabel('补偿积分数').fill('100');
  await compensate.getByLabel(/补偿原因/).fill('饮料不冰');
  await compensate.getByRole('button', { name: '发放补偿' }).click();
  await expect(cp.timeline).toContainText('补偿：100 积分（饮料不冰）');
  await handle.getByLabel('处理结果', { exact: true }).fill('已修冰柜，赠送积分');
  await handle.getByLabel(/满意度/).selectOption({ label: '5 很满意' });
  await handle.getByLabel('处理状态').selectOption({ label: '改为：已解决' });
  await handle.getByRole('button', { name: '保存' }).click();
  await expect(cp.timeline).toContainText('状态：处理中 → 已解决');
  await expect(cp.timeline).toContainText('满意度：5');
  await expect(page.getByRole('article').locator('.complaint-detail-head')).toContainText('已解决');

  // …and it is in her points statement.
  await page.getByRole('article').getByRole('button', { name: /林小雨/ }).click();
  await expect(shell.heading('会员')).toBeVisible();
  await page.keyboard.press('F4');
  await expect(shell.heading('积分储值')).toBeFocused();
  const rewards = new RewardsPage(page);
  await rewards.find(phone);
  await expect(rewards.statementRows.filter({ hasText: '投诉补偿' })).toContainText('+100');

  // The follow-up is not on today's care list; on 11-25 it is.
  await page.keyboard.press('F5');
  await cp.tab('客户关怀 / 回访').click();
  await cp.careToolbar.getByLabel('任务类型').selectOption('complaint_follow_up');
  await cp.careButton('刷新今日任务').click();
  await expect(cp.careTable).toContainText('今天没有需要回访的顾客');
  await expect(cp.careTable.getByRole('row').filter({ hasText: '投诉回访' })).toHaveCount(0);
  host.setClock('2026-11-25T09:00:00');
  await cp.careButton('刷新今日任务').click();
  const followUp = cp.careTable.getByRole('row').filter({ hasText: '投诉回访' });
  await expect(followUp).toContainText('林小雨');
  await expect(followUp).toContainText('投诉 #1 回访');
  await followUp.getByRole('button', { name: /完成/ }).click();
  const outcome = page.getByRole('dialog', { name: '回访结果：林小雨' });
  await outcome.getByRole('radio', { name: '已通话' }).check();
  await outcome.getByLabel(/备注/).fill('顾客满意');
  await outcome.getByRole('button', { name: '记录' }).click();
  await expect(outcome).toBeHidden();
  await expect(cp.careTable.getByRole('row').filter({ hasText: '投诉回访' })).toHaveCount(0);

  // The NPS answer is in the satisfaction list, with the sale and the member.
  await cp.tab('满意度').click();
  const answers = page.getByRole('table', { name: '满意度回答' });
  await expect(answers.getByRole('row').filter({ hasText: receiptNo })).toContainText('林小雨');
  await expect(answers.getByRole('row').filter({ hasText: receiptNo }).getByRole('cell').nth(1)).toHaveText('10');

  // Imports: good lines go in, bad ones are reported by line and reason.
  await page.keyboard.press('F7');
  await page.getByRole('tab', { name: '投诉关怀' }).click();
  const csv = [
    'logged_at,member_phone,channel,category,severity,description,status,resolved_at',
    `2026-03-01T10:15:00,${phone},in_store,product,high,牛奶变质,resolved,2026-03-02T09:00:00`,
    '2026-03-05T12:00:00,,fax,waiting,low,电话没人接,open,',
    '2026-03-06T08:30:00,13900000000,in_store,service,medium,态度差,open,',
  ].join('\n');
  await page.getByLabel('CSV 文件').setInputFiles({ name: 'complaints.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: '开始导入' }).click();
  await expect(page.getByRole('heading', { name: '导入结果：1 条成功，2 行有问题' })).toBeVisible();
  const errors = page.getByRole('table', { name: '有问题的行' });
  await expect(errors.getByRole('row').nth(1)).toHaveText(/^3\s*未知的渠道（fax）$/);
  await expect(errors.getByRole('row').nth(2)).toHaveText(/^4\s*没有这个手机号的会员（13900000000）$/);
  await page.getByRole('radio', { name: '满意度（NPS）历史' }).check();
  await page.getByLabel('CSV 文件').setInputFiles({ name: 'nps.csv', mimeType: 'text/csv', buffer: Buffer.from('answered_at,member_phone,score,comment\n2026-03-01T10:00:00,,11,太好了\n2026-03-02T10:00:00,,8,\n') });
  await page.getByRole('button', { name: '开始导入' }).click();
  await expect(page.getByRole('heading', { name: '导入结果：1 条成功，1 行有问题' })).toBeVisible();
  await expect(page.getByRole('table', { name: '有问题的行' }).getByRole('row').nth(1)).toHaveText(/^2\s*评分必须是 0–10（11）$/);
});
