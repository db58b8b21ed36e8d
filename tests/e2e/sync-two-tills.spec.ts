import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, OWNER } from './fixtures.js';
import { startHost, type TestHost } from './host.js';
import { CheckoutPage } from './pages/checkout-page.js';
import { SignInPage } from './pages/signin-page.js';
import { MembersPage } from './pages/members-page.js';
import { PRODUCTS } from '../helpers/shop.js';
import { testDatabase } from '../helpers/postgres.js';
import { openDb } from '../../server/db/pool.js';
import { migrateServer } from '../../server/db/migrate.js';
import { startShopServer, type ShopServer } from '../../server/http/server.js';
import { createPairingCode } from '../../server/pairing.js';
import { loadOrCreateIdentity } from '../../server/tls.js';

/**
 * Issue 14 at two counters: two browser-host tills (two processes, two data folders) and a
 * shop server on loopback (HTTPS, real PostgreSQL, its certificate in a folder as `pos server`
 * keeps it). Till 1, with a shop of its own, joins in Settings › 多收银台; till 2, newly
 * installed, joins from its first-run screen and receives the shop, then its cashier signs in
 * with their own PIN. A member enrolled at till 1 is found at till 2's checkout; till 2's sales show in
 * till 1's dashboard, per till; with the server gone both tills say 离线 and till 2 sells on
 * with its backlog shown; with the server back (same certificate, same address) both go back
 * to 在线, the backlog drains and till 1 sees the sale.
 */
const CASHIER = { name: '收银小王', pin: '1357' } as const;
const COLA = PRODUCTS[0]!; // 可口可乐 330ml, ¥3.00
const PHONE = `1391234${String(1000 + Math.floor(Math.random() * 9000))}`;

async function api(host: TestHost, token: string | null, method: string, input: unknown) {
  const r = await host.invoke(method, input, token);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value as Record<string, unknown>;
}

async function signInToken(host: TestHost, name: string, pin: string): Promise<string> {
  const staff = (await api(host, null, 'auth.staffList', {})) as unknown as Array<{ id: number; name: string }>;
  const id = staff.find((s) => s.name === name)!.id;
  return (await api(host, null, 'auth.signIn', { staffId: id, pin })).token as string;
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name, exact: true });
const chip = (page: Page) => page.getByRole('contentinfo').getByRole('status', { name: '与店铺服务器的连接' });
const tillsTable = (page: Page) => page.getByRole('table', { name: '各收银台' });
const tillRow = (page: Page, label: string) => tillsTable(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });

/** Scans the cola at till 2's checkout and takes exact cash (F12, Enter). */
async function sellCola(co: CheckoutPage): Promise<void> {
  await co.search.focus();
  await co.scanProduct(COLA.barcodes[0]!, COLA.name, 1);
  await co.page.keyboard.press('F12');
  await expect(co.payDialog).toBeVisible();
  await co.page.keyboard.press('Enter');
  await expect(co.done).toContainText('¥3.00');
}

test('two tills: till 1 pairs in Settings › 多收银台, till 2 joins from its first-run screen, enrol at till 1, find and sell at till 2, see it in till 1\'s per-till table; offline and back, the backlog drains', async ({ page, host, browser, setUpShop, signIn }) => {
  test.setTimeout(180_000);
  const certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-e2e-server-'));
  const database = await testDatabase();
  const db = openDb(database.url, { max: 6 });
  await migrateServer(db);
  const quiet = { error: () => {} };
  let server: ShopServer | null = await startShopServer({ db, identity: await loadOrCreateIdentity(certDir), host: '127.0.0.1', port: 0, logger: quiet });
  const { port, url } = server;
  const host2 = await startHost();
  const context2 = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page2 = await context2.newPage();
  const problems: string[] = [];
  page2.on('pageerror', (err) => problems.push(`till 2 page error: ${err.message}`));
  try {
    // Till 1: a shop of its own (owner, cashier, products, an open shift), set up before it joins.
    const { ownerId } = await setUpShop();
    const owner1 = (await api(host, null, 'auth.signIn', { staffId: ownerId, pin: OWNER.pin })).token as string;
    for (const p of PRODUCTS) await api(host, owner1, 'products.save', p);
    await api(host, owner1, 'staff.create', { name: CASHIER.name, role: 'cashier', pin: CASHIER.pin });
    await api(host, owner1, 'shifts.open', { openingFloatFen: 10_000 });

    // The owner joins the shop server in Settings › 多收银台 with its address and the code it shows.
    await page.goto(host.openUrl);
    await signIn.signIn(OWNER.name, OWNER.pin);
    await expect(page.getByRole('heading', { level: 1, name: '收银', exact: true })).toBeVisible();
    // A single till's dashboard has no per-till table: its one row would repeat the cards.
    await nav(page, '报表').click();
    await expect(page.getByRole('list', { name: '主要指标' })).toBeVisible();
    await expect(tillsTable(page)).toHaveCount(0);
    await nav(page, '设置').click();
    await page.getByRole('tab', { name: '多收银台', exact: true }).click();
    const join = page.getByRole('form', { name: '加入店铺服务器' });
    await join.getByLabel('服务器地址').fill(url);
    await join.getByLabel('配对码').fill((await createPairingCode(db)).code);
    await join.getByLabel('收银台名称').fill('收银台 1');
    await join.getByRole('button', { name: '加入店铺服务器' }).click();
    await expect(page.getByText('已加入店铺服务器，本机为 T1。')).toBeVisible();
    await expect(chip(page)).toHaveText('在线', { timeout: 30_000 });

    // Till 2 is newly installed: no shop, no staff, so its screen is the first-run set-up. It
    // joins the shop server from there, by keyboard, and receives the shop.
    await page2.goto(host2.openUrl);
    await expect(page2.getByRole('heading', { level: 1, name: '欢迎使用收银台' })).toBeVisible();
    await page2.getByRole('button', { name: '加入店里已有的店铺服务器（第二台收银台）' }).click();
    const join2 = page2.getByRole('form', { name: '加入店铺服务器' });
    await expect(join2.getByLabel('服务器地址')).toBeFocused();
    await page2.keyboard.type(url);
    await page2.keyboard.press('Tab');
    await expect(join2.getByLabel('配对码')).toBeFocused();
    await page2.keyboard.type((await createPairingCode(db)).code);
    await page2.keyboard.press('Tab');
    await expect(join2.getByLabel('收银台名称')).toBeFocused();
    await page2.keyboard.type('收银台 2');
    await page2.keyboard.press('Enter');
    await expect(page2.getByRole('status').filter({ hasText: '已加入店铺服务器，本机为 T2，正在接收店里的资料…' })).toBeVisible({ timeout: 15_000 });
    // Once the shop has arrived the till shows sign-in, as after a normal set-up, with the shop's staff.
    const signIn2 = new SignInPage(page2);
    await expect(signIn2.heading).toBeVisible({ timeout: 30_000 });
    // Two people to choose from: focus waits at the staff picker, as on any sign-in.
    await expect(signIn2.staffGroup.getByRole('radio').first()).toBeFocused();
    await expect(signIn2.staff(CASHIER.name)).toBeVisible();
    await expect(signIn2.staff(OWNER.name)).toBeVisible();
    await expect(page2.getByRole('status').filter({ hasText: '店里的资料已收到，请用自己的密码登录。' })).toBeVisible();
    await expect.poll(async () => {
      const staff = (await api(host2, null, 'auth.staffList', {})) as unknown as Array<{ name: string }>;
      return staff.map((s) => s.name).sort();
    }, { timeout: 30_000, message: 'the shop\'s staff reach till 2' }).toEqual([CASHIER.name, OWNER.name].sort());
    const cashier2 = await signInToken(host2, CASHIER.name, CASHIER.pin);
    expect(await api(host2, cashier2, 'sync.status', {})).toMatchObject({ paired: true, tillCode: 'T2', tillName: '收银台 2' });
    await expect.poll(async () => ((await api(host2, cashier2, 'products.list', { limit: 10 })).items as unknown[]).length, { timeout: 30_000 }).toBe(PRODUCTS.length);
    await api(host2, cashier2, 'shifts.open', { openingFloatFen: 5_000 });
    await signIn2.signIn(CASHIER.name, CASHIER.pin);
    const co = new CheckoutPage(page2);
    await expect(co.heading).toBeFocused();
    await expect(chip(page2)).toHaveText('在线');

    // Till 1's owner enrols a member on the Members page.
    await nav(page, '会员').click();
    const members = new MembersPage(page);
    await members.enrolButton.click();
    const enrol = page.getByRole('dialog', { name: '快速开卡' });
    await enrol.getByLabel('手机号', { exact: true }).fill(PHONE);
    await enrol.getByLabel(/^姓名/).fill('林小雨');
    await enrol.getByRole('button', { name: '开卡', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: /开卡成功，卡号 29\d{11}/ })).toBeVisible();
    const enrolledAt = Date.now();

    // At till 2 the cashier presses F8 and types the phone the customer says; the member appears.
    // (How soon is issue 14's promise, measured in tests/integration/shop-server-three-tills.test.ts;
    // the cashier's typing alone takes over a second.)
    await page2.keyboard.press('F8');
    await expect(co.memberInput).toBeFocused();
    await co.typeSlowly(PHONE);
    await page2.keyboard.press('Enter');
    const card = page2.getByRole('group', { name: '当前会员：林小雨' });
    await expect(card).toContainText(`${PHONE.slice(0, 3)}****${PHONE.slice(-4)}`);
    console.info(`member enrolled at till 1 → on till 2's checkout card after ${Date.now() - enrolledAt} ms (typing included)`);

    // A sale to that member at till 2 shows in till 1's dashboard, in the per-till table.
    await sellCola(co);
    await nav(page, '报表').click();
    await expect(page.getByRole('heading', { level: 1, name: '报表', exact: true })).toBeVisible();
    await expect(tillRow(page, 'T2')).toContainText(/¥3\.00\s*1\s*0\s*¥3\.00/, { timeout: 20_000 });
    await expect(tillRow(page, 'T1（本机）')).toContainText(/¥0\.00\s*0\s*0\s*—/);

    // The server goes away: both tills say 离线; till 2 sells on and shows what waits to go up.
    await server.close();
    server = null;
    const stoppedAt = Date.now();
    await expect(chip(page)).toContainText('离线', { timeout: 30_000 });
    await expect(chip(page2)).toContainText('离线', { timeout: 30_000 });
    const offlineAfter = Date.now() - stoppedAt;
    await sellCola(co);
    await expect(chip(page2)).toHaveText(/^离线 · \d+ 笔待同步$/, { timeout: 15_000 });
    const backlogShown = await chip(page2).textContent();

    // Back on the same address with the same certificate (the tills pinned it): online again,
    // the backlog goes up, and till 1's open dashboard shows the offline sale.
    server = await startShopServer({ db, identity: await loadOrCreateIdentity(certDir), host: '127.0.0.1', port, logger: quiet });
    // The tills retry with backoff (up to 30 s) after failures: allow for one full wait.
    const restartedAt = Date.now();
    await expect(chip(page2)).toHaveText('在线', { timeout: 45_000 });
    await expect(chip(page)).toHaveText('在线', { timeout: 45_000 });
    console.info(`server stopped → both chips 离线 after ${offlineAfter} ms; one offline sale showed "${backlogShown}"; server back → both 在线 after ${Date.now() - restartedAt} ms`);
    expect((await api(host2, cashier2, 'sync.status', {})).backlog).toBe(0);
    await expect(tillRow(page, 'T2')).toContainText(/¥6\.00\s*2\s*0\s*¥3\.00/, { timeout: 20_000 });
    expect(problems).toEqual([]);
  } finally {
    await context2.close().catch(() => undefined);
    await host2.stop().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    await database.drop().catch(() => undefined);
    fs.rmSync(certDir, { recursive: true, force: true });
  }
});
