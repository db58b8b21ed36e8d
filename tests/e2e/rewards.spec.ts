import { test, expect } from './fixtures.js';
import { DEMO, apiSignIn, call, demoTill, enrol, randomPhone, sellTo } from './pages/members-api.js';
import { RewardsPage } from './pages/members-page.js';

test('a manager adjusts points with a reason; the statement shows each entry with the running balance; a cashier cannot adjust', async ({ page, host, signIn, shell }) => {
  const { staff, token } = await demoTill(host);
  const phone = randomPhone();
  const m = await enrol(host, token, phone, '孙积分');
  const sale = await sellTo(host, token, m.id, 2, 0);
  const start = (await call<{ balance: number }>(host, token, 'points.summary', { memberId: m.id })).balance;
  expect(start).toBe(sale.pointsEarned);
  await call(host, token, 'storedValue.topUp', { memberId: m.id, amountFen: 10_000, method: 'cash', tenderedFen: 10_000, clientRef: `topup-${m.id}-e2e`, print: false });

  await page.goto(host.openUrl);
  await signIn.signIn(DEMO.manager.name, DEMO.manager.pin);
  await expect(shell.heading('收银')).toBeVisible();
  await page.keyboard.press('F4');
  await expect(shell.heading('积分储值')).toBeFocused();
  const rewards = new RewardsPage(page);
  await rewards.find(phone);
  await expect(page.getByRole('heading', { level: 2, name: '孙积分' })).toBeFocused();
  // The sale's entry: reason translated, receipt number, change and balance.
  const earned = rewards.statementRows.first();
  await expect(earned).toContainText('消费积分');
  await expect(earned).toContainText(sale.receiptNo);
  await expect(earned.getByRole('cell').nth(3)).toHaveText(`+${start}`);

  // Stored value: the balance and its statement (a top-up of ¥100).
  await expect(page.getByRole('list', { name: '积分概况' }).getByRole('listitem').filter({ hasText: '储值余额' })).toContainText('¥100.00');
  const sv = page.getByRole('table', { name: '储值明细' });
  await expect(sv.getByRole('row').nth(1)).toContainText('充值');
  await expect(sv.getByRole('row').nth(1)).toContainText('+¥100.00');

  // A reason is required.
  await rewards.adjustForm.getByLabel('积分数量').fill('500');
  await rewards.adjustForm.getByRole('button', { name: '确认调整' }).click();
  await expect(rewards.adjustForm.getByLabel('调整原因')).toBeFocused();
  await expect(rewards.adjustForm.getByLabel('调整原因')).toHaveAccessibleDescription('请填写此项');

  await rewards.adjust('增加', 500, '开业活动补发');
  await expect(page.getByRole('status').filter({ hasText: `积分已调整 +500，余额 ${start + 500}` })).toBeVisible();
  const added = rewards.statementRows.first();
  await expect(added.getByRole('cell').nth(1)).toHaveText('手工调整');
  await expect(added.getByRole('cell').nth(3)).toHaveText('+500');
  await expect(added.getByRole('cell').nth(4)).toHaveText(String(start + 500));
  await expect(added).toContainText('开业活动补发');
  await expect(added).toContainText('经办：李店长');

  await rewards.adjust('扣减', 120, '录入错误更正');
  const deducted = rewards.statementRows.first();
  await expect(deducted.getByRole('cell').nth(3)).toHaveText('−120');
  await expect(deducted.getByRole('cell').nth(4)).toHaveText(String(start + 380));
  await expect(rewards.statementRows.nth(1).getByRole('cell').nth(4)).toHaveText(String(start + 500));
  await expect(rewards.statementRows).toHaveCount(3);
  await expect(page.getByRole('list', { name: '积分概况' }).getByRole('listitem').first()).toContainText(String(start + 380));
  await expect(rewards.adjustForm.getByLabel('积分数量')).toBeFocused();

  // More than the member has is refused before it is sent.
  await rewards.adjust('扣减', 100_000, '测试');
  await expect(rewards.adjustForm.getByLabel('积分数量')).toHaveAccessibleDescription(/扣减超过了可用积分/);

  // A cashier sees the statement but has no adjustment form.
  await shell.toolbarButton('退出登录').click();
  await signIn.signIn(DEMO.cashier.name, DEMO.cashier.pin);
  await expect(shell.heading('收银')).toBeVisible();
  await page.keyboard.press('F4');
  await rewards.find(phone);
  await expect(rewards.statementRows).toHaveCount(3);
  await expect(rewards.adjustForm).toHaveCount(0);
  await expect(page.getByText('调整积分需要店长操作。')).toBeVisible();
  // And the core refuses it anyway.
  const cashierToken = await apiSignIn(host, staff.cashier);
  const refused = await host.invoke('points.adjust', { memberId: m.id, delta: 10, reason: 'x' }, cashierToken);
  expect(refused.error?.code).toBe('forbidden');
});
