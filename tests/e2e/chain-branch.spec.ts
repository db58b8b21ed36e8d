import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, OWNER, SHOP_NAME } from './fixtures.js';
import { startHost, type TestHost } from './host.js';
import { MembersPage } from './pages/members-page.js';
import { SignInPage } from './pages/signin-page.js';
import { testDatabase } from '../helpers/postgres.js';
import { openDb } from '../../server/db/pool.js';
import { migrateServer } from '../../server/db/migrate.js';
import { startShopServer, type ShopServer } from '../../server/http/server.js';
import { createPairingCode } from '../../server/pairing.js';
import { addBranch, setMemberReplicaLimit } from '../../server/branches/branches.js';
import { loadOrCreateIdentity } from '../../server/tls.js';

/**
 * Issue 15 at a branch counter: a head-office till (a browser host driven by its API) and a
 * newly installed till of branch B2 (the browser), one shop server on loopback over a real
 * PostgreSQL, the chain past its member replica limit. The branch till joins from its first-run
 * screen into its branch and shows it; the chain's owner signs in there; a member enrolled at
 * head office is found at the branch on demand; with the server gone, another member never seen
 * there cannot be found, and the till says so.
 */
const MEMBER_ONLINE = '13912340001';
const MEMBER_OFFLINE = '13912340002';

async function api(host: TestHost, token: string | null, method: string, input: unknown) {
  const r = await host.invoke(method, input, token);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value as Record<string, unknown>;
}
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name, exact: true });
const chip = (page: Page) => page.getByRole('contentinfo').getByRole('status', { name: '与店铺服务器的连接' });

test('a branch till: joins its branch and shows it, finds a head-office member on demand, and offline says a stranger cannot be found', async ({ page, host }) => {
  test.setTimeout(150_000);
  const certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-e2e-chain-'));
  const database = await testDatabase();
  const db = openDb(database.url, { max: 6 });
  await migrateServer(db);
  const b2 = await addBranch(db, '二店');
  await setMemberReplicaLimit(db, 0);
  let server: ShopServer | null = await startShopServer({ db, identity: await loadOrCreateIdentity(certDir), host: '127.0.0.1', port: 0, logger: { error: () => {} } });
  const headOffice = await startHost();
  try {
    // Head office: the shop, its owner and two members, joined to the server as B1.
    const setUp = await api(headOffice, null, 'shop.setup', { shopName: SHOP_NAME, receiptHeader: '', locale: 'zh-CN', owner: { ...OWNER } });
    const owner = (await api(headOffice, null, 'auth.signIn', { staffId: (setUp.owner as { id: number }).id, pin: OWNER.pin })).token as string;
    await api(headOffice, owner, 'members.enrol', { phone: MEMBER_ONLINE, name: '总店会员' });
    await api(headOffice, owner, 'members.enrol', { phone: MEMBER_OFFLINE, name: '没来过分店' });
    await api(headOffice, owner, 'sync.pair', { url: server.url, code: (await createPairingCode(db)).code, tillName: '总店 1' });
    await expect.poll(async () => (await api(headOffice, owner, 'sync.status', {})).backlog, { timeout: 30_000 }).toBe(0);

    // The branch till joins from its first-run screen with a code for B2, by keyboard.
    await page.goto(host.openUrl);
    await page.getByRole('button', { name: '加入店里已有的店铺服务器（第二台收银台）' }).click();
    const join = page.getByRole('form', { name: '加入店铺服务器' });
    await expect(join.getByLabel('服务器地址')).toBeFocused();
    await page.keyboard.type(server.url);
    await page.keyboard.press('Tab');
    await page.keyboard.type((await createPairingCode(db, undefined, b2.branchId)).code);
    await page.keyboard.press('Tab');
    await page.keyboard.type('二店 1');
    await page.keyboard.press('Enter');
    // The owner is the chain's: they sign in at the branch with their own PIN.
    const signIn = new SignInPage(page);
    await expect(signIn.heading).toBeVisible({ timeout: 30_000 });
    await signIn.signIn(OWNER.name, OWNER.pin);
    await expect(page.getByRole('heading', { level: 1, name: '收银', exact: true })).toBeVisible();
    await expect(chip(page)).toHaveText('在线', { timeout: 30_000 });
    await expect(chip(page)).toHaveAttribute('title', 'B2 · 二店 · T2');
    await nav(page, '设置').click();
    await page.getByRole('tab', { name: '多收银台', exact: true }).click();
    await expect(page.getByRole('term').filter({ hasText: '所属门店' })).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: 'B2 · 二店' })).toBeVisible();

    // Head office's member is not held here (past the replica limit), yet the lookup finds her.
    await nav(page, '会员').click();
    const members = new MembersPage(page);
    await members.find(MEMBER_ONLINE);
    // A full phone names one member: her profile opens.
    await expect(members.profileHeading).toHaveText('总店会员', { timeout: 10_000 });
    await page.getByRole('button', { name: '← 返回会员列表' }).click();

    // The server goes away: a member never seen at this branch cannot be found, and the till says why.
    await server.close();
    server = null;
    await expect(chip(page)).toContainText('离线', { timeout: 30_000 });
    await members.find(MEMBER_OFFLINE);
    await expect(page.getByRole('status').filter({ hasText: '离线中：这位会员没有来过本店，本机没有他的资料。' })).toBeVisible();
    // The one fetched before is here offline too.
    await members.find(MEMBER_ONLINE);
    await expect(members.profileHeading).toHaveText('总店会员');
  } finally {
    await headOffice.stop().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    await database.drop().catch(() => undefined);
    fs.rmSync(certDir, { recursive: true, force: true });
  }
});
