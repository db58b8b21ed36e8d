import path from 'node:path';
import { test, expect } from './fixtures.js';
import { DEMO, call, demoTill, enrol, randomPhone, sellTo } from './pages/members-api.js';
import { MembersPage, RewardsPage } from './pages/members-page.js';

/**
 * Screenshots of the members and rewards screens for docs/screenshots. Not part of the
 * normal run: `SCREENSHOTS=1 npx playwright test members-screenshots`.
 */
test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to refresh docs/screenshots');

const out = (name: string) => path.resolve('docs/screenshots', name);

test('members and rewards screens at 1280×800', async ({ page, host, signIn, shell, settings }) => {
  test.setTimeout(90_000);
  const { token } = await demoTill(host);
  const phone = randomPhone();
  const m = await enrol(host, token, phone, '陈美玲', { birthday: '1991-06-18', gender: 'female', tags: ['老顾客', '爱喝咖啡'], note: '喜欢无糖饮料', consent: true });
  for (let i = 0; i < 3; i++) await sellTo(host, token, m.id, 3 + i, i);
  await call(host, token, 'points.adjust', { memberId: m.id, delta: 300, reason: '开业活动补发' });

  await page.goto(host.openUrl);
  await signIn.signIn(DEMO.owner.name, DEMO.owner.pin);
  await expect(shell.heading('收银')).toBeVisible();
  await page.keyboard.press('F3');
  const members = new MembersPage(page);
  await expect(members.count).toHaveText('共 301 位会员');
  await expect(members.rows.first().getByRole('button')).not.toHaveText('正在加载…');
  await page.screenshot({ path: out('members-list.png') });

  await members.filter('生日月份').selectOption({ label: '6月' });
  await members.filter('排序').selectOption({ label: '累计消费' });
  await expect(members.rows.first().getByRole('button')).not.toHaveText('正在加载…');
  await page.screenshot({ path: out('members-list-filtered.png') });

  await members.find(phone);
  await expect(members.profileHeading).toHaveText('陈美玲');
  await expect(members.history).toContainText('¥');
  await page.getByRole('button', { name: '显示完整号码' }).click();
  await expect(members.phone).toHaveText(phone);
  await page.screenshot({ path: out('members-profile.png') });

  await page.getByRole('button', { name: '← 返回会员列表' }).click();
  await members.enrolButton.click();
  await page.getByRole('dialog', { name: '快速开卡' }).getByLabel('手机号', { exact: true }).fill('139 0000 1234');
  await page.screenshot({ path: out('members-enrol.png') });
  await page.keyboard.press('Escape');

  await page.keyboard.press('F4');
  const rewards = new RewardsPage(page);
  await rewards.find(phone);
  await expect(rewards.statementRows.first()).toContainText('手工调整');
  await page.screenshot({ path: out('members-rewards.png') });

  await page.keyboard.press('F7');
  await settings.tab('会员等级').click();
  await expect(page.getByRole('table', { name: '会员等级' })).toContainText('9.5折');
  await page.screenshot({ path: out('members-settings-tiers.png') });

  await settings.tab('积分规则').click();
  await expect(page.getByLabel('多少积分抵 1 元')).toHaveValue('100');
  await page.screenshot({ path: out('members-settings-rules.png'), fullPage: true });

  await settings.tab('导入导出会员').click();
  const csv = ['phone,name,card_no,birthday,gender,enrolled_at,tier,points,stored_value,tags,note', '13700001111,钱导入,,03-08,female,,银卡会员,120,50,,', '12345,坏号码,,,,,,,,,', '13700003333,错生日,,02-30,,,,,,,'].join('\n');
  await page.getByLabel('选择 CSV 文件').setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await expect(page.getByRole('heading', { name: '导入结果' })).toBeVisible();
  await page.screenshot({ path: out('members-settings-import.png') });

  await shell.language('English').click();
  await page.keyboard.press('F3');
  await expect(shell.heading('Members')).toBeVisible();
  await expect(page.getByText(/^[\d,]+ members$/)).toBeVisible();
  await page.screenshot({ path: out('members-list-en.png') });
});
