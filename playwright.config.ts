import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the built renderer (dist/renderer: run `npx vite build` first)
 * through the loopback browser host, one fresh host and data folder per test
 * (tests/e2e/fixtures.ts). Debian's chromium, not Playwright's own download.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: true,
  workers: 2,
  // On CI one retry: a test that fails then passes is reported as flaky (and its first
  // attempt's page snapshot printed by .ci/run); one that fails twice fails the run.
  retries: process.env.CI ? 1 : 0,
  timeout: 45_000,
  expect: { timeout: 7_000 },
  reporter: 'list',
  outputDir: 'test-results',
  use: {
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
