import { test as base, expect } from '@playwright/test';
import { startHost, type TestHost } from './host.js';
import { OnboardingPage } from './pages/onboarding-page.js';
import { SignInPage } from './pages/signin-page.js';
import { ShellPage } from './pages/shell-page.js';
import { SettingsPage } from './pages/settings-page.js';

export const OWNER = { name: '陈老板', pin: '2468' } as const;
export const SHOP_NAME = '街角小超市';

interface Fixtures {
  /** The shop's clock for the host (a local date-time, then running on; host.setClock moves it). Unset: the system clock. */
  hostClock: string | undefined;
  /** A fresh browser host on a fresh data folder, stopped after the test. */
  host: TestHost;
  onboarding: OnboardingPage;
  signIn: SignInPage;
  shell: ShellPage;
  settings: SettingsPage;
  /** Creates the shop and its owner through the API (for tests about what comes after onboarding). */
  setUpShop: (locale?: 'zh-CN' | 'en') => Promise<{ ownerId: number }>;
  /** Fails the test on uncaught page errors and Content-Security-Policy violations. */
  pageGuard: void;
}

export const test = base.extend<Fixtures>({
  hostClock: [undefined, { option: true }],
  host: async ({ hostClock }, use) => {
    const host = await startHost(hostClock ? { clock: hostClock } : {});
    try {
      await use(host);
    } finally {
      await host.stop();
    }
  },
  onboarding: async ({ page }, use) => use(new OnboardingPage(page)),
  signIn: async ({ page }, use) => use(new SignInPage(page)),
  shell: async ({ page }, use) => use(new ShellPage(page)),
  settings: async ({ page }, use) => use(new SettingsPage(page)),
  setUpShop: async ({ host }, use) =>
    use(async (locale = 'zh-CN') => {
      const r = await host.invoke('shop.setup', { shopName: SHOP_NAME, receiptHeader: '', locale, owner: { ...OWNER } });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      return { ownerId: (r.value as { owner: { id: number } }).owner.id };
    }),
  pageGuard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error' && /Content.Security.Policy|Refused to/i.test(msg.text())) problems.push(`CSP: ${msg.text()}`);
      });
      await use();
      expect(problems, 'the page reported errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
