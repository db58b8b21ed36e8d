import { test, expect, OWNER } from './fixtures.js';

test.beforeEach(async ({ setUpShop }) => {
  await setUpShop();
});

test('a wrong PIN shows the attempts left; the right one signs in', async ({ page, host, signIn, shell }) => {
  await page.goto(host.openUrl);
  await expect(signIn.heading).toBeVisible();
  // The only staff member is preselected and the PIN field has focus.
  await expect(signIn.staff(OWNER.name)).toHaveAttribute('aria-checked', 'true');
  await expect(signIn.pin).toBeFocused();

  await page.keyboard.type('1357');
  await page.keyboard.press('Enter');
  await expect(shell.alert('密码错误，还可尝试 4 次')).toBeVisible();
  await expect(signIn.pin).toHaveValue('');
  await expect(signIn.pin).toBeFocused();

  await page.keyboard.type('0000');
  await page.keyboard.press('Enter');
  await expect(shell.alert('还可尝试 3 次')).toBeVisible();

  // The pad works by mouse too, Backspace included.
  for (const d of OWNER.pin) await signIn.padKey(d).click();
  await signIn.padKey('9').click();
  await signIn.padKey('删除').click();
  await expect(signIn.pin).toHaveValue(OWNER.pin);
  await expect(signIn.pin).toBeFocused();
  await signIn.submit.click();
  await expect(shell.heading('收银')).toBeVisible();
});

test('five wrong PINs lock the account until a stated time', async ({ page, host, signIn, shell }) => {
  await page.goto(host.openUrl);
  await expect(signIn.pin).toBeFocused();
  for (let i = 0; i < 5; i++) {
    await page.keyboard.type('1111');
    await page.keyboard.press('Enter');
    if (i < 4) await expect(shell.alert(`还可尝试 ${4 - i} 次`)).toBeVisible();
  }
  await expect(shell.alert(/账号已锁定至 \d{2}:\d{2}/)).toBeVisible();
  // Even the right PIN is refused until then.
  await page.keyboard.type(OWNER.pin);
  await page.keyboard.press('Enter');
  await expect(shell.alert('账号已锁定至')).toBeVisible();
  await expect(signIn.heading).toBeVisible();
});

test('digits typed anywhere on the sign-in screen reach the PIN field', async ({ page, host, signIn, shell }) => {
  await page.goto(host.openUrl);
  await signIn.staff(OWNER.name).focus();
  await page.keyboard.type(OWNER.pin.slice(0, 2));
  await expect(signIn.pin).toBeFocused();
  await page.keyboard.type(OWNER.pin.slice(2));
  await page.keyboard.press('Enter');
  await expect(shell.heading('收银')).toBeVisible();
});
