import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.js';
import { DEMO, call, demoTill, enrol, randomPhone } from './pages/members-api.js';
import { RewardsPage } from './pages/members-page.js';

/** Settings → 积分礼品 and the 积分兑换 section of the rewards page. */
class GiftsUi {
  readonly table: Locator;
  readonly redeemForm: Locator;
  readonly history: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: '积分礼品列表' });
    this.redeemForm = page.getByRole('form', { name: '积分兑换' });
    this.history = page.getByRole('table', { name: '兑换记录' });
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  async add(name: string, kind: '礼品' | '服务', points: number, stock?: number): Promise<void> {
    await this.page.getByRole('button', { name: '+ 添加礼品' }).click();
    const form = this.page.getByRole('form', { name: '添加礼品' });
    await form.getByLabel('名称').fill(name);
    await form.getByRole('radio', { name: kind }).check();
    await form.getByLabel('兑换所需积分').fill(String(points));
    if (stock !== undefined) await form.getByLabel('初始库存').fill(String(stock));
    await form.getByRole('button', { name: '保存' }).click();
    await expect(form).toHaveCount(0);
  }

  get historyRows(): Locator {
    return this.history.getByRole('row').filter({ has: this.page.getByRole('cell') });
  }
}

test('the owner adds a gift with stock and a service; a cashier redeems by keyboard; too few points are refused; a manager cancels and everything comes back', async ({ page, host, signIn, shell, settings }) => {
  const { staff, token } = await demoTill(host);
  const phone = randomPhone();
  const m = await enrol(host, token, phone, '钱兑换');
  await call(host, token, 'points.adjust', { memberId: m.id, delta: 1000, reason: '开业赠送' });
  const gifts = new GiftsUi(page);
  const rewards = new RewardsPage(page);
  const summary = page.getByRole('list', { name: '积分概况' }).getByRole('listitem');

  // The owner builds the catalogue in Settings.
  await page.goto(host.openUrl);
  await signIn.signIn(DEMO.owner.name, DEMO.owner.pin);
  await expect(shell.heading('收银')).toBeVisible();
  await page.keyboard.press('F7');
  await settings.tab('积分礼品').click();
  await gifts.add('保温杯', '礼品', 400, 5);
  await gifts.add('免费洗车', '服务', 300);
  await expect(gifts.row('保温杯')).toContainText('礼品');
  await expect(gifts.row('保温杯').getByRole('cell').nth(2)).toHaveText('5');
  await expect(gifts.row('免费洗车').getByRole('cell').nth(2)).toHaveText('不计库存');
  await expect(gifts.row('免费洗车').getByRole('button', { name: '补货 免费洗车' })).toHaveCount(0);

  // A cashier at the counter: find the member, pick the gift and the quantity with the keyboard.
  await shell.toolbarButton('退出登录').click();
  await signIn.signIn(DEMO.cashier.name, DEMO.cashier.pin);
  await expect(shell.heading('收银')).toBeVisible();
  await page.keyboard.press('F4');
  await rewards.find(phone);
  await expect(page.getByRole('heading', { level: 2, name: '钱兑换' })).toBeFocused();
  const giftBox = gifts.redeemForm.getByLabel('礼品');
  await expect(giftBox.getByRole('option', { name: /保温杯/ })).toHaveText('保温杯（礼品）· 400 积分 · 库存 5');
  await giftBox.focus();
  await page.keyboard.press('ArrowDown'); // 保温杯 (the list is ordered gifts first)
  await expect(giftBox).toHaveValue(/\d+/);
  await page.keyboard.press('Tab');
  await expect(gifts.redeemForm.getByLabel('数量')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('2');
  await expect(gifts.redeemForm.getByText('共需 800 积分 · 可用积分 1,000 · 兑换后剩余 200')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '已兑换 保温杯 ×2，扣除 800 积分，积分余额 200' })).toBeVisible();

  // Points and stock went down; the statement shows the gift entry with its running balance.
  await expect(summary.first()).toContainText('200');
  const entry = rewards.statementRows.first();
  await expect(entry.getByRole('cell').nth(1)).toHaveText('积分兑换');
  await expect(entry.getByRole('cell').nth(3)).toHaveText('−800');
  await expect(entry.getByRole('cell').nth(4)).toHaveText('200');
  await expect(entry).toContainText('保温杯 ×2');
  await expect(giftBox.getByRole('option', { name: /保温杯/ })).toHaveText('保温杯（礼品）· 400 积分 · 库存 3');
  await expect(giftBox).toBeFocused();
  await expect(gifts.historyRows).toHaveCount(1);
  await expect(gifts.historyRows.first()).toContainText('保温杯');
  await expect(gifts.historyRows.first()).toContainText('已兑换');

  // Not enough points: refused with the reason, before anything is sent; the core refuses it too.
  await giftBox.selectOption({ label: '免费洗车（服务）· 300 积分' });
  await gifts.redeemForm.getByRole('button', { name: '确认兑换' }).click();
  await expect(gifts.redeemForm.getByLabel('数量')).toHaveAccessibleDescription('积分不足：共需 300 积分，可用积分 200，还差 100');
  await expect(gifts.historyRows).toHaveCount(1);
  const cashierToken = (await call<{ token: string }>(host, null, 'auth.signIn', { staffId: staff.cashier.id, pin: staff.cashier.pin })).token;
  const washId = (await call<Array<{ id: number; name: string }>>(host, cashierToken, 'gifts.list', {})).find((g) => g.name === '免费洗车')!.id;
  const refused = await host.invoke('gifts.redeem', { memberId: m.id, giftId: washId, qty: 1, clientRef: `e2e-refused-${m.id}` }, cashierToken);
  expect(refused).toMatchObject({ ok: false, error: { code: 'rule_violation', messageKey: 'errors.points_insufficient' } });

  // A cashier is not offered the cancellation.
  await expect(gifts.history.getByRole('button', { name: /撤销兑换/ })).toHaveCount(0);

  // A manager cancels with a reason: the points and the stock come back.
  await shell.toolbarButton('退出登录').click();
  await signIn.signIn(DEMO.manager.name, DEMO.manager.pin);
  await expect(shell.heading('收银')).toBeVisible();
  await page.keyboard.press('F4');
  await rewards.find(phone);
  await expect(page.getByRole('heading', { level: 2, name: '钱兑换' })).toBeFocused();
  await gifts.history.getByRole('button', { name: '撤销兑换 保温杯' }).click();
  const dialog = page.getByRole('form', { name: '撤销兑换：保温杯 ×2' });
  await expect(dialog).toContainText('将退回 800 积分（按原有效期），并退回库存 2。');
  await dialog.getByRole('button', { name: '确认撤销' }).click();
  await expect(dialog.getByLabel('撤销原因')).toBeFocused();
  await dialog.getByLabel('撤销原因').fill('顾客不要了');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '已撤销兑换，退回 800 积分，积分余额 1,000' })).toBeVisible();
  await expect(summary.first()).toContainText('1,000');
  const back = rewards.statementRows.first();
  await expect(back.getByRole('cell').nth(1)).toHaveText('撤销兑换');
  await expect(back.getByRole('cell').nth(3)).toHaveText('+800');
  await expect(back.getByRole('cell').nth(4)).toHaveText('1,000');
  await expect(gifts.historyRows.first()).toContainText('已撤销（顾客不要了）');
  await expect(gifts.history.getByRole('button', { name: /撤销兑换/ })).toHaveCount(0);
  await expect(giftBox.getByRole('option', { name: /保温杯/ })).toHaveText('保温杯（礼品）· 400 积分 · 库存 5');
});
