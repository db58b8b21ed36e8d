import { afterEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { openShop, ok } from '../../../tests/helpers/shop.js';
import { fixedClock } from '../../../tests/helpers/core.js';
import { importComplaintsCsv, importFeedbackCsv, COMPLAINT_CSV_HEADER, FEEDBACK_CSV_HEADER } from './complaints-csv.js';

type Shop = Awaited<ReturnType<typeof openShop>>;
const shops: Shop[] = [];
afterEach(async () => { for (const s of shops.splice(0)) await s.core.dispose(); });

async function shop() {
  const clock = fixedClock('2026-11-22T10:00:00');
  const s = await openShop({ clock });
  shops.push(s);
  await ok(s.core, 'members.enrol', { phone: '13812345678', name: '王芳' }, s.cashier.token);
  return { ...s, clock };
}
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const HEADER = COMPLAINT_CSV_HEADER.join(',');

describe('complaint history import', () => {
  it('imports good rows in one go and reports each bad row by line and reason', async () => {
    const s = await shop();
    const csv = [
      HEADER,
      '2026-03-01T10:15:00,138 1234 5678,in_store,product,high,牛奶变质,resolved,2026-03-02T09:00:00',
      '2026-03-05T12:00:00,,phone,waiting,low,电话没人接,open,',
      '2026-03-06 08:30,,wechat,service,medium,"态度差, 不耐烦",closed,2026-03-07',
      '2026-02-30T10:00:00,,in_store,product,high,坏日期,open,',
      '2026-03-01T10:00:00,12345,in_store,product,high,坏手机号,open,',
      '2026-03-01T10:00:00,13999999999,in_store,product,high,不是会员,open,',
      '2026-03-01T10:00:00,,fax,product,high,坏渠道,open,',
      '2026-03-01T10:00:00,,in_store,weather,high,坏类型,open,',
      '2026-03-01T10:00:00,,in_store,product,urgent,坏严重程度,open,',
      '2026-03-01T10:00:00,,in_store,product,high,,open,',
      '2026-03-01T10:00:00,,in_store,product,high,坏状态,pending,',
      '2026-03-01T10:00:00,,in_store,product,high,已解决没时间,resolved,',
      '2026-03-01T10:00:00,,in_store,product,high,未解决有时间,open,2026-03-02T00:00:00',
      '2026-03-01T10:00:00,,in_store,product,high,解决早于登记,resolved,2026-02-01T00:00:00',
      '2027-03-01T10:00:00,,in_store,product,high,将来,open,',
      '2026-03-01T10:00:00,,in_store,product,high,少一列,open',
      '2026-03-01T10:15:00,13812345678,in_store,product,high,牛奶变质,resolved,2026-03-02T09:00:00',
    ].join('\n');
    const r = await ok(s.core, 'complaints.importCsv', { fileBase64: b64(csv) }, s.manager.token);
    expect(r.imported).toBe(3);
    expect(r.updated).toBe(0);
    expect(r.errors.map((e) => [e.line, e.reason])).toEqual([
      [5, 'logged_at'], [6, 'member_phone'], [7, 'member_not_found'], [8, 'channel'], [9, 'category'], [10, 'severity'], [11, 'description'],
      [12, 'status'], [13, 'resolved_at'], [14, 'resolved_at'], [15, 'resolved_at'], [16, 'logged_at'], [17, 'column_count'], [18, 'duplicate'],
    ]);
    const list = await ok(s.core, 'complaints.list', { filter: { from: '2026-01-01' } }, s.manager.token);
    expect(list.total).toBe(3);
    const milk = list.items.find((c) => c.description === '牛奶变质')!;
    expect(milk).toMatchObject({ loggedAt: '2026-03-01T10:15:00', memberName: '王芳', status: 'resolved', resolvedAt: '2026-03-02T09:00:00', closedAt: null, source: 'import', createdBy: s.manager.staffId, severity: 'high' });
    expect(list.items.find((c) => c.channel === 'wechat')).toMatchObject({ description: '态度差, 不耐烦', loggedAt: '2026-03-06T08:30:00', status: 'closed', resolvedAt: '2026-03-07T00:00:00', closedAt: '2026-03-07T00:00:00' });
    const detail = await ok(s.core, 'complaints.get', { id: milk.id }, s.manager.token);
    expect(detail.timeline).toEqual([expect.objectContaining({ kind: 'imported', to: 'resolved', at: '2026-11-22T10:00:00', staffId: s.manager.staffId, note: 'line 2' })]);
    expect(s.core.db.prepare("SELECT details FROM audit_log WHERE action = 'complaints.import'").get()).toEqual({ details: JSON.stringify({ imported: 3, errors: 14 }) });

    // Importing the same file again adds nothing: every good row is now a duplicate.
    const again = await ok(s.core, 'complaints.importCsv', { fileBase64: b64(csv) }, s.manager.token);
    expect(again.imported).toBe(0);
    expect(again.errors.filter((e) => e.reason === 'duplicate').map((e) => e.line)).toEqual([2, 3, 4, 18]);
  });

  it('reads GBK files made by Excel on Chinese Windows, and refuses a wrong header or bad bytes', async () => {
    const s = await shop();
    const text = `${HEADER}\r\n2026-05-01T09:00:00,13812345678,online,environment,medium,店里太热，空调坏了,in_progress,\r\n`;
    const gbk = iconv.encode(text, 'gbk');
    expect(gbk.includes(Buffer.from('店里', 'utf8'))).toBe(false);
    const r = importComplaintsCsv(s.core.db, s.clock, s.core.services.audit, gbk, null);
    expect(r).toEqual({ imported: 1, updated: 0, errors: [] });
    expect((await ok(s.core, 'complaints.list', { filter: { category: 'environment' } }, s.manager.token)).items[0]).toMatchObject({ description: '店里太热，空调坏了', status: 'in_progress', createdBy: null, memberName: '王芳' });

    const wrong = importComplaintsCsv(s.core.db, s.clock, s.core.services.audit, Buffer.from('date,phone,text\n2026-01-01,,x\n'), null);
    expect(wrong).toMatchObject({ imported: 0, errors: [{ line: 1, reason: 'header' }] });
    const garbage = importComplaintsCsv(s.core.db, s.clock, s.core.services.audit, Buffer.from([0xff, 0xfe, 0xfd, 0x80, 0x81]), null);
    expect(garbage).toMatchObject({ imported: 0, errors: [{ reason: 'encoding' }] });
    expect(await s.core.dispatcher.call('complaints.importCsv', { fileBase64: '***' }, s.manager.token)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await s.core.dispatcher.call('complaints.importCsv', { fileBase64: b64(text) }, s.cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('satisfaction history import', () => {
  it('imports answers and reports bad rows by line, GBK included', async () => {
    const s = await shop();
    const csv = [
      FEEDBACK_CSV_HEADER.join(','),
      '2026-04-01T12:00:00,13812345678,10,非常满意',
      '2026-04-02,,6,',
      '2026-04-03T12:00:00,,11,太高',
      '2026-04-03T12:00:00,,-1,负数',
      '2026-04-03T12:00:00,,7.5,小数',
      '2026-04-03T12:00:00,,,空',
      'yesterday,,8,坏日期',
      '2026-04-03T12:00:00,13999999999,8,不是会员',
      '2026-04-01T12:00:00,13812345678,10,非常满意',
    ].join('\n');
    const r = importFeedbackCsv(s.core.db, s.clock, s.core.services.audit, iconv.encode(csv, 'gbk'), s.manager.staffId);
    expect(r.imported).toBe(2);
    expect(r.errors.map((e) => [e.line, e.reason])).toEqual([[4, 'score'], [5, 'score'], [6, 'score'], [7, 'score'], [8, 'answered_at'], [9, 'member_not_found'], [10, 'duplicate']]);
    const list = await ok(s.core, 'feedback.list', {}, s.manager.token);
    expect(list.items.map((f) => [f.answeredAt, f.score, f.comment, f.memberName, f.source])).toEqual([
      ['2026-04-02T00:00:00', 6, '', null, 'import'],
      ['2026-04-01T12:00:00', 10, '非常满意', '王芳', 'import'],
    ]);
    expect(list.summary).toMatchObject({ answers: 2, promoters: 1, detractors: 1, nps: 0 });
    expect(await ok(s.core, 'feedback.importCsv', { fileBase64: b64(csv) }, s.manager.token)).toMatchObject({ imported: 0 });
  });
});
