import path from 'node:path';
import { test, expect } from './fixtures.js';

/**
 * Screenshots for the README (docs/screenshots). Not part of the normal run:
 * `SCREENSHOTS=1 npx playwright test screenshots`.
 */
test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to refresh docs/screenshots');

const out = (name: string) => path.resolve('docs/screenshots', name);

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
]) {
  test(`screens at ${viewport.width}×${viewport.height}`, async ({ page, host, onboarding, signIn, shell, settings }) => {
    // The full set at 1280×800; at 1024×768 only the screens whose layout changes.
    const full = viewport.width === 1280;
    const suffix = full ? '' : `-${viewport.width}`;
    await page.setViewportSize(viewport);
    await page.goto(host.openUrl);
    await expect(onboarding.heading).toBeVisible();
    await onboarding.submit.click(); // show the validation messages
    await expect(onboarding.shopName).toHaveAccessibleDescription(/请填写此项/);
    await page.screenshot({ path: out(`onboarding${suffix}.png`) });

    await onboarding.demoButton.click();
    await page.getByRole('button', { name: '去登录' }).click({ timeout: 20_000 });
    await expect(signIn.demoHint).toBeVisible();
    await signIn.staff('王店主').click();
    await page.keyboard.type('88');
    await page.screenshot({ path: out(`signin${suffix}.png`) });
    await page.keyboard.type('88');
    await page.keyboard.press('Enter');
    await expect(shell.heading('收银')).toBeVisible();
    await page.screenshot({ path: out(`shell${suffix}.png`) });

    await page.keyboard.press('F7');
    await settings.tab('员工管理').click();
    await expect(settings.staffRow('张小丽')).toBeVisible();
    await page.screenshot({ path: out(`settings-staff${suffix}.png`) });

    if (!full) return;

    await page.keyboard.press('F1');
    await expect(shell.helpDialog).toBeVisible();
    await page.screenshot({ path: out(`help${suffix}.png`) });
    await page.keyboard.press('Escape');

    await page.keyboard.press('Control+l');
    await expect(shell.lockDialog).toBeVisible();
    await page.screenshot({ path: out(`lock${suffix}.png`) });

    await page.keyboard.type('8888');
    await page.keyboard.press('Enter');
    await shell.language('English').click();
    await page.keyboard.press('F2');
    await expect(shell.heading('Checkout')).toBeVisible();
    await page.screenshot({ path: out(`shell-en${suffix}.png`) });
  });
}
