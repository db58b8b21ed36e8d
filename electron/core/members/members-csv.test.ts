import { afterEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { testCore, shopWithOwner, fixedClock } from '../../../tests/helpers/core.js';
import { ok } from '../../../tests/helpers/shop.js';
import { parseLocalDateTime } from './members-csv.js';

const cores: Array<ReturnType<typeof testCore>> = [];
afterEach(async () => { for (const c of cores.splice(0)) await c.dispose(); });
async function owner() {
  const core = testCore({ clock: fixedClock('2026-11-22T10:00:00') });
  cores.push(core);
  const { token } = await shopWithOwner(core);
  return { core, token };
}
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const HEADER = 'phone,name,card_no,birthday,gender,enrolled_at,tier,points,stored_value,tags,note';

describe('member CSV import', () => {
  it('imports members with opening points and stored value in the ledgers, and reports bad rows by line', async () => {
    const { core, token } = await owner();
    const csv = [
      HEADER,
      '13812345678,王芳,,05-01,female,2024-03-01,银卡会员,1200,100.50,老顾客|附近小区,爱喝咖啡',
      '13912345678,李雷,VIP-0001,1990-12-31,male,2025-01-02T09:30:00,,0,,,',
      '12345,坏号码,,,,,,,,,',
      '13700000001,坏生日,,13-01,,,,,,,',
      '13700000002,坏性别,,,unknown,,,,,,',
      '13700000003,坏日期,,,,2025-02-30,,,,,',
      '13700000004,坏等级,,,,,钻石会员,,,,',
      '13700000005,坏积分,,,,,,12.5,,,',
      '13700000006,坏余额,,,,,,,1.234,,',
      '13812345678,重复,,,,,,,,,',
      '13700000007,抢卡号,VIP-0001,,,,,,,,',
    ].join('\n');
    const r = await ok(core, 'members.importCsv', { fileBase64: b64(csv) }, token);
    expect(r.imported).toBe(2);
    expect(r.errors.map((e) => [e.line, e.reason])).toEqual([
      [4, 'phone'], [5, 'birthday'], [6, 'gender'], [7, 'enrolled_at'], [8, 'tier'], [9, 'points'], [10, 'stored_value'], [11, 'duplicate_phone'], [12, 'duplicate_card_no'],
    ]);
    const found = await ok(core, 'members.find', { query: '13812345678' }, token);
    expect(found.members[0]).toMatchObject({ name: '王芳', tier: { name: '银卡会员' }, points: 1200, storedValueFen: 10050 });
    const p = await ok(core, 'members.profile', { id: found.members[0]!.id }, token);
    expect(p).toMatchObject({ birthday: '05-01', gender: 'female', enrolledAt: '2024-03-01T00:00:00', tags: ['老顾客', '附近小区'], note: '爱喝咖啡' });
    expect(await ok(core, 'members.find', { query: 'VIP-0001' }, token)).toMatchObject({ by: 'card', members: [{ name: '李雷' }] });
    expect(core.db.prepare("SELECT delta, reason, expires_on FROM points_ledger").all()).toEqual([{ delta: 1200, reason: 'opening', expires_on: '2027-11-22' }]);
  });

  it('re-import updates by phone and books only the difference of the opening balances', async () => {
    const { core, token } = await owner();
    await ok(core, 'members.importCsv', { fileBase64: b64(`${HEADER}\n13812345678,王芳,,,,,,100,10,,\n`) }, token);
    const again = await ok(core, 'members.importCsv', { fileBase64: b64(`${HEADER}\n13812345678,王芳芳,,,,,,150,10,,\n`) }, token);
    expect(again).toEqual({ imported: 0, updated: 1, errors: [] });
    const m = (await ok(core, 'members.find', { query: '13812345678' }, token)).members[0]!;
    expect(m).toMatchObject({ name: '王芳芳', points: 150, storedValueFen: 1000 });
    expect(core.db.prepare('SELECT delta FROM points_ledger ORDER BY id').pluck().all()).toEqual([100, 50]);
  });

  it('reads GBK and exports in the same format, which imports back unchanged', async () => {
    const { core, token } = await owner();
    const text = `${HEADER}\r\n13812345678,王芳,,1990-05-01,female,2024-03-01,金卡会员,88,20,学生,"备注, 有逗号"\r\n`;
    expect(await ok(core, 'members.importCsv', { fileBase64: iconv.encode(text, 'gbk').toString('base64') }, token)).toMatchObject({ imported: 1, errors: [] });
    const out = await ok(core, 'members.exportCsv', {}, token);
    expect(out.rows).toBe(1);
    const [header, row] = out.csv.trim().split('\n');
    expect(header).toBe(HEADER);
    expect(row).toMatch(/^13812345678,王芳,29\d{11},1990-05-01,female,2024-03-01T00:00:00,金卡会员,88,20.00,学生,"备注, 有逗号"$/);
    const second = testCore();
    cores.push(second);
    const { token: t2 } = await shopWithOwner(second);
    expect(await ok(second, 'members.importCsv', { fileBase64: b64(out.csv) }, t2)).toMatchObject({ imported: 1, errors: [] });
    expect((await ok(second, 'members.exportCsv', {}, t2)).csv).toBe(out.csv);
    expect(core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'members.export'").get()).toEqual({ n: 1 });
  });

  it('parses local date-times strictly', () => {
    expect(parseLocalDateTime('2026-01-02')).toBe('2026-01-02T00:00:00');
    expect(parseLocalDateTime('2026-01-02 03:04')).toBe('2026-01-02T03:04:00');
    expect(parseLocalDateTime('2026-01-02T03:04:05')).toBe('2026-01-02T03:04:05');
    for (const bad of ['2026-02-30', '2026-1-2', '2026-01-02T24:00', 'x']) expect(parseLocalDateTime(bad)).toBeNull();
  });
});
