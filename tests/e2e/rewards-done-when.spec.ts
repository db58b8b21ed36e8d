import { test, expect } from './fixtures.js';
import { startFakePrinter, type FakePrinter } from '../helpers/fake-printer.js';
import { decodeEscPos } from '../helpers/escpos-decode.js';
import { CheckoutPage, signInByKeyboard } from './pages/checkout-page.js';
import { demoShop, product, useFakePrinter, type DemoShop } from './pages/checkout-shop.js';
import { randomPhone } from './pages/members-api.js';
import { TillRewards } from './pages/till-rewards.js';

/**
 * Issue 5's "done when", through the real till in Chromium: a gold member earns points on a
 * member day, redeems part of them, tops up ¥100 and gets the ¥20 bonus, pays part of a sale
 * from stored value while using a count-card visit and a birthday coupon, and gets a partial
 * refund. Every balance is checked on screen and on the decoded printed receipts; the
 * expected numbers are worked out here from the shop's rules (tier price and points
 * multiplier, member-day multiplier, the refund rule), not copied from the app's output.
 */

/**
 * The shop's clock: a Saturday morning, so the member day (today's weekday) and the birthday
 * (today) hold for the whole run, however close to midnight the machine's own clock is.
 */
const TODAY = '2026-11-21T10:00:00';
test.use({ hostClock: TODAY });

let printer: FakePrinter;
test.beforeEach(async () => {
  printer = await startFakePrinter();
});
test.afterEach(async () => {
  await printer.close();
});

const yuan = (fen: number) => `${fen < 0 ? '-' : ''}¥${(Math.abs(fen) / 100).toFixed(2)}`;
/** A printed amount: receipts print the full-width ￥; `-` for deductions and refunds. */
const printed = (fen: number) => `${fen < 0 ? '-' : ''}[¥￥]${(Math.abs(fen) / 100).toFixed(2).replace('.', '\\.')}`;
/** a × b / c rounded half up, as the shop's percentage and refund rules round. */
const halfUp = (a: number, b: number, c: number) => Math.floor((a * b * 2 + c) / (2 * c));

interface Tier { id: number; name: string; rank: number; minSpendFen: number; minSales: number; windowMonths: number | null; qualifyMode: 'all' | 'any'; pricePct: number; pointsPct: number; birthdayPerk: string; active: boolean }

/** The shop's rewards set up as an owner would: member day today, 充100送20, a birthday coupon, a car-wash count card. */
async function rewardsShop(shop: DemoShop) {
  const today = new Date(TODAY);
  const rules = await shop.call<{ memberDayPointsPct: number; redeemPointsPerYuan: number }>('rewards.rules', {});
  const birthdayCoupon = await shop.call<{ id: number }>('coupons.saveTemplate', { name: '生日券', kind: 'amount', value: 1000, minSpendFen: 3000, validDays: 30 });
  await shop.call('rewards.setRules', { memberDay: { kind: 'weekday', weekday: today.getDay() }, birthdayWindow: 'day', birthdayCouponTemplateId: birthdayCoupon.id });
  await shop.call('storedValue.setRules', { bonuses: [{ minFen: 10_000, bonusFen: 2_000 }], tierGrants: [] });
  const wash = await shop.call<{ id: number; priceFen: number }>('products.save', { sku: 'WASH-1', name: '精洗一次', categoryName: '服务', priceFen: 4_000 });
  const pack = await shop.call<{ id: number; priceFen: number }>('products.save', { sku: 'WASH-10', name: '洗车10次卡', categoryName: '服务', priceFen: 30_000 });
  await shop.call('countCards.saveType', { name: '洗车10次卡', packageProductId: pack.id, serviceProductId: wash.id, uses: 10, validMonths: 12 });

  // 金卡会员 is bought (a paid term), so the daily tier re-evaluation keeps it.
  const gold = (await shop.call<Tier[]>('tiers.list', {})).find((t) => t.name === '金卡会员')!;
  const { id: goldId, name, rank, minSpendFen, minSales, windowMonths, qualifyMode, pricePct, pointsPct, birthdayPerk, active } = gold;
  await shop.call('tiers.save', { id: goldId, name, rank, minSpendFen, minSales, windowMonths, qualifyMode, pricePct, pointsPct, birthdayPerk, active, feeFen: 100, feeMonths: 12 });
  const md = `${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  const member = await shop.call<{ id: number; cardNo: string }>('members.enrol', { phone: randomPhone(), name: '赵会员', birthday: md });
  await shop.call('tiers.purchase', { memberId: member.id, tierId: goldId, method: 'cash', tenderedFen: null, clientRef: `gold-${member.id}-e2e` });
  // The birthday job (it also runs at the first start of each day) issues today's birthday coupons.
  const daily = await shop.call<{ birthdayCoupons: number }>('rewards.runDaily', {});
  expect(daily.birthdayCoupons).toBeGreaterThanOrEqual(1);
  const coupons = await shop.call<Array<{ name: string; reason: string; status: string }>>('coupons.forMember', { memberId: member.id });
  expect(coupons).toEqual([expect.objectContaining({ name: '生日券', reason: 'birthday', status: 'valid' })]);
  return { member, gold, promoPct: rules.memberDayPointsPct, perYuan: rules.redeemPointsPerYuan, pack, wash };
}

test('rewards at the till: member-day points, partial redemption, top-up bonus, stored value, count card, birthday coupon, partial refund', async ({ page, host }) => {
  test.setTimeout(120_000);
  const shop = await demoShop(host);
  await useFakePrinter(shop, printer);
  await shop.call('shifts.open', { openingFloatFen: 0 });
  const { member, gold, promoPct, perYuan, pack } = await rewardsShop(shop);
  const cola = product(shop, '可口可乐 330ml');
  const chips = product(shop, '乐事薯片 原味 70g');
  const oil = product(shop, '金龙鱼调和油 5L');
  const dove = product(shop, '德芙巧克力 43g');
  const peanutOil = product(shop, '鲁花花生油 1.8L');
  // The rules, as the shop states them: gold pays pricePct% per line (half up); points are 1 per
  // whole yuan paid by cash, card or phone × the tier's and the member day's multipliers.
  const price = (fen: number) => halfUp(fen, gold.pricePct, 100);
  const pointsOn = (paidFen: number) => Math.floor((paidFen * gold.pointsPct * promoPct) / (100 * 100 * 100));
  expect(gold.pointsPct).toBeGreaterThan(100);
  expect(promoPct).toBe(200);

  const co = new CheckoutPage(page);
  const till = new TillRewards(co);
  const panel = till.member('赵会员');
  // The gold fee's receipt prints during set-up (job 0); the till's receipts follow.
  expect(decodeEscPos(await printer.waitForJob(0, 10_000)).text).toContain('会费 金卡会员');
  let job = 1;
  const nextReceipt = async () => decodeEscPos(await printer.waitForJob(job++, 10_000)).text;

  await page.goto(host.openUrl);
  await signInByKeyboard(page, '李店长', '6666');
  await expect(co.heading).toBeFocused();

  // ── Sale 1, on the member day: scan the card; the member has no points, no balance, a birthday today.
  await co.scan(member.cardNo);
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('金卡会员');
  await expect(panel).toContainText('今天生日');
  await expect(till.fact('赵会员', '积分')).toHaveText('0');
  await expect(till.fact('赵会员', '储值余额')).toHaveText('¥0.00');
  await expect(panel.getByRole('button', { name: '优惠券 1' })).toBeVisible();
  await co.scanProduct(cola.barcode, cola.name, 1);
  await co.scanProduct(cola.barcode, cola.name, 2);
  await co.scanProduct(chips.barcode, chips.name, 1);
  // Sell the car-wash count card (次卡) from the count-card dialog: Alt+V, the package, Enter.
  await page.keyboard.press('Alt+V');
  await expect(till.cards.getByText('这位会员没有可用的次卡。')).toBeVisible();
  await expect(till.cards.getByRole('button', { name: '购买 洗车10次卡（10 次）' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(till.cards).toBeHidden();
  await co.expectQty('洗车10次卡', 1);
  const total1 = price(2 * cola.priceFen) + price(chips.priceFen) + price(pack.priceFen);
  const earned1 = pointsOn(total1);
  await expect(co.due).toHaveText(yuan(total1));
  await expect(co.totals).toContainText(`本单可得积分 ${earned1}`);
  await page.keyboard.press('F12');
  await expect(co.payDialog).toBeVisible();
  await page.keyboard.press('Enter'); // all cash, exact
  await expect(co.done).toBeVisible();
  await expect(co.done).toContainText(`获得积分+${earned1}`);
  const receipt1 = await nextReceipt();
  expect(receipt1).toContain('赵会员');
  expect(receipt1).toMatch(new RegExp(`应收\\s+${printed(total1)}`));
  expect(receipt1).toMatch(new RegExp(`获得积分\\s+\\+${earned1}`));
  expect(receipt1).toMatch(new RegExp(`积分余额\\s+${earned1}\\b`));
  expect(receipt1).toContain('洗车10次卡 剩余 10 次');
  let points = earned1;

  // ── Sale 2: redeem part of the points (500 of them) as a deduction, the rest by WeChat.
  await co.scan(member.cardNo);
  await expect(till.fact('赵会员', '积分')).toHaveText(String(points));
  await expect(till.cardRows('赵会员')).toHaveText(['洗车10次卡剩余 10/10 次']);
  await co.scanProduct(oil.barcode, oil.name, 1);
  const lines2 = price(oil.priceFen);
  const maxPoints = Math.min(points, Math.floor((lines2 * 50) / 100) * (perYuan / 100));
  await page.keyboard.press('Alt+P');
  await expect(till.points.getByLabel('使用积分')).toBeFocused();
  await expect(till.points).toContainText(`${maxPoints} 积分`);
  await page.keyboard.type('500');
  await expect(till.points.getByText('抵扣 ¥5.00')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(till.points).toBeHidden();
  const deduction2 = Math.floor((500 * 100) / perYuan);
  const total2 = lines2 - deduction2;
  await expect(till.totalsRow('积分抵扣（500 积分）')).toContainText(yuan(-deduction2));
  await expect(co.due).toHaveText(yuan(total2));
  await expect(panel.getByRole('button', { name: '已用 500 积分抵扣' })).toBeVisible();
  await co.search.focus();
  await page.keyboard.press('F12');
  await expect(co.payDialog).toBeVisible();
  await page.keyboard.press('Alt+3'); // all WeChat
  await expect(co.payDialog.getByLabel('微信支付金额')).toHaveValue((total2 / 100).toFixed(2)); // applied before Enter confirms
  await page.keyboard.press('Enter');
  await expect(co.done).toBeVisible();
  const earned2 = pointsOn(total2);
  points = points - 500 + earned2;
  const receipt2 = await nextReceipt();
  expect(receipt2).toMatch(new RegExp(`500积分抵扣\\s+${printed(-deduction2)}`));
  expect(receipt2).toMatch(new RegExp(`应收\\s+${printed(total2)}`));
  expect(receipt2).toMatch(new RegExp(`微信支付\\s+${printed(total2)}`));
  expect(receipt2).toMatch(new RegExp(`获得积分\\s+\\+${earned2}`));
  expect(receipt2).toMatch(new RegExp(`积分余额\\s+${points}\\b`));

  // ── Top-up ¥100 in cash: the rules give ¥20 on top; the top-up receipt prints; the panel shows ¥120.
  await co.scan(member.cardNo);
  await expect(till.fact('赵会员', '积分')).toHaveText(String(points));
  await page.keyboard.press('Alt+T');
  await expect(till.topUp.getByLabel('充值金额（元）')).toBeFocused();
  await expect(till.topUp).toContainText('充值优惠：充¥100.00送¥20.00');
  await page.keyboard.type('100');
  await expect(till.topUp.getByText('赠送 ¥20.00 · 到账 ¥120.00，充值后余额 ¥120.00')).toBeVisible();
  await expect(till.topUp.getByRole('radio', { name: '现金' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Enter');
  await expect(till.topUp.getByText('赵会员 充值 ¥100.00，赠送 ¥20.00，储值余额 ¥120.00')).toBeVisible();
  await expect(till.topUp.getByRole('button', { name: '完成' })).toBeFocused();
  const topUpSlip = await nextReceipt();
  expect(topUpSlip).toContain('储值充值');
  expect(topUpSlip).toMatch(/充值金额\s+[¥￥]100\.00/);
  expect(topUpSlip).toMatch(/赠送金额\s+[¥￥]20\.00/);
  expect(topUpSlip).toMatch(/储值余额\s+[¥￥]120\.00/);
  await page.keyboard.press('Enter');
  await expect(till.topUp).toBeHidden();
  await expect(till.fact('赵会员', '储值余额')).toHaveText('¥120.00');
  let balance = 12_000;

  // ── Sale 3: the birthday coupon is refused below its minimum spend, with the reason…
  await expect(co.search).toBeFocused();
  await co.scanProduct(dove.barcode, dove.name, 1);
  await page.keyboard.press('Alt+Q');
  const couponList = till.coupons.getByRole('listbox', { name: '会员的优惠券' });
  await expect(couponList).toBeFocused();
  await expect(couponList.getByRole('option', { name: /生日券/ })).toContainText('减 ¥10.00，满 ¥30.00 可用');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: '未满最低消费 ¥30.00，这张优惠券还不能用。' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(till.coupons).toBeHidden();
  // …and taken once the cart reaches it. One car-wash visit comes off the count card.
  await co.search.focus();
  await co.scanProduct(peanutOil.barcode, peanutOil.name, 1);
  await page.keyboard.press('Alt+V');
  const cardList = till.cards.getByRole('listbox', { name: '会员的次卡' });
  await expect(cardList).toBeFocused();
  await expect(cardList.getByRole('option', { name: /洗车10次卡/ })).toContainText('剩余 10/10 次');
  await page.keyboard.press('Enter');
  await expect(till.cards).toBeHidden();
  await expect(co.row('精洗一次')).toContainText('次卡抵扣 洗车10次卡');
  await expect(co.row('精洗一次').getByRole('cell').nth(3)).toHaveText('¥0.00');
  await expect(till.cardRows('赵会员')).toHaveText(['洗车10次卡剩余 9/10 次']);
  await page.keyboard.press('Alt+Q');
  await expect(couponList).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(till.coupons).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '已使用优惠券：生日券，优惠 ¥10.00' })).toBeVisible();
  const lines3 = price(dove.priceFen) + price(peanutOil.priceFen);
  const total3 = lines3 - 1_000;
  await expect(till.totalsRow('优惠券 生日券')).toContainText(yuan(-1_000));
  await expect(co.due).toHaveText(yuan(total3));
  // Pay ¥30 from stored value (Alt+5's row), the rest in cash.
  await co.search.focus();
  await page.keyboard.press('F12');
  await expect(co.payDialog.getByText(`余额 ${yuan(balance)}`)).toBeVisible();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  await expect(co.payDialog.getByLabel('储值金额')).toBeFocused();
  await page.keyboard.type('30');
  await expect(co.payDialog.getByLabel('现金金额')).toHaveValue(((total3 - 3_000) / 100).toFixed(2));
  await page.keyboard.press('Enter');
  await expect(co.done).toBeVisible();
  const cash3 = total3 - 3_000;
  const earned3 = pointsOn(cash3); // stored value and the coupon earn no points
  points += earned3;
  balance -= 3_000;
  await expect(co.done).toContainText(`获得积分+${earned3}`);
  const receiptNo3 = (await co.done.locator('dd.mono').textContent())!.trim();
  const receipt3 = await nextReceipt();
  expect(receipt3).toMatch(new RegExp(`优惠券 生日券\\s+${printed(-1_000)}`));
  expect(receipt3).toMatch(new RegExp(`应收\\s+${printed(total3)}`));
  expect(receipt3).toMatch(new RegExp(`储值\\s+${printed(3_000)}`));
  expect(receipt3).toMatch(new RegExp(`现金\\s+${printed(cash3)}`));
  expect(receipt3).toContain('洗车10次卡 剩余 9 次');
  expect(receipt3).toMatch(new RegExp(`储值余额 ${printed(balance)}`));
  expect(receipt3).toMatch(new RegExp(`获得积分\\s+\\+${earned3}`));
  expect(receipt3).toMatch(new RegExp(`积分余额\\s+${points}\\b`));

  // ── A partial refund of sale 3 (the chocolate), back to stored value: scan the receipt's code.
  await co.scan(receiptNo3);
  const refund = co.dialog('退款');
  await expect(refund.getByLabel(`${dove.name} 退货数量`)).toBeFocused();
  await page.keyboard.type('1');
  // The refund rule: the sale's total × the refunded share of the line values, half up; points likewise.
  const linesSum = lines3; // the count-card visit is a line worth ¥0
  const refunded = halfUp(total3, price(dove.priceFen), linesSum);
  const reversed = halfUp(earned3, price(dove.priceFen), linesSum);
  await expect(refund.getByText(/^退款金额/).locator('..')).toContainText(yuan(refunded));
  await page.keyboard.press('Alt+5');
  await expect(refund.getByLabel('储值金额')).toHaveValue((refunded / 100).toFixed(2));
  await page.keyboard.press('Enter');
  await expect(refund.getByText(`已退款 ${yuan(refunded)}`)).toBeVisible();
  points -= reversed;
  balance += refunded;
  const refundSlip = await nextReceipt();
  expect(refundSlip).toContain('退款');
  expect(refundSlip).toContain(dove.name);
  expect(refundSlip).toMatch(new RegExp(`退款金额\\s+${printed(-refunded)}`));
  expect(refundSlip).toMatch(new RegExp(`储值\\s+${printed(-refunded)}`));
  expect(refundSlip).toMatch(new RegExp(`获得积分\\s+-${reversed}`));
  expect(refundSlip).toMatch(new RegExp(`积分余额\\s+${points}\\b`));
  expect(refundSlip).toMatch(new RegExp(`储值余额 ${printed(balance)}`));
  await page.keyboard.press('Enter');
  await expect(refund).toBeHidden();

  // ── Every balance on screen: points, stored value, the card's visits; the coupon is spent.
  await co.scan(member.cardNo);
  await expect(till.fact('赵会员', '积分')).toHaveText(String(points));
  await expect(till.fact('赵会员', '储值余额')).toHaveText(yuan(balance));
  await expect(till.cardRows('赵会员')).toHaveText(['洗车10次卡剩余 9/10 次']);
  await expect(panel.getByRole('button', { name: '优惠券', exact: true })).toBeVisible();
  // A used coupon and an expired one are refused at the till with the reason (scanned, like at the counter).
  const [used] = await shop.call<Array<{ code: string }>>('coupons.forMember', { memberId: member.id, includeSpent: true });
  await co.scan(used!.code);
  await expect(page.getByRole('alert').filter({ hasText: `这张优惠券已经用过了（单号 ${receiptNo3}），不能再用。` })).toBeVisible();
  const shortLived = await shop.call<{ id: number }>('coupons.saveTemplate', { name: '限时券', kind: 'amount', value: 500, minSpendFen: 0, validDays: 1 });
  const lastWeek = new Date(new Date(TODAY).getTime() - 7 * 86_400_000);
  const day = `${lastWeek.getFullYear()}-${String(lastWeek.getMonth() + 1).padStart(2, '0')}-${String(lastWeek.getDate()).padStart(2, '0')}`;
  const { codes } = await shop.call<{ codes: string[] }>('coupons.issue', { templateId: shortLived.id, memberIds: [member.id], validFrom: day });
  await co.scan(codes[0]!);
  await expect(page.getByRole('alert').filter({ hasText: `这张优惠券已过期（有效期至 ${day}），不能使用。` })).toBeVisible();
  await expect(co.totals.getByText(/优惠券/)).toHaveCount(0);

  // And the core agrees with the screen.
  expect(await shop.call('points.summary', { memberId: member.id })).toMatchObject({ balance: points });
  expect(await shop.call('storedValue.balance', { memberId: member.id })).toMatchObject({ totalFen: balance });
});
