import fs from 'node:fs';
import { test, expect } from './fixtures.js';
import { startFakePrinter, type FakePrinter } from '../helpers/fake-printer.js';
import { decodeEscPos } from '../helpers/escpos-decode.js';
import { signInByKeyboard } from './pages/checkout-page.js';
import { DEMO, call, demoTill, enrol, randomPhone, sellTo } from './pages/members-api.js';
import { DashboardPage } from './pages/dashboard-page.js';
import type { TestHost } from './host.js';

let printer: FakePrinter;
test.beforeEach(async () => {
  printer = await startFakePrinter();
});
test.afterEach(async () => {
  await printer.close();
});

interface Headline {
  revenueFen: number;
  sales: number;
  activeMembers: number;
  newMembers: number;
  repeatRate: number | null;
}

/** The till's calendar day, as the page and the core count it (same machine, same time zone). */
function localDay(offsetDays = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Money on a card (¥1,234.56) back to fen. */
const fenOf = (text: string) => Math.round(Number(text.replace(/[^\d.-]/g, '')) * 100);
const intOf = (text: string) => Number(text.replace(/[^\d-]/g, ''));

async function overview(host: TestHost, token: string, from: string, to: string): Promise<Headline> {
  return (await call<{ current: Headline }>(host, token, 'stats.overview', { from, to })).current;
}

test('the owner walks the dashboard: periods change the figures, a figure opens its rows, cohorts and RFM, the 日结 prints and exports', async ({ page, host, shell }) => {
  test.setTimeout(90_000);
  const { token } = await demoTill(host);
  await call(host, token, 'devices.setConfig', { printer: { type: 'network', host: printer.host, port: printer.port, paperWidth: 80, openDrawerOnCash: false } });

  // Today in the demo shop (its history ends yesterday): two new members, one buying twice, a complaint, an NPS answer.
  const a = await enrol(host, token, randomPhone(), '周今天');
  const b = await enrol(host, token, randomPhone(), '吴今天');
  await sellTo(host, token, a.id, 2, 0);
  await sellTo(host, token, a.id, 1, 1);
  await sellTo(host, token, b.id, 3, 2);
  const complaint = await call<{ id: number }>(host, token, 'complaints.log', { channel: 'in_store', category: 'waiting', severity: 'medium', description: '排队太久', memberId: a.id });
  await call(host, token, 'feedback.record', { score: 10, memberId: b.id });

  const today = localDay();
  const todayFigures = await overview(host, token, today, today);
  expect(todayFigures).toMatchObject({ sales: 3, activeMembers: 2, newMembers: 2, repeatRate: 0.5 });
  const week = await overview(host, token, localDay(-6), today);

  const dash = new DashboardPage(page);
  await page.goto(host.openUrl);
  await signInByKeyboard(page, DEMO.owner.name, DEMO.owner.pin);
  await expect(shell.heading('收银')).toBeFocused();
  await page.keyboard.press('F6');
  await expect(dash.heading).toBeFocused();

  // Default period: the last 7 days; the figures are the core's for that period.
  await expect(dash.preset('近 7 天')).toBeChecked();
  await expect(dash.periodText).toHaveText(`${localDay(-6)} – ${today}`);
  await expect.poll(async () => fenOf(await dash.figure('营业额'))).toBe(week.revenueFen);
  expect(intOf(await dash.figure('销售笔数'))).toBe(week.sales);
  expect(intOf(await dash.figure('活跃会员'))).toBe(week.activeMembers);
  await expect(dash.card('营业额')).toContainText('较上期');

  // The picker by keyboard: arrows move between presets; "today" shows today's figures.
  await dash.preset('近 7 天').focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(dash.preset('今天')).toBeChecked();
  await expect(dash.preset('今天')).toBeFocused();
  await expect(dash.periodText).toHaveText(today);
  await expect.poll(async () => fenOf(await dash.figure('营业额'))).toBe(todayFigures.revenueFen);
  await expect(dash.card('销售笔数').locator('.figure-value')).toHaveText('3');
  await expect(dash.card('新增会员').locator('.figure-value')).toHaveText('2');
  await expect(dash.card('复购率').locator('.figure-value')).toHaveText('50.0%');

  // `[` steps back one period of the same length (yesterday), `]` forward again.
  await dash.heading.focus();
  await page.keyboard.press('[');
  await expect(dash.preset('自定义')).toBeChecked();
  await expect(dash.periodText).toHaveText(localDay(-1));
  const yesterday = await overview(host, token, localDay(-1), localDay(-1));
  await expect.poll(async () => fenOf(await dash.figure('营业额'))).toBe(yesterday.revenueFen);
  await page.keyboard.press(']');
  await expect(dash.periodText).toHaveText(today);
  await expect(dash.card('销售笔数').locator('.figure-value')).toHaveText('3');

  // Points have no list of their own: their cards lead to the points-flow chart.
  await dash.card('积分负债').click();
  await expect(page.getByRole('region', { name: /^积分流动/ })).toBeFocused();

  // A figure opens the rows it counts: 新增会员 → the two members, each opening its profile.
  await dash.card('新增会员').click();
  await expect(dash.drillDialog).toBeVisible();
  await expect(dash.drillCount).toHaveText('共 2 位会员');
  await expect(dash.drillTable).toHaveAttribute('aria-rowcount', '3');
  await expect(dash.drillRows).toHaveCount(2);
  await expect(dash.drillDialog.getByRole('button', { name: '周今天' })).toBeVisible();
  await dash.closeDrill();
  await expect(dash.card('新增会员')).toBeFocused();

  // 销售笔数 → the period's sales, as many rows as the figure.
  await dash.card('销售笔数').click();
  await expect(dash.drillCount).toHaveText('共 3 笔');
  await expect(dash.drillRows).toHaveCount(3);
  await page.keyboard.press('Escape');
  await expect(dash.drillDialog).toBeHidden();

  // 活跃会员 over the last 30 days: the list's size is the figure (rows are virtualised, the count is the table's).
  await dash.preset('近 30 天').check();
  const month = await overview(host, token, localDay(-29), today);
  await expect.poll(async () => intOf(await dash.figure('活跃会员'))).toBe(month.activeMembers);
  await dash.card('活跃会员').click();
  await expect(dash.drillCount).toHaveText(`共 ${month.activeMembers.toLocaleString('zh-CN')} 位会员`);
  await expect(dash.drillTable).toHaveAttribute('aria-rowcount', String(month.activeMembers + 1));
  // The keyboard moves through the virtualised rows: ↓ the next, End the last one (scrolled into view).
  const firstRow = dash.drillRows.first().getByRole('button');
  await firstRow.focus();
  await page.keyboard.press('ArrowDown');
  await expect(dash.drillRows.nth(1).getByRole('button')).toBeFocused();
  await page.keyboard.press('End');
  await expect(dash.drillTable.locator(`[aria-rowindex="${month.activeMembers + 1}"]`).getByRole('button')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(firstRow).toBeFocused();
  // A row opens the member's profile; back on 报表 (F6) the same list is open again.
  const name = (await firstRow.innerText()).trim();
  await firstRow.click();
  await expect(page.locator('#member-profile-heading')).toContainText(name);
  await page.keyboard.press('F6');
  await expect(dash.drillDialog).toBeVisible();
  await expect(dash.drillTable).toHaveAttribute('aria-rowcount', String(month.activeMembers + 1));
  await dash.closeDrill();

  // Cohorts and RFM.
  await dash.tab('留存与分群').click();
  await expect(dash.cohortTable).toBeVisible();
  const cohorts = await call<Array<{ cohort: string; size: number }>>(host, token, 'stats.cohorts', { from: `${today.slice(0, 7)}-01`, to: today });
  const thisMonth = dash.cohortTable.getByRole('row', { name: new RegExp(`^${today.slice(0, 7)}`) });
  await expect(thisMonth.getByRole('cell').first()).toHaveText(String(cohorts[0]!.size));
  await expect(thisMonth.getByRole('cell').nth(1)).toHaveText(/^\d+(\.\d)?%$/);
  await expect(dash.rfmGrid.getByRole('row')).toHaveCount(6);
  const rfm = await call<{ segments: Array<{ segment: string; members: number }> }>(host, token, 'stats.rfm', { asOf: today });
  const champions = rfm.segments.find((s) => s.segment === 'champions')!;
  await page.getByRole('button', { name: '核心会员', exact: true }).click();
  await expect(dash.drillCount).toHaveText(`共 ${champions.members.toLocaleString('zh-CN')} 位会员`);
  await dash.closeDrill();

  // Lists to act on: the unresolved complaint opens in 投诉关怀.
  await dash.tab('待跟进').click();
  const unresolved = page.getByRole('region', { name: /^未处理投诉/ });
  await expect(unresolved.getByRole('heading')).toHaveText('未处理投诉 1');
  await unresolved.getByRole('button', { name: '查看全部 1' }).click();
  await expect(dash.drillCount).toHaveText('共 1 条投诉');
  await dash.drillRows.first().getByRole('button', { name: '等待时间' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '投诉关怀', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: `投诉 #${complaint.id}` })).toBeVisible();
  await page.keyboard.press('F6');
  await expect(dash.drillCount).toHaveText('共 1 条投诉');
  await dash.closeDrill();

  // 日结: print to the receipt printer, export the CSV.
  await dash.tab('日结').click();
  await expect(page.getByLabel('营业日')).toHaveValue(today);
  const yuan = (todayFigures.revenueFen / 100).toFixed(2);
  await expect(page.getByRole('region', { name: '营业概况' })).toContainText(`¥${yuan}`);
  await dash.dailyButton('打印日结').click();
  const printed = decodeEscPos(await printer.waitForJob(0)).text;
  expect(printed).toContain('日结报表');
  expect(printed).toMatch(new RegExp(`营业额\\s+￥${yuan.replace('.', '\\.')}`));
  expect(printed).toMatch(/销售笔数\s+3/);

  const download = page.waitForEvent('download');
  await dash.dailyButton('导出 CSV').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`daily-report-${today}.csv`);
  const csv = fs.readFileSync((await file.path())!, 'utf8');
  expect(csv.startsWith('\uFEFFsection,item,value')).toBe(true);
  expect(csv).toContain(`营业概况,营业额,¥${yuan}`);
  expect(csv).toContain('营业概况,新增会员,2');
});

test('a cashier is not offered the dashboard, and the core refuses its figures', async ({ page, host, shell }) => {
  const { staff } = await demoTill(host);
  await page.goto(host.openUrl);
  await signInByKeyboard(page, DEMO.cashier.name, DEMO.cashier.pin);
  await expect(shell.heading('收银')).toBeFocused();
  await expect(shell.nav.getByRole('button', { name: /报表/ })).toHaveCount(0);
  await page.keyboard.press('F6');
  await expect(page.getByRole('heading', { level: 1, name: '报表', exact: true })).toHaveCount(0);
  const cashierToken = (await call<{ token: string }>(host, null, 'auth.signIn', { staffId: staff.cashier.id, pin: staff.cashier.pin })).token;
  const r = await host.invoke('stats.overview', { from: localDay(), to: localDay() }, cashierToken);
  expect(r.ok).toBe(false);
  expect(r.error?.code).toBe('forbidden');
});

test('the dashboard speaks English when the page does', async ({ page, host, shell }) => {
  await demoTill(host);
  await page.goto(host.openUrl);
  await signInByKeyboard(page, DEMO.manager.name, DEMO.manager.pin);
  await expect(shell.heading('收银')).toBeFocused();
  await shell.language('English').click();
  await page.keyboard.press('F6');
  await expect(page.getByRole('heading', { level: 1, name: 'Reports', exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Headline figures' }).getByRole('button', { name: /^Revenue/ })).toContainText('¥');
  await page.getByRole('tab', { name: 'Retention & segments' }).click();
  await expect(page.getByRole('table', { name: 'Cohort retention (by enrolment month)' })).toBeVisible();
  await page.getByRole('tab', { name: 'Daily report' }).click();
  await expect(page.getByRole('button', { name: 'Print daily report' })).toBeVisible();
});
