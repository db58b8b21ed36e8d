import { test, expect, OWNER } from './fixtures.js';

test('/api/invoke refuses requests without the secret or with a wrong one', async ({ host, request }) => {
  const envelope = { method: 'shop.status', input: {} };
  const none = await request.post(new URL('/api/invoke', host.url).href, { data: envelope });
  expect(none.status()).toBe(401);
  const wrong = await request.post(new URL('/api/invoke', host.url).href, { data: envelope, headers: { 'x-pos-secret': 'not-the-secret' } });
  expect(wrong.status()).toBe(401);
  const right = await request.post(new URL('/api/invoke', host.url).href, { data: envelope, headers: { 'x-pos-secret': host.secret } });
  expect(right.status()).toBe(200);
  expect(await right.json()).toMatchObject({ ok: true, value: { setUp: false } });
});

test('the page without the secret explains to open the printed link', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: '请打开启动时打印的链接' })).toBeVisible();
  await expect(page.getByText(/npm start/)).toBeVisible();
  // In English too.
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Open the link printed by npm start' })).toBeVisible();

  // Then opening the printed link in the same tab (only the fragment changes) gets in.
  await page.goto(host.openUrl);
  await expect(page.getByRole('heading', { level: 1, name: /欢迎使用收银台|Welcome to Counter POS/ })).toBeVisible();
  expect(page.url()).toBe(host.url);
});

test('the secret leaves the address bar but survives a reload', async ({ page, host, onboarding }) => {
  await page.goto(host.openUrl);
  await expect(onboarding.heading).toBeVisible();
  expect(page.url()).toBe(host.url);
  expect(page.url()).not.toContain(host.secret);
  await page.reload();
  await expect(onboarding.heading).toBeVisible();
});

test('a wrong secret in the link shows that the link no longer works', async ({ page, host }) => {
  await page.goto(`${host.url}#k=stale-secret`);
  await expect(page.getByRole('heading', { level: 1, name: '请打开启动时打印的链接' })).toBeVisible();
  await expect(page.getByText('这个链接已失效')).toBeVisible();
});

test('the built app ships no source maps, and the host serves none', async ({ host, request }) => {
  const html = await (await request.get(host.url)).text();
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => new URL(m[1]!, host.url).href);
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) {
    const js = await request.get(src);
    expect(js.status()).toBe(200);
    expect(await js.text()).not.toContain('sourceMappingURL');
    expect((await request.get(`${src}.map`)).status()).toBe(404);
  }
});

test('the page opens its event stream with a single-use ticket, never with the secret in the address', async ({ page, host, setUpShop, signIn, shell }) => {
  await setUpShop();
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  const stream = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/events');
  await page.goto(host.openUrl);
  await signIn.signIn(OWNER.name, OWNER.pin);
  await expect(shell.heading('收银')).toBeFocused();
  const opened = await stream;
  expect(opened.status()).toBe(200);
  const ticket = new URL(opened.url()).searchParams.get('t');
  expect(ticket).toBeTruthy();
  expect(urls.some((u) => new URL(u).pathname === '/api/events-ticket')).toBe(true);
  expect(urls.filter((u) => u.includes(host.secret))).toEqual([]);
  // Spent: the same address opens nothing a second time.
  const again = await fetch(opened.url());
  expect(again.status).toBe(401);
});
