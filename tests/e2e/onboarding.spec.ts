import { test, expect, OWNER, SHOP_NAME } from './fixtures.js';

test('first run: onboarding validates, then creates the shop and its owner, who is signed in', async ({ page, host, onboarding, shell, signIn }) => {
  await page.goto(host.openUrl);
  await expect(onboarding.heading).toBeVisible();
  await expect(onboarding.shopName).toBeFocused();

  // Nothing filled in: messages next to the fields, focus on the first one.
  await onboarding.submit.click();
  await expect(onboarding.shopName).toHaveAccessibleDescription(/请填写此项/);
  await expect(onboarding.ownerName).toHaveAccessibleDescription(/请填写此项/);
  await expect(onboarding.pin).toHaveAccessibleDescription(/4–8 位数字/);
  await expect(onboarding.shopName).toBeFocused();

  // PINs that do not match.
  await onboarding.createShop({ shopName: SHOP_NAME, ownerName: OWNER.name, pin: OWNER.pin, pinConfirm: '9999' });
  await expect(onboarding.pinConfirm).toHaveAccessibleDescription('两次输入的密码不一致');

  await onboarding.pinConfirm.fill(OWNER.pin);
  await onboarding.submit.click();

  // Straight into the shell, signed in as the new owner.
  await expect(shell.heading('收银')).toBeVisible();
  await expect(shell.heading('收银')).toBeFocused();
  await expect(shell.statusBar).toContainText(OWNER.name);
  await expect(shell.statusBar).toContainText('店主');
  await expect(page.getByText(SHOP_NAME)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '店铺已创建' })).toBeVisible();

  // The shop exists now: signing out leads to sign-in, and the owner signs in again.
  await shell.toolbarButton('退出登录').click();
  await expect(signIn.heading).toBeVisible();
  await signIn.signIn(OWNER.name, OWNER.pin);
  await expect(shell.heading('收银')).toBeVisible();
  expect((await host.invoke('shop.status', {})).value).toMatchObject({ setUp: true, shopName: SHOP_NAME, demo: false });
});
