import { test, expect, OWNER } from './fixtures.js';
import { SignInPage } from './pages/signin-page.js';

const EN_SIGNIN = { heading: 'Staff sign-in', staff: 'Choose who you are', pin: 'PIN', submit: 'Sign in', demo: 'Sample PINs of this demo shop' };

test('switching the language changes the UI at once and is remembered for the staff member', async ({ page, host, setUpShop, signIn, shell }) => {
  await setUpShop();
  await page.goto(host.openUrl);
  await signIn.signIn(OWNER.name, OWNER.pin);
  await expect(shell.heading('收银')).toBeVisible();

  await shell.language('English').click();
  await expect(shell.heading('Checkout')).toBeVisible();
  await expect(shell.navItem('Members')).toBeVisible();
  await expect(shell.statusBar).toContainText('Owner');
  await expect(shell.statusBar).toContainText('Receipt printer: Not set up');
  await expect(shell.language('English')).toHaveAttribute('aria-pressed', 'true');
  await expect(shell.language('English')).toBeFocused();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // Signing out returns to the shop's language for the next person.
  await shell.toolbarButton('Sign out').click();
  await expect(signIn.heading).toBeVisible();

  // After a reload and a new sign-in, the owner's choice comes back.
  await page.reload();
  await expect(signIn.heading).toBeVisible();
  await signIn.signIn(OWNER.name, OWNER.pin);
  await expect(shell.heading('Checkout')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // Back to Chinese, remembered too.
  await shell.language('中文').click();
  await expect(shell.heading('收银')).toBeVisible();
  await shell.toolbarButton('退出登录').click();
  await signIn.signIn(OWNER.name, OWNER.pin);
  await expect(shell.heading('收银')).toBeVisible();
});

test('the sign-in screen switches language without remembering it for anyone', async ({ page, host, setUpShop, signIn, shell }) => {
  await setUpShop();
  await page.goto(host.openUrl);
  await page.getByRole('button', { name: 'English', exact: true }).click();
  const en = new SignInPage(page, EN_SIGNIN);
  await expect(en.heading).toBeVisible();
  await en.signIn(OWNER.name, OWNER.pin);
  // The owner never chose a language, so the UI stays as the sign-in screen had it…
  await expect(shell.heading('Checkout')).toBeVisible();
  await shell.toolbarButton('Sign out').click();
  // …but nothing was stored for them: after sign-out the shop's language is back and stays.
  await expect(signIn.heading).toBeVisible();
  await signIn.signIn(OWNER.name, OWNER.pin);
  await expect(shell.heading('收银')).toBeVisible();
});
