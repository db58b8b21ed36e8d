import fs from 'node:fs';
import { test, expect, OWNER } from './fixtures.js';
import { DEMO, apiSignIn, call, demoTill, openShift } from './pages/members-api.js';
import { MembersPage } from './pages/members-page.js';

test('a manager imports members from CSV; two bad rows are reported by line, the rest imported', async ({ page, host, signIn, shell, settings }) => {
  const { token } = await demoTill(host);
  await page.goto(host.openUrl);
  await signIn.signIn(DEMO.manager.name, DEMO.manager.pin);
  await expect(shell.heading('收银')).toBeVisible();
  await page.keyboard.press('F7');
  await settings.tab('导入导出会员').click();
  await expect(page.getByText('phone,name,card_no,birthday,gender,enrolled_at,tier,points,stored_value,tags,note')).toBeVisible();
  // Export is the owner's.
  await expect(page.getByRole('button', { name: '导出 CSV' })).toHaveCount(0);

  const csv = [
    'phone,name,card_no,birthday,gender,enrolled_at,tier,points,stored_value,tags,note',
    '13700001111,钱导入,,03-08,female,2024-05-01,银卡会员,120,50.00,老顾客|团购,从旧系统导入',
    '12345,坏号码,,,,,,,,,',
    '13700002222,李导入,,,male,,,0,,,',
    '13700003333,错生日,,02-30,,,,,,,',
    '13700004444,吴导入,,1990-12-01,,,,,,,',
  ].join('\n');
  await page.getByLabel('选择 CSV 文件').setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf-8') });
  await page.getByRole('button', { name: '导入', exact: true }).click();

  await expect(page.getByRole('heading', { name: '导入结果' })).toBeFocused();
  await expect(page.getByText('新增 3 位', { exact: true })).toBeVisible();
  await expect(page.getByText('有误 2 行', { exact: true })).toBeVisible();
  const bad = page.getByRole('table', { name: '有误的行' }).getByRole('row');
  await expect(bad).toHaveCount(3);
  await expect(bad.nth(1)).toContainText('3');
  await expect(bad.nth(1)).toContainText('手机号不正确');
  await expect(bad.nth(2)).toContainText('5');
  await expect(bad.nth(2)).toContainText('生日不正确');

  // The imported member is there with the tier, points and stored value from the file.
  const found = await call<{ members: Array<{ name: string; tier: { name: string }; points: number; storedValueFen: number }> }>(host, token, 'members.find', { query: '13700001111' });
  expect(found.members[0]).toMatchObject({ name: '钱导入', tier: { name: '银卡会员' }, points: 120, storedValueFen: 5000 });
  await page.keyboard.press('F3');
  const members = new MembersPage(page);
  await members.find('13700001111');
  await expect(members.profileHeading).toHaveText('钱导入');
  await expect(members.stat('储值余额')).toContainText('¥50.00');
});

test('an owner edits a tier: the new price percentage shows as the discount', async ({ page, host, setUpShop, signIn, shell, settings }) => {
  const { ownerId } = await setUpShop();
  const token = await apiSignIn(host, { id: ownerId, pin: OWNER.pin });
  await openShift(host, token);
  await page.goto(host.openUrl);
  await signIn.signIn(OWNER.name, OWNER.pin);
  await expect(shell.heading('收银')).toBeVisible();
  await page.keyboard.press('F7');
  await settings.tab('会员等级').click();
  const table = page.getByRole('table', { name: '会员等级' });
  const gold = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '金卡会员' }) });
  await expect(gold.locator('.tier-price')).toHaveText('9.5折');
  await expect(gold).toContainText('近 12 个月：消费满 ¥5,000.00');

  await gold.getByRole('button', { name: '编辑 金卡会员' }).click();
  const dialog = page.getByRole('dialog', { name: '编辑等级：金卡会员' });
  const price = dialog.getByLabel('会员折扣');
  await expect(price).toHaveValue('95');
  await expect(price).toHaveAccessibleDescription('按原价的百分比，当前为 9.5折');
  await price.fill('0');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(price).toBeFocused();
  await expect(price).toHaveAccessibleDescription(/请输入 1–100 的整数/);
  await price.fill('88');
  await expect(price).toHaveAccessibleDescription('按原价的百分比，当前为 8.8折');
  await dialog.getByLabel('积分比例（%）').fill('200');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '已保存等级 金卡会员' })).toBeVisible();
  await expect(gold.locator('.tier-price')).toHaveText('8.8折');
  await expect(gold).toContainText('×2');
  await expect(gold.getByRole('button', { name: '编辑 金卡会员' })).toBeFocused();

  // The core now prices gold members at 88%.
  const tiers = await call<Array<{ name: string; pricePct: number }>>(host, token, 'tiers.list', {});
  expect(tiers.find((t) => t.name === '金卡会员')?.pricePct).toBe(88);

  await page.getByRole('button', { name: '立即重新评定' }).click();
  await expect(page.getByRole('status').filter({ hasText: /重新评定完成：升级 0 人，降级 0 人/ })).toBeVisible();
});

test('an owner sets the points rules: expiry, member day and bonuses are kept', async ({ page, host, setUpShop, signIn, shell, settings }) => {
  const { ownerId } = await setUpShop();
  const token = await apiSignIn(host, { id: ownerId, pin: OWNER.pin });
  await openShift(host, token);
  await page.goto(host.openUrl);
  await signIn.signIn(OWNER.name, OWNER.pin);
  await expect(shell.heading('收银')).toBeVisible();
  await page.keyboard.press('F7');
  await settings.tab('积分规则').click();
  const form = page.getByRole('form', { name: '积分规则' });
  await expect(form.getByLabel('多少积分抵 1 元')).toHaveValue('100');
  await expect(form.getByLabel('多少积分抵 1 元')).toHaveAccessibleDescription('100 积分抵 ¥1');

  await form.getByRole('radio', { name: '次年年底过期' }).check();
  await form.getByRole('radio', { name: '每周' }).check();
  await form.getByLabel('星期几').selectOption({ label: '星期六' });
  await form.getByLabel('会员日积分比例（%）').fill('300');
  await form.getByLabel('开卡赠送').fill('abc');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByLabel('开卡赠送')).toBeFocused();
  await expect(form.getByLabel('开卡赠送')).toHaveAccessibleDescription('请输入 0–100000 的整数');
  await form.getByLabel('开卡赠送').fill('50');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status').filter({ hasText: '积分规则已保存' })).toBeVisible();

  const rules = await call<Record<string, unknown>>(host, token, 'rewards.rules', {});
  expect(rules).toMatchObject({ expiry: { mode: 'end_of_next_year' }, memberDay: { kind: 'weekday', weekday: 6 }, memberDayPointsPct: 300, enrolBonus: 50 });
  // Shown again as saved after leaving the tab.
  await settings.tab('会员等级').click();
  await settings.tab('积分规则').click();
  await expect(form.getByLabel('会员日积分比例（%）')).toHaveValue('300');
  await expect(form.getByLabel('会员日积分比例（%）')).toHaveAccessibleDescription('200 为双倍积分，当前为 ×3');
});

test('the owner exports the members as CSV in the import format, from Settings and from the members page', async ({ page, host, signIn, shell, settings }) => {
  await demoTill(host);
  await page.goto(host.openUrl);
  await signIn.signIn(DEMO.owner.name, DEMO.owner.pin);
  await expect(shell.heading('收银')).toBeVisible();
  await page.keyboard.press('F7');
  await settings.tab('导入导出会员').click();
  for (const where of ['settings', 'members'] as const) {
    if (where === 'members') await page.keyboard.press('F3');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^members-\d{8}\.csv$/);
    const text = fs.readFileSync(await file.path(), 'utf8');
    expect(text.startsWith('\uFEFFphone,name,card_no,birthday,gender,enrolled_at,tier,points,stored_value,tags,note')).toBe(true);
    expect(text.trim().split('\n').length).toBeGreaterThan(300); // the demo shop's 300 members and the header
  }
});
