import { test, expect } from './fixtures.js';

test('explore with demo data, then sign in as the demo cashier, who sees no Settings or Reports', async ({ page, host, onboarding, signIn, shell }) => {
  await page.goto(host.openUrl);
  await onboarding.demoButton.click();

  const ready = page.getByRole('heading', { level: 1, name: '演示店铺已就绪' });
  await expect(ready).toBeVisible({ timeout: 20_000 });
  const demoStaff = page.getByRole('table', { name: '演示员工' });
  await expect(demoStaff.getByRole('row', { name: /张小丽 收银员 1111/ })).toBeVisible();
  await expect(demoStaff.getByRole('row', { name: /王店主 店主 8888/ })).toBeVisible();
  const goOn = page.getByRole('button', { name: '去登录' });
  await expect(goOn).toBeFocused();
  await goOn.click();

  // The sign-in screen of a demo shop hints the sample PINs.
  await expect(signIn.heading).toBeVisible();
  await expect(signIn.demoHint).toContainText('张小丽（收银员）：1111');
  const hinted = /张小丽（收银员）：(\d+)/.exec((await signIn.demoHint.textContent()) ?? '')![1]!;
  await signIn.signIn('张小丽', hinted);

  await expect(shell.heading('收银')).toBeVisible();
  await expect(shell.statusBar).toContainText('张小丽');
  await expect(shell.statusBar).toContainText('收银员');
  for (const name of ['收银', '会员', '积分储值', '投诉关怀']) await expect(shell.navItem(name)).toBeVisible();
  await expect(shell.navItem('设置')).toHaveCount(0);
  await expect(shell.navItem('报表')).toHaveCount(0);

  // Their shortcuts are refused with a message, and the page stays where it was.
  await page.keyboard.press('F7');
  await expect(shell.alert('您没有权限执行此操作')).toBeVisible();
  await expect(shell.heading('收银')).toBeVisible();
  await page.keyboard.press('F6');
  await expect(shell.heading('收银')).toBeVisible();
  // The help lists only what they can open.
  await page.keyboard.press('F1');
  await expect(shell.helpDialog).not.toContainText('设置');
  await page.keyboard.press('Escape');

  // Everyone can change their own PIN.
  await shell.toolbarButton('修改密码').click();
  const dialog = page.getByRole('dialog', { name: '修改密码' });
  await dialog.getByLabel('当前密码').fill(hinted);
  await dialog.getByLabel('新密码（4–8 位数字）').fill('2580');
  await dialog.getByLabel('确认新密码').fill('2580');
  await dialog.getByRole('button', { name: '修改密码' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '密码已修改' })).toBeVisible();
  await expect(shell.toolbarButton('修改密码')).toBeFocused();
});
