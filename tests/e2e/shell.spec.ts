import type { Page } from '@playwright/test';
import { test, expect, OWNER } from './fixtures.js';
import { SignInPage } from './pages/signin-page.js';

async function signInAsOwner(page: Page, url: string) {
  await page.goto(url);
  await new SignInPage(page).signIn(OWNER.name, OWNER.pin);
}

test.beforeEach(async ({ page, host, setUpShop, shell }) => {
  await setUpShop();
  await signInAsOwner(page, host.openUrl);
  await expect(shell.heading('收银')).toBeVisible();
});

test('every section is reachable by its keyboard shortcut, and focus lands on its heading', async ({ page, shell }) => {
  const sections: Array<[string, string, string]> = [
    ['F3', 'Alt+2', '会员'],
    ['F4', 'Alt+3', '积分储值'],
    ['F5', 'Alt+4', '投诉关怀'],
    ['F6', 'Alt+5', '报表'],
    ['F7', 'Alt+6', '设置'],
    ['F2', 'Alt+1', '收银'],
  ];
  for (const [fkey, , name] of sections) {
    await page.keyboard.press(fkey);
    await expect(shell.heading(name)).toBeFocused();
    await expect(shell.navItem(name)).toHaveAttribute('aria-current', 'page');
  }
  for (const [, alt, name] of sections) {
    await page.keyboard.press(alt);
    await expect(shell.heading(name)).toBeFocused();
  }
  // The navigation buttons work too.
  await shell.navItem('会员').click();
  await expect(shell.heading('会员')).toBeFocused();
});

test('the status bar shows who is signed in, the devices and the time', async ({ shell }) => {
  await expect(shell.statusBar).toContainText(OWNER.name);
  await expect(shell.statusBar).toContainText('店主');
  await expect(shell.statusBar).toContainText('小票打印机：未配置');
  await expect(shell.statusBar).toContainText('扫码枪：未配置');
  await expect(shell.statusBar.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
});

test('F1 opens the shortcut help, Esc closes it and focus returns', async ({ page, shell }) => {
  await shell.navItem('会员').click();
  await shell.navItem('会员').focus();
  await page.keyboard.press('F1');
  await expect(shell.helpDialog).toBeVisible();
  for (const text of ['F1', 'F2', 'F7', 'Alt+1', 'Ctrl+L', 'Esc']) await expect(shell.helpDialog).toContainText(text);
  await expect(shell.helpDialog).toContainText('打开“设置”');
  // Section keys do nothing while it is open.
  await page.keyboard.press('F4');
  await expect(shell.heading('会员')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(shell.helpDialog).toBeHidden();
  await expect(shell.navItem('会员')).toBeFocused();

  // The toolbar button opens it as well.
  await shell.toolbarButton('快捷键').click();
  await expect(shell.helpDialog).toBeVisible();
  await shell.helpDialog.getByRole('button', { name: '关闭' }).click();
  await expect(shell.helpDialog).toBeHidden();
  await expect(shell.toolbarButton('快捷键')).toBeFocused();
});

test('lock with Ctrl+L and the button; unlock with the PIN; a wrong PIN is refused', async ({ page, shell }) => {
  await page.keyboard.press('F3');
  await page.keyboard.press('Control+l');
  await expect(shell.lockDialog).toBeVisible();
  await expect(shell.lockDialog).toContainText(`${OWNER.name}（店主）锁定了收银台`);
  await expect(shell.lockPin).toBeFocused();
  // Shortcuts are dead while locked.
  await page.keyboard.press('F7');
  await expect(shell.lockDialog).toBeVisible();

  await page.keyboard.type('9753');
  await page.keyboard.press('Enter');
  await expect(shell.alert('密码错误，还可尝试 4 次')).toBeVisible();
  await expect(shell.lockDialog).toBeVisible();

  await page.keyboard.type(OWNER.pin);
  await page.keyboard.press('Enter');
  await expect(shell.lockDialog).toBeHidden();
  await expect(shell.heading('会员')).toBeFocused();

  // Locked with the button, focus comes back to it after unlocking (pad used by mouse).
  await shell.toolbarButton('锁屏').click();
  await expect(shell.lockDialog).toBeVisible();
  const pad = shell.lockDialog.getByRole('group', { name: '数字键盘' });
  for (const d of OWNER.pin) await pad.getByRole('button', { name: d, exact: true }).click();
  await shell.lockDialog.getByRole('button', { name: '解锁' }).click();
  await expect(shell.lockDialog).toBeHidden();
  await expect(shell.toolbarButton('锁屏')).toBeFocused();

  // The lock survives a reload (the core keeps the session locked).
  await shell.toolbarButton('锁屏').click();
  await expect(shell.lockDialog).toBeVisible();
  await page.reload();
  await expect(shell.lockDialog).toBeVisible();
  await expect(shell.lockPin).toBeFocused();
  await page.keyboard.type(OWNER.pin);
  await page.keyboard.press('Enter');
  await expect(shell.lockDialog).toBeHidden();
  await expect(shell.heading('会员')).toBeFocused();
});

test('sign out from the shell and from the lock screen', async ({ page, shell, host }) => {
  const signIn = new SignInPage(page);
  await shell.toolbarButton('退出登录').click();
  await expect(signIn.heading).toBeVisible();
  await expect(shell.nav).toBeHidden();
  // The old session is gone: a reload stays on sign-in.
  await page.reload();
  await expect(signIn.heading).toBeVisible();

  await signIn.signIn(OWNER.name, OWNER.pin);
  await expect(shell.heading('收银')).toBeFocused();
  await page.keyboard.press('Control+l');
  await expect(shell.lockDialog).toBeVisible();
  await shell.lockDialog.getByRole('button', { name: '退出登录' }).click();
  await expect(signIn.heading).toBeVisible();
  expect(host.url).toBeTruthy();
});

test('a reload keeps the sign-in and the section', async ({ page, shell }) => {
  await page.keyboard.press('F5'); // the till's key for 投诉, never the browser's reload
  await expect(shell.heading('投诉关怀')).toBeVisible();
  await page.reload();
  await expect(shell.heading('投诉关怀')).toBeVisible();
  await expect(shell.statusBar).toContainText(OWNER.name);
});
