import { randomUUID } from 'node:crypto';
import { test, expect } from '@playwright/test';
import { DashboardPage } from './pages/dashboard-page.js';
import { testDatabase, type TestDatabase } from '../helpers/postgres.js';
import { makeChain, type ChainTill } from '../helpers/chain-facts.js';
import { openDb, type Db } from '../../server/db/pool.js';
import { migrateServer } from '../../server/db/migrate.js';
import { ingestPush } from '../../server/ingest.js';
import { startShopServer, type ShopServer } from '../../server/http/server.js';
import { setOwnerPassword } from '../../server/stats/owner.js';
import { makeIdentity } from '../helpers/shop-server.js';

/**
 * Issue 15, head office in the browser: a chain of three branches (two tills each) on a real
 * shop server over PostgreSQL. The owner opens https://…/hq/, is refused with a wrong password,
 * signs in, sees the chain's figures on the till's own report pages, and switches to one branch.
 */
test.use({ ignoreHTTPSErrors: true });

const PASSWORD = 'hq-owner-2026';
let database: TestDatabase;
let db: Db;
let server: ShopServer;
let tills: ChainTill[];

function localDay(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

test.beforeAll(async () => {
  database = await testDatabase();
  db = openDb(database.url);
  await migrateServer(db);
  tills = await makeChain(db);
  await setOwnerPassword(db, PASSWORD);
  server = await startShopServer({ db, identity: await makeIdentity(), host: '127.0.0.1', port: 0, logger: { error: () => {} } });
  // Today: ¥100 at B1 (T1), ¥50 at B2 (T3), ¥25 at B3 (T5), one member buying in B1 and B2.
  const member = randomUUID();
  const at = `${localDay()}T10:00:00`;
  const item = (till: ChainTill, table: string, row: Record<string, string | number | null>, rowGid = randomUUID()) =>
    ({ seq: ++till.seq, gid: randomUUID(), rowGid, table, op: 'insert' as const, row, hlc: `1800000000000-00000${till.seq}-${till.tillId}`, txnEnd: true });
  const [t1, , t3, , t5] = tills;
  await ingestPush(db, t1!.tillId, [item(t1!, 'members', { enrolled_at: at, status: 'active' }, member), item(t1!, 'sales', { kind: 'sale', business_date: localDay(), total_fen: 10_000, member_id: member })]);
  await ingestPush(db, t3!.tillId, [item(t3!, 'sales', { kind: 'sale', business_date: localDay(), total_fen: 5_000, member_id: member })]);
  await ingestPush(db, t5!.tillId, [item(t5!, 'sales', { kind: 'sale', business_date: localDay(), total_fen: 2_500, member_id: null })]);
});

test.afterAll(async () => {
  await server?.close();
  await db?.close();
  await database?.drop();
});

test('the owner signs in at the server, sees the chain figures and switches to one branch', async ({ page }) => {
  await page.goto(`${server.url}/hq/`);
  await expect(page.getByRole('heading', { name: '总部报表 · 店主登录' })).toBeVisible();
  const password = page.getByLabel('总部密码');
  await password.fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '还可尝试 4 次' })).toBeVisible();

  await password.fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  const dashboard = new DashboardPage(page);
  await expect(dashboard.heading).toBeVisible();
  // Only the tabs head office answers.
  await expect(page.getByRole('tablist', { name: '报表内容' }).getByRole('tab')).toHaveText(['经营概况', '留存与分群']);

  // The chain: every branch's sales, the member who bought in two branches counted once.
  await expect(dashboard.card('营业额')).toContainText('¥175.00');
  await expect(dashboard.card('活跃会员')).toContainText('1');
  await expect(page.getByText('当前查看：全部门店')).toBeVisible();

  await page.getByLabel('门店').selectOption('B2');
  await expect(page.getByText('当前查看：分店2')).toBeVisible();
  await expect(dashboard.card('营业额')).toContainText('¥50.00');
  await expect(dashboard.card('营业额')).not.toContainText('¥175.00');

  // The members tab works for the branch too (cohorts and RFM from PostgreSQL).
  await dashboard.tab('留存与分群').click();
  await expect(dashboard.rfmGrid).toBeVisible();

  // A reload keeps the session (HttpOnly cookie); signing out ends it.
  await page.reload();
  await expect(dashboard.heading).toBeVisible();
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '总部报表 · 店主登录' })).toBeVisible();
  const after = await page.request.post(`${server.url}/hq/api/invoke`, { data: { method: 'stats.overview', input: { from: localDay(), to: localDay() } } });
  expect(after.status()).toBe(401);
});
