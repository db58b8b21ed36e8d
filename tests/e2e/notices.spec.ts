import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.js';
import { CheckoutPage, signInByKeyboard } from './pages/checkout-page.js';
import { demoShop } from './pages/checkout-shop.js';

/** What the notices cover: the focused element, and any visible field (input, select, textarea). */
async function covered(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const hit = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const notices = Array.from(document.querySelectorAll('.notice')).map((n) => n.getBoundingClientRect());
    const named = (el: Element) => `${el.tagName.toLowerCase()}#${el.id || el.getAttribute('aria-label') || '?'}`;
    const out: string[] = [];
    const focused = document.activeElement;
    if (focused && focused !== document.body && notices.some((n) => hit(n, focused.getBoundingClientRect()))) out.push(`focused ${named(focused)}`);
    for (const f of Array.from(document.querySelectorAll('input:not([type="hidden"]), select, textarea'))) {
      const r = f.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && notices.some((n) => hit(n, r))) out.push(named(f));
    }
    return out;
  });
}

test('three notices in a row never cover the focused field, and each is gone after its time while dialogs open and close', async ({ page, host }) => {
  test.setTimeout(60_000);
  await demoShop(host); // no shift open: the 开班 float field is on the till
  const co = new CheckoutPage(page);
  await page.goto(host.openUrl);
  await signInByKeyboard(page, '张小丽', '1111');
  await expect(co.heading).toBeFocused();
  const float = page.locator('#shift-float');
  await float.focus();
  await expect(float).toBeFocused();

  const notices = page.locator('.notice');
  const started = Date.now();
  await page.keyboard.press('F9'); // nothing to hold
  await expect(notices).toHaveCount(1);
  expect(await covered(page)).toEqual([]);
  await page.keyboard.press('Alt+KeyP'); // points need a member: focus moves to the member field
  await expect(notices).toHaveCount(2);
  expect(await covered(page)).toEqual([]);
  await page.keyboard.press('F12'); // nothing to pay: focus moves to the search box
  await expect(notices).toHaveCount(3);
  await expect(co.search).toBeFocused();
  expect(await covered(page)).toEqual([]);

  // Dialogs open and close (the region moves into each and back): no notice starts its time again.
  const resume = page.getByRole('dialog');
  while (Date.now() - started < 9_000) {
    await page.keyboard.press('F10');
    await expect(resume).toBeVisible();
    expect(await covered(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(resume).toBeHidden();
    await page.waitForTimeout(700);
  }
  await expect(notices).toHaveCount(3); // errors stay 12 s: not gone early either
  await expect(notices).toHaveCount(0, { timeout: Math.max(1_000, started + 12_000 + 2_000 - Date.now()) });
});
