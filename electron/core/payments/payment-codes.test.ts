import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { openShop, ok, clientRef } from '../../../tests/helpers/shop.js';
import { fixedClock } from '../../../tests/helpers/core.js';

type Shop = Awaited<ReturnType<typeof openShop>>;
const shops: Shop[] = [];
afterEach(async () => { for (const s of shops.splice(0)) await s.core.dispose(); });

const WECHAT = '134567890123456789';
const WECHAT2 = '104567890123450001';
const ALIPAY = '281234567890123456';
const b64 = (text: string, enc: 'utf8' | 'gbk' = 'utf8') => (enc === 'utf8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'gbk')).toString('base64');

async function codeShop() {
  const clock = fixedClock('2026-11-22T10:00:00');
  const s = await openShop({ clock });
  shops.push(s);
  const cola = s.products[0]!; // ¥3.00
  const chips = s.products[1]!; // ¥7.50
  const rows = (sql: string) => s.core.db.prepare(sql).all();
  const sell = (productId: number, qty: number, payments: Array<{ method: 'wechat' | 'alipay' | 'cash'; amountFen: number; code?: string | null }>, total: number) =>
    s.core.dispatcher.call('sales.commit', { clientRef: clientRef(), lines: [{ productId, qty }], payments, expectedTotalFen: total }, s.cashier.token);
  return { ...s, clock, cola, chips, rows, sell };
}

describe('payment codes (付款码)', () => {
  it('records a code-paid payment as 待核对 with the last four digits, not the code', async () => {
    const s = await codeShop();
    const r = await s.sell(s.cola.id, 2, [{ method: 'cash', amountFen: 100 }, { method: 'wechat', amountFen: 500, code: WECHAT }], 600);
    expect(r.ok).toBe(true);
    const list = await ok(s.core, 'paymentCodes.list', {}, s.cashier.token);
    expect(list).toEqual([expect.objectContaining({ method: 'wechat', amountFen: 500, codeTail: '6789', status: 'unchecked', statementRef: null, scannedAt: '2026-11-22T10:00:00' })]);
    expect(JSON.stringify(s.rows('SELECT * FROM payment_codes'))).not.toContain(WECHAT);
    // Shared with the shop server like the sale (a gid, in the outbox once paired).
    expect(s.rows("SELECT count(*) AS n FROM sync_rows WHERE tbl = 'payment_codes'")).toEqual([{ n: 1 }]);
  });

  it('refuses a code scanned twice (in one sale or again later) and a code of the other platform, writing nothing', async () => {
    const s = await codeShop();
    const count = () => (s.rows('SELECT count(*) AS n FROM sales')[0] as { n: number }).n;
    const twice = await s.sell(s.cola.id, 2, [{ method: 'wechat', amountFen: 300, code: WECHAT }, { method: 'wechat', amountFen: 300, code: WECHAT }], 600);
    expect(twice).toMatchObject({ ok: false, error: { code: 'conflict', messageKey: 'errors.payment_code_twice', details: { tail: '6789' } } });
    expect(count()).toBe(0);
    expect(await s.sell(s.cola.id, 1, [{ method: 'alipay', amountFen: 300, code: WECHAT }], 300)).toMatchObject({ ok: false, error: { messageKey: 'errors.payment_code_method' } });
    expect(await s.sell(s.cola.id, 1, [{ method: 'cash', amountFen: 300, code: WECHAT }], 300)).toMatchObject({ ok: false, error: { messageKey: 'errors.payment_code_method' } });
    expect((await s.sell(s.cola.id, 1, [{ method: 'wechat', amountFen: 300, code: WECHAT }], 300)).ok).toBe(true);
    expect(await s.sell(s.cola.id, 1, [{ method: 'wechat', amountFen: 300, code: WECHAT }], 300)).toMatchObject({ ok: false, error: { messageKey: 'errors.payment_code_twice' } });
    expect(count()).toBe(1);
    expect(s.rows('SELECT count(*) AS n FROM payment_codes')).toEqual([{ n: 1 }]);
  });

  it('matches the WeChat Pay statement at 交班 by amount and time and lists what does not match', async () => {
    const s = await codeShop();
    await s.sell(s.cola.id, 2, [{ method: 'wechat', amountFen: 600, code: WECHAT }], 600);
    s.clock.set('2026-11-22T10:20:00');
    await s.sell(s.chips.id, 1, [{ method: 'wechat', amountFen: 750, code: WECHAT2 }], 750);
    s.clock.set('2026-11-22T11:00:00');
    await s.sell(s.cola.id, 1, [{ method: 'alipay', amountFen: 300, code: ALIPAY }], 300);
    // As downloaded from the WeChat Pay merchant platform: backticks before each value, a summary at the end.
    const statement = [
      '交易时间,公众账号ID,商户号,微信订单号,商户订单号,交易类型,交易状态,订单金额,手续费',
      '`2026-11-22 10:00:04,`wx1,`1900000001,`4200001,`m1,`MICROPAY,`SUCCESS,`6.00,`0.04',
      '`2026-11-22 10:41:00,`wx1,`1900000001,`4200002,`m2,`MICROPAY,`SUCCESS,`7.50,`0.05',
      '`2026-11-22 12:00:00,`wx1,`1900000001,`4200003,`m3,`MICROPAY,`SUCCESS,`9.90,`0.06',
      '`2026-11-22 10:05:00,`wx1,`1900000001,`4200004,`m4,`MICROPAY,`REFUND,`6.00,`0.00',
      '总交易单数,应结订单总金额,退款总金额',
      '`3,`23.40,`0.00',
    ].join('\r\n');
    const r = await ok(s.core, 'paymentCodes.importStatement', { fileBase64: b64(statement) }, s.cashier.token);
    expect(r.matched.map((m) => [m.amountFen, m.statementRef, m.status])).toEqual([[600, '4200001', 'matched']]);
    // 7.50 was 21 minutes off (outside the window); the Alipay payment is not on a WeChat statement.
    expect(r.unmatchedTill.map((p) => [p.method, p.amountFen])).toEqual([['wechat', 750], ['alipay', 300]]);
    expect(r.unmatchedStatement.map((e) => [e.ref, e.amountFen])).toEqual([['4200002', 750], ['4200003', 990]]);
    expect(r.skippedLines).toBe(3);
    // Matched once: a second import of the same file matches nothing more and records nothing more.
    const again = await ok(s.core, 'paymentCodes.importStatement', { fileBase64: b64(statement) }, s.cashier.token);
    expect(again.matched).toEqual([]);
    expect(s.rows('SELECT count(*) AS n FROM payment_code_checks')).toEqual([{ n: 1 }]);
  });

  it('reads an Alipay statement in GBK with its # comment lines, and refuses a file that is no statement', async () => {
    const s = await codeShop();
    await s.sell(s.cola.id, 1, [{ method: 'alipay', amountFen: 300, code: ALIPAY }], 300);
    const alipay = [
      '#支付宝业务明细查询', '#账号：[20880000000]', '#----------------------------------------业务明细列表----------------------------------------',
      '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,订单金额（元）,商家实收（元）',
      '2026112222001400001,m9,交易,可乐,2026-11-22 09:59:58,2026-11-22 10:00:01,,3.00,3.00',
      '#-----------------------------------------业务明细列表结束------------------------------------', '#导出时间：[2026年11月22日 18:00:00]',
    ].join('\n');
    const r = await ok(s.core, 'paymentCodes.importStatement', { fileBase64: b64(alipay, 'gbk') }, s.cashier.token);
    expect(r.matched.map((m) => [m.method, m.statementRef])).toEqual([['alipay', '2026112222001400001']]);
    expect(r.unmatchedStatement).toEqual([]);
    const bad = await s.core.dispatcher.call('paymentCodes.importStatement', { fileBase64: b64('name,phone\n张三,138') }, s.cashier.token);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input', messageKey: 'errors.payment_statement_header' } });
    expect(s.rows('SELECT count(*) AS n FROM payment_code_checks')).toEqual([{ n: 1 }]);
  });
});
