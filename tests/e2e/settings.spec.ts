import { test, expect, OWNER, SHOP_NAME } from './fixtures.js';

test.beforeEach(async ({ page, host, setUpShop, signIn, shell }) => {
  await setUpShop();
  await page.goto(host.openUrl);
  await signIn.signIn(OWNER.name, OWNER.pin);
  await expect(shell.heading('收银')).toBeFocused();
  await page.keyboard.press('F7');
  await expect(shell.heading('设置')).toBeFocused();
});

test('the owner adds a cashier, who can then sign in', async ({ page, settings, signIn, shell }) => {
  await settings.tab('员工管理').click();
  await expect(settings.staffRow(OWNER.name)).toBeVisible();

  // Validation first: a short PIN is refused next to its field.
  await settings.addForm.getByLabel('姓名', { exact: true }).fill('刘小明');
  await settings.addForm.getByLabel('密码（4–8 位数字）').fill('12');
  await settings.addForm.getByRole('button', { name: '添加员工' }).click();
  await expect(settings.addForm.getByLabel('密码（4–8 位数字）')).toHaveAccessibleDescription('密码须为 4–8 位数字');

  await settings.addStaff('刘小明', '收银员', '5678');
  await expect(page.getByRole('status').filter({ hasText: '已添加员工 刘小明' })).toBeVisible();
  const row = settings.staffRow('刘小明');
  await expect(row).toBeVisible();
  await expect(row.getByRole('combobox', { name: '刘小明 的角色' })).toHaveValue('cashier');
  await expect(row).toContainText('在职');
  await expect(settings.addForm.getByLabel('姓名', { exact: true })).toBeFocused();

  // The same name again is refused with a translated message.
  await settings.addStaff('刘小明', '收银员', '5678');
  await expect(shell.alert('已有同名的在职员工')).toBeVisible();

  await shell.toolbarButton('退出登录').click();
  await signIn.signIn('刘小明', '5678');
  await expect(shell.heading('收银')).toBeVisible();
  await expect(shell.statusBar).toContainText('刘小明');
  await expect(shell.navItem('设置')).toHaveCount(0);
});

test('the last owner cannot be demoted or deactivated; other staff can', async ({ page, settings, shell }) => {
  await settings.tab('员工管理').click();
  const me = settings.staffRow(OWNER.name);
  await me.getByRole('combobox', { name: `${OWNER.name} 的角色` }).selectOption('cashier');
  await expect(shell.alert('店铺至少要保留一位在职店主')).toBeVisible();
  await expect(me.getByRole('combobox')).toHaveValue('owner');

  await me.getByRole('button', { name: `停用 ${OWNER.name}` }).click();
  const confirm = page.getByRole('alertdialog', { name: `停用 ${OWNER.name}` });
  await confirm.getByRole('button', { name: '停用' }).click();
  await expect(shell.alert('店铺至少要保留一位在职店主')).toBeVisible();

  await settings.addStaff('赵店长', '店长', '4321');
  const row = settings.staffRow('赵店长');
  await row.getByRole('button', { name: '停用 赵店长' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '停用' }).click();
  await expect(row).toContainText('已停用');
  await expect(row.getByRole('button', { name: '启用 赵店长' })).toBeFocused();

  await row.getByRole('button', { name: '重置 赵店长 的密码' }).click();
  const reset = page.getByRole('dialog', { name: '重置 赵店长 的密码' });
  await reset.getByLabel('新密码（4–8 位数字）').fill('1234');
  await reset.getByLabel('确认新密码').fill('1234');
  await reset.getByRole('button', { name: '重置密码' }).click();
  await expect(reset).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '已重置 赵店长 的密码' })).toBeVisible();
});

test('shop settings are saved and the audit log pages through what happened', async ({ page, settings }) => {
  await settings.tab('店铺设置').click();
  const name = page.getByLabel('店铺名称');
  await expect(name).toHaveValue(SHOP_NAME);
  await name.fill('');
  await page.getByRole('form', { name: '店铺设置' }).getByRole('button', { name: '保存' }).click();
  await expect(name).toHaveAccessibleDescription('请填写此项');
  await name.fill('新名字小店');
  await page.getByLabel('小票页脚').fill('多谢光临');
  await page.getByRole('form', { name: '店铺设置' }).getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status').filter({ hasText: '店铺设置已保存' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('新名字小店');

  await settings.tab('操作日志').click();
  const log = page.getByRole('table', { name: '操作记录' });
  await expect(log.getByRole('row', { name: /修改店铺设置/ })).toBeVisible();
  await expect(log.getByRole('row', { name: /创建店铺/ })).toBeVisible();
  await expect(page.getByText(/第 1 \/ 1 页，共 \d+ 条/)).toBeVisible();

  await settings.tab('系统信息').click();
  await expect(page.getByText('数据库结构版本')).toBeVisible();
});
