import { test, expect } from './fixtures.js';
import { DEMO, apiSignIn, call, demoTill, enrol, randomPhone, sellTo } from './pages/members-api.js';
import { MembersPage } from './pages/members-page.js';

test('a manager filters the member list by tier and birthday month, opens a profile and reveals the phone; a cashier cannot', async ({ page, host, signIn, shell }) => {
  const { token } = await demoTill(host);
  const tiers = await call<Array<{ id: number; name: string }>>(host, token, 'tiers.list', {});
  const entry = tiers[0]!;
  const expected = await call<{ total: number; items: Array<{ id: number; birthday: string | null }> }>(host, token, 'members.list', {
    offset: 0,
    limit: 5,
    filter: { tierId: entry.id, birthdayMonth: 3, sort: 'recent' },
  });
  expect(expected.total).toBeGreaterThan(0);

  await page.goto(host.openUrl);
  await signIn.signIn(DEMO.manager.name, DEMO.manager.pin);
  await expect(shell.heading('收银')).toBeVisible();
  await page.keyboard.press('F3');
  await expect(shell.heading('会员')).toBeFocused();
  const members = new MembersPage(page);
  await expect(members.count).toHaveText('共 300 位会员');

  // Virtualised: the table says it has 300 rows but only those in view are in the page.
  await expect(members.table).toHaveAttribute('aria-rowcount', '301');
  expect(await members.rows.count()).toBeLessThan(60);
  // Keyboard: End goes to the last member (a page fetched on demand), Home back to the first.
  await members.rows.first().getByRole('button').focus();
  await page.keyboard.press('End');
  const lastButton = members.table.locator('[aria-rowindex="301"]').getByRole('button');
  await expect(lastButton).toBeFocused();
  await expect(lastButton).not.toHaveText('正在加载…');
  await page.keyboard.press('Home');
  await expect(members.table.locator('[aria-rowindex="2"]').getByRole('button')).toBeFocused();

  await members.filter('会员等级').selectOption({ label: entry.name });
  await members.filter('生日月份').selectOption({ label: '3月' });
  await expect(members.count).toHaveText(`共 ${expected.total} 位会员`);
  const shown = Math.min(expected.total, 5);
  for (let i = 0; i < shown; i++) await expect(members.rows.nth(i).getByRole('cell').nth(7)).toContainText('3月');
  await expect(members.rows.first().getByRole('cell').nth(3)).toHaveText(entry.name);

  // Open the first one: masked phone, then the manager reveals it.
  const first = members.rows.first();
  const masked = (await first.getByRole('cell').nth(1).textContent())!;
  expect(masked).toMatch(/^1\d{2}\*{4}\d{4}$/);
  await first.getByRole('button').click();
  await expect(members.profileHeading).toBeFocused();
  await expect(members.phone).toHaveText(masked);
  await page.getByRole('button', { name: '显示完整号码' }).click();
  await expect(members.phone).toHaveText(new RegExp(`^${masked.slice(0, 3)}\\d{4}${masked.slice(-4)}$`));
  await expect(page.getByRole('button', { name: '隐藏号码' })).toBeFocused();
  const fullPhone = (await members.phone.textContent())!;

  // Back to the list: the filter is kept and the row that opened the profile has focus again.
  await page.getByRole('button', { name: '← 返回会员列表' }).click();
  await expect(members.count).toHaveText(`共 ${expected.total} 位会员`);
  await expect(members.rows.first().getByRole('button')).toBeFocused();

  // A cashier looks the same member up: masked phone, nothing to reveal, no list.
  await shell.toolbarButton('退出登录').click();
  await signIn.signIn(DEMO.cashier.name, DEMO.cashier.pin);
  await expect(shell.heading('收银')).toBeVisible();
  await page.keyboard.press('F3');
  await expect(shell.heading('会员')).toBeVisible();
  await expect(members.table).toHaveCount(0);
  await members.find(fullPhone);
  await expect(members.profileHeading).toBeVisible();
  await expect(members.phone).toHaveText(masked);
  await expect(page.getByRole('button', { name: '显示完整号码' })).toHaveCount(0);
  await expect(page.getByText(fullPhone)).toHaveCount(0);
});

test('quick enrolment from the Members page, then the member is found by the last four digits', async ({ page, host, signIn, shell }) => {
  await demoTill(host);
  const phone = randomPhone();
  const last4 = phone.slice(-4);
  await page.goto(host.openUrl);
  await signIn.signIn(DEMO.cashier.name, DEMO.cashier.pin);
  await expect(shell.heading('收银')).toBeVisible();
  await page.keyboard.press('F3');
  await expect(shell.heading('会员')).toBeFocused();
  const members = new MembersPage(page);

  await members.enrolButton.click();
  const dialog = page.getByRole('dialog', { name: '快速开卡' });
  await expect(dialog.getByLabel('手机号', { exact: true })).toBeFocused();
  await dialog.getByLabel('手机号', { exact: true }).fill(`${phone.slice(0, 3)} ${phone.slice(3, 7)} ${last4}`);
  await dialog.getByLabel(/^姓名/).fill('林小雨');
  await dialog.getByLabel(/^生日/).fill('13-40');
  await dialog.getByRole('radio', { name: '女' }).check();
  await dialog.getByLabel(/^标签/).fill('学生');
  await dialog.getByLabel(/^标签/).press('Enter');
  await expect(dialog.getByRole('button', { name: '移除标签 学生' })).toBeVisible();
  await dialog.getByLabel('同意接收优惠信息').check();
  await dialog.getByRole('button', { name: '开卡', exact: true }).click();
  // The birthday is checked before anything is sent.
  await expect(dialog.getByLabel(/^生日/)).toBeFocused();
  await expect(dialog.getByLabel(/^生日/)).toHaveAccessibleDescription(/请按 MM-DD 或 YYYY-MM-DD 填写生日/);
  await dialog.getByLabel(/^生日/).fill('05-20');
  await dialog.getByRole('button', { name: '开卡', exact: true }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: /开卡成功，卡号 29\d{11}/ })).toBeVisible();
  await expect(members.profileHeading).toHaveText('林小雨');
  await expect(members.phone).toHaveText(`${phone.slice(0, 3)}****${last4}`);
  await expect(page.getByRole('list', { name: '标签' })).toContainText('学生');
  await expect(page.getByText('5月20日')).toBeVisible();

  // A cashier edits the name and note; the phone is a manager's to change.
  await members.action('编辑资料').click();
  const edit = page.getByRole('dialog', { name: '编辑会员资料' });
  await expect(edit.getByText('修改手机号需要店长操作。')).toBeVisible();
  await expect(edit.getByLabel('新手机号')).toHaveCount(0);
  await edit.getByLabel(/^姓名/).fill('林小雨2');
  await edit.getByLabel(/^备注/).fill('喜欢酸奶');
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(edit).toBeHidden();
  await expect(members.profileHeading).toHaveText('林小雨2');
  await expect(page.getByText('喜欢酸奶')).toBeVisible();
  await expect(members.action('编辑资料')).toBeFocused();

  // The same phone again is refused next to the field.
  await members.enrolButton.click();
  await dialog.getByLabel('手机号', { exact: true }).fill(phone);
  await dialog.getByRole('button', { name: '开卡', exact: true }).click();
  await expect(shell.alert('这个手机号已经是会员了')).toBeVisible();
  await expect(dialog.getByLabel('手机号', { exact: true })).toHaveAccessibleDescription(/这个手机号已经是会员了/);
  await dialog.getByRole('button', { name: '取消' }).click();

  await page.getByRole('button', { name: '← 返回查询' }).click();
  await expect(members.lookup).toBeFocused();
  await members.find(last4);
  await expect(page.getByRole('status').filter({ hasText: /找到 \d+ 位会员/ })).toBeVisible();
  // Focus moves to the first of the short list (a demo member may share the last four digits).
  await expect(members.lookupResults.getByRole('button').first()).toBeFocused();
  const hit = members.result(/林小雨2/);
  await expect(hit).toContainText(`${phone.slice(0, 3)}****${last4}`);
  await hit.click();
  await expect(members.profileHeading).toHaveText('林小雨2');
});

test('merging two cards of one person: the kept profile shows both purchase histories and the summed points', async ({ page, host, signIn, shell }) => {
  const { token } = await demoTill(host);
  const a = await enrol(host, token, randomPhone(), '周合并');
  const b = await enrol(host, token, randomPhone(), '周合并');
  const saleA = await sellTo(host, token, a.id, 3, 0);
  const saleB = await sellTo(host, token, b.id, 4, 1);
  const pointsA = (await call<{ balance: number }>(host, token, 'points.summary', { memberId: a.id })).balance;
  const pointsB = (await call<{ balance: number }>(host, token, 'points.summary', { memberId: b.id })).balance;
  expect(pointsA + pointsB).toBeGreaterThan(0);
  const phoneB = (await call<{ phone: string }>(host, token, 'members.revealPhone', { id: b.id })).phone;
  await call(host, token, 'complaints.log', { channel: 'in_store', category: 'waiting', severity: 'low', description: '排队太久了', memberId: b.id });

  await page.goto(host.openUrl);
  await signIn.signIn(DEMO.manager.name, DEMO.manager.pin);
  await expect(shell.heading('收银')).toBeVisible();
  await page.keyboard.press('F3');
  const members = new MembersPage(page);
  await members.find(a.cardNo); // a card scan opens the profile at once
  await expect(members.profileHeading).toHaveText('周合并');
  await expect(members.history).toContainText(saleA.receiptNo);
  await expect(members.history).not.toContainText(saleB.receiptNo);

  await members.action('合并重复会员').click();
  const dialog = page.getByRole('dialog', { name: '合并重复会员' });
  const search = dialog.getByRole('searchbox', { name: '查找重复的会员' });
  await expect(search).toBeFocused();
  await search.fill(phoneB);
  await search.press('Enter');
  await dialog.getByRole('button', { name: /周合并/ }).click();
  await expect(dialog.getByRole('heading', { name: '合并后关闭' })).toBeVisible();
  await expect(dialog).toContainText(b.cardNo);
  await dialog.getByRole('button', { name: '确认合并' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `已合并卡号 ${b.cardNo}` })).toBeVisible();

  await expect(members.history).toContainText(saleA.receiptNo);
  await expect(members.history).toContainText(saleB.receiptNo);
  await expect(members.stat('积分')).toContainText(String(pointsA + pointsB));
  await expect(members.stat('消费次数')).toContainText('2');
  // The duplicate's complaint moved with it and shows on the kept profile.
  const complaints = page.getByRole('region', { name: /^投诉记录/ });
  await expect(complaints.getByRole('row', { name: /排队太久了/ })).toContainText('等待时间');
  await expect(members.action('合并重复会员')).toBeFocused();

  // Freeze with a reason, then unfreeze.
  await members.action('冻结').click();
  const freeze = page.getByRole('dialog', { name: '冻结会员卡' });
  await freeze.getByRole('button', { name: '冻结' }).click();
  await expect(freeze.getByLabel('原因')).toHaveAccessibleDescription('请填写此项');
  await freeze.getByLabel('原因').fill('卡片遗失');
  await freeze.getByRole('button', { name: '冻结' }).click();
  await expect(freeze).toBeHidden();
  await expect(page.getByText('此会员卡已冻结，结账时不能使用。')).toBeVisible();
  await expect(members.action('解冻')).toBeFocused();
  await members.action('解冻').click();
  await page.getByRole('dialog', { name: '解冻会员卡' }).getByRole('button', { name: '解冻' }).click();
  await expect(page.getByText('此会员卡已冻结，结账时不能使用。')).toHaveCount(0);

  // The duplicate is closed and no longer found.
  await page.getByRole('button', { name: '← 返回会员列表' }).click();
  await members.find(phoneB);
  await expect(page.getByRole('status').filter({ hasText: `没有找到“${phoneB}”对应的会员。` })).toBeVisible();
});

test('an owner erases a member on request: personal data gone, sales kept', async ({ page, host, signIn, shell }) => {
  const { staff } = await demoTill(host);
  const token = await apiSignIn(host, staff.owner);
  const phone = randomPhone();
  const m = await enrol(host, token, phone, '赵删除', { birthday: '1988-07-14', note: '住 3 号楼', tags: ['老顾客'] });
  const sale = await sellTo(host, token, m.id, 1, 2);

  await page.goto(host.openUrl);
  await signIn.signIn(DEMO.owner.name, DEMO.owner.pin);
  await expect(shell.heading('收银')).toBeVisible();
  await page.keyboard.press('F3');
  const members = new MembersPage(page);
  await members.find(phone);
  await expect(members.profileHeading).toHaveText('赵删除');
  await expect(page.getByText('住 3 号楼')).toBeVisible();

  await members.action('删除个人信息').click();
  const dialog = page.getByRole('alertdialog', { name: '删除会员个人信息' });
  await expect(dialog).toContainText('消费记录会匿名保留用于记账');
  await expect(dialog.getByRole('button', { name: '取消' })).toBeFocused();
  // Nothing can be erased before the confirmation is ticked, nor without a reason.
  await expect(dialog.getByRole('button', { name: '永久删除' })).toBeDisabled();
  await dialog.getByLabel('我已核实顾客身份，确认删除').check();
  await dialog.getByRole('button', { name: '永久删除' }).click();
  await expect(dialog.getByLabel('删除原因')).toBeFocused();
  await expect(dialog.getByLabel('删除原因')).toHaveAccessibleDescription(/请填写此项/);
  await dialog.getByLabel('删除原因').fill('顾客本人要求注销');
  await dialog.getByRole('button', { name: '永久删除' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '会员个人信息已删除' })).toBeVisible();

  await expect(members.profileHeading).toHaveText('已删除个人信息的会员');
  await expect(page.getByText('该会员的个人信息已按本人要求删除')).toBeVisible();
  await expect(members.phone).toHaveText('—');
  await expect(page.getByText('住 3 号楼')).toHaveCount(0);
  await expect(page.getByText('赵删除')).toHaveCount(0);
  await expect(members.history).toContainText(sale.receiptNo);
  await expect(page.getByRole('group', { name: '会员操作' })).toHaveCount(0);
  // Focus did not fall to the page body when the actions went away.
  await expect(page.locator('body')).not.toBeFocused();
  await expect(shell.heading('会员')).toBeVisible();
});
