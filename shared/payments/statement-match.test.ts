import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matchStatement, localSeconds, MATCH_WINDOW_SECONDS, type StatementEntry, type TillPayment } from './statement-match.js';

const at = (min: number) => { const d = new Date(Date.UTC(2026, 1, 1, 9, 0, 0) + min * 60_000); return d.toISOString().slice(0, 19); };

describe('statement matching', () => {
  it('pairs by amount and time, and lists what does not match on either side', () => {
    const till: TillPayment[] = [
      { id: 1, method: 'wechat', amountFen: 1600, at: '2026-02-01T09:00:00' },
      { id: 2, method: 'alipay', amountFen: 2500, at: '2026-02-01T09:05:00' },
      { id: 3, method: 'wechat', amountFen: 990, at: '2026-02-01T10:00:00' },
    ];
    const statement: StatementEntry[] = [
      { line: 2, method: 'wechat', amountFen: 1600, at: '2026-02-01 09:00:07', ref: 'w1' },
      { line: 3, method: 'wechat', amountFen: 2500, at: '2026-02-01 09:05:01', ref: 'w2' }, // the wrong platform
      { line: 4, method: null, amountFen: 990, at: '2026-02-01 10:30:00', ref: 'w3' }, // too late
    ];
    const r = matchStatement(till, statement);
    expect(r.matched.map((m) => [m.payment.id, m.entry.ref])).toEqual([[1, 'w1']]);
    expect(r.unmatchedTill.map((p) => p.id)).toEqual([2, 3]);
    expect(r.unmatchedStatement.map((e) => e.ref)).toEqual(['w2', 'w3']);
  });

  it('takes the nearest in time when amounts repeat', () => {
    const till: TillPayment[] = [{ id: 1, method: 'wechat', amountFen: 500, at: at(0) }, { id: 2, method: 'wechat', amountFen: 500, at: at(4) }];
    const statement: StatementEntry[] = [{ line: 2, method: 'wechat', amountFen: 500, at: at(4).replace('T', ' '), ref: 'b' }, { line: 3, method: 'wechat', amountFen: 500, at: at(0).replace('T', ' '), ref: 'a' }];
    expect(matchStatement(till, statement).matched.map((m) => [m.payment.id, m.entry.ref])).toEqual([[1, 'a'], [2, 'b']]);
  });

  it('is one-to-one, within the window, maximal and independent of row order (property)', () => {
    const pay = fc.record({ amount: fc.constantFrom(100, 250, 990), min: fc.integer({ min: 0, max: 120 }), wechat: fc.boolean() });
    fc.assert(fc.property(fc.array(pay, { maxLength: 12 }), fc.array(pay, { maxLength: 12 }), (ts, ss) => {
      const till = ts.map((p, i): TillPayment => ({ id: i + 1, method: p.wechat ? 'wechat' : 'alipay', amountFen: p.amount, at: at(p.min) }));
      const st = ss.map((p, i): StatementEntry => ({ line: i + 2, method: p.wechat ? 'wechat' : 'alipay', amountFen: p.amount, at: at(p.min).replace('T', ' '), ref: `r${i}` }));
      const r = matchStatement(till, st);
      expect(new Set(r.matched.map((m) => m.payment.id)).size).toBe(r.matched.length);
      expect(new Set(r.matched.map((m) => m.entry.ref)).size).toBe(r.matched.length);
      expect(r.matched.length + r.unmatchedTill.length).toBe(till.length);
      expect(r.matched.length + r.unmatchedStatement.length).toBe(st.length);
      for (const m of r.matched) {
        expect(m.entry.amountFen).toBe(m.payment.amountFen);
        expect(Math.abs(localSeconds(m.entry.at)! - localSeconds(m.payment.at)!)).toBeLessThanOrEqual(MATCH_WINDOW_SECONDS);
      }
      for (const p of r.unmatchedTill) for (const e of r.unmatchedStatement) {
        const fits = e.amountFen === p.amountFen && e.method === p.method && Math.abs(localSeconds(e.at)! - localSeconds(p.at)!) <= MATCH_WINDOW_SECONDS;
        expect(fits).toBe(false);
      }
      const reversed = matchStatement(till, [...st].reverse());
      expect(reversed.matched.length).toBe(r.matched.length);
    }));
  });
});
