import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { testCore } from '../helpers/core.js';
import { importSalesCsv } from '../../electron/core/checkout/sales-csv.js';
import { importComplaintsCsv, importFeedbackCsv } from '../../electron/core/complaints/complaints-csv.js';
import { statsJson } from '../../electron/core/stats/stats-json.js';

/**
 * `pos stats` against an independent computation: random members, sales, refunds, complaints
 * and NPS answers go in through the CSV imports; the expected figures are computed here by
 * plain loops over the same rows, straight from the brief's definitions — no SQL, no summaries.
 */
const cores: Array<ReturnType<typeof testCore>> = [];
afterEach(async () => { for (const c of cores.splice(0)) await c.dispose(); });

const DAY0 = Date.UTC(2025, 0, 1);
const dayOf = (n: number) => new Date(DAY0 + n * 86_400_000).toISOString().slice(0, 10);
const dayNo = (d: string) => Math.round((Date.parse(`${d}T00:00:00Z`) - DAY0) / 86_400_000);
const time = (n: number, minute: number) => `${dayOf(n)}T${String(8 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00`;
const yuan = (fen: number) => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
const csv = (header: string, rows: Array<Array<string | number>>) => Buffer.from([header, ...rows.map((r) => r.join(','))].join('\n'), 'utf8');
const SPAN = 500; // days of history

const world = fc.record({
  members: fc.array(fc.record({ enrolled: fc.integer({ min: 0, max: SPAN }), minute: fc.integer({ min: 0, max: 600 }) }), { minLength: 1, maxLength: 25 }),
  sales: fc.array(fc.record({
    member: fc.option(fc.nat(), { freq: 3, nil: null }), day: fc.integer({ min: 0, max: SPAN }), minute: fc.integer({ min: 0, max: 600 }),
    totalFen: fc.integer({ min: 1, max: 99_999 }), method: fc.constantFrom('cash', 'card', 'wechat', 'alipay'),
    refund: fc.option(fc.record({ after: fc.integer({ min: 0, max: 30 }), share: fc.integer({ min: 1, max: 100 }) }), { freq: 4, nil: null }),
  }), { maxLength: 120 }),
  complaints: fc.array(fc.record({ day: fc.integer({ min: 0, max: SPAN }), minute: fc.integer({ min: 0, max: 600 }), resolvedAfterMin: fc.option(fc.integer({ min: 1, max: 20_000 }), { nil: null }) }), { maxLength: 20 }),
  feedback: fc.array(fc.record({ day: fc.integer({ min: 0, max: SPAN }), score: fc.integer({ min: 0, max: 10 }) }), { maxLength: 30 }),
  periods: fc.array(fc.tuple(fc.integer({ min: 0, max: SPAN + 40 }), fc.integer({ min: 0, max: 200 })), { minLength: 1, maxLength: 4 }),
});
type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

function expected(w: World, from: string, to: string, lapseDays: number) {
  const phone = (i: number) => `1390000${String(i).padStart(4, '0')}`;
  const members = w.members.map((m, i) => ({ phone: phone(i), enrolled: dayOf(m.enrolled) }));
  type Ev = { day: string; soldAt: string; member: number | null; totalFen: number; kind: 'sale' | 'refund' };
  const events: Ev[] = [];
  w.sales.forEach((s, i) => {
    const member = s.member === null ? null : s.member % members.length;
    events.push({ day: dayOf(s.day), soldAt: time(s.day, s.minute), member, totalFen: s.totalFen, kind: 'sale' });
    if (s.refund) {
      const amount = Math.max(1, Math.floor((s.totalFen * s.refund.share) / 100));
      events.push({ day: dayOf(s.day + s.refund.after), soldAt: time(s.day + s.refund.after, 601 + (i % 50)), member, totalFen: -amount, kind: 'refund' });
    }
  });
  const inP = (d: string, a = from, b = to) => d >= a && d <= b;
  const len = dayNo(to) - dayNo(from) + 1;
  const prevFrom = dayOf(dayNo(from) - len);
  const prevTo = dayOf(dayNo(from) - 1);
  const salesIn = (a: string, b: string) => events.filter((e) => e.kind === 'sale' && inP(e.day, a, b));
  const revenue = events.filter((e) => inP(e.day)).reduce((n, e) => n + e.totalFen, 0);
  const sales = salesIn(from, to).length;
  const memberRevenue = events.filter((e) => inP(e.day) && e.member !== null).reduce((n, e) => n + e.totalFen, 0);
  const countBy = (evs: Ev[]) => { const m = new Map<number, number>(); for (const e of evs) if (e.member !== null) m.set(e.member, (m.get(e.member) ?? 0) + 1); return m; };
  const active = countBy(salesIn(from, to));
  const prevActive = countBy(salesIn(prevFrom, prevTo));
  const lastBy = new Map<number, string>();
  for (const e of events) if (e.kind === 'sale' && e.member !== null && e.day <= to && (lastBy.get(e.member) ?? '') < e.day) lastBy.set(e.member, e.day);
  const ages = [...lastBy.values()].map((d) => dayNo(to) - dayNo(d));
  const complaints = w.complaints.filter((c) => inP(dayOf(c.day)));
  const hours = complaints.filter((c) => c.resolvedAfterMin !== null).map((c) => c.resolvedAfterMin! / 60).sort((a, b) => a - b);
  const median = hours.length ? (hours.length % 2 ? hours[hours.length >> 1]! : (hours[hours.length / 2 - 1]! + hours[hours.length / 2]!) / 2) : null;
  const answers = w.feedback.filter((f) => inP(dayOf(f.day)));
  const npsRaw = answers.length ? (100 * (answers.filter((a) => a.score >= 9).length - answers.filter((a) => a.score <= 6).length)) / answers.length : null;
  const nps = npsRaw === null ? null : Math.sign(npsRaw) * Math.round(Math.abs(npsRaw)) + 0;
  // cohorts
  const cohorts = [];
  const month = (d: string) => d.slice(0, 7);
  const addMonth = (m: string, k: number) => { const [y, mo] = m.split('-').map(Number) as [number, number]; const t = y * 12 + mo - 1 + k; return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`; };
  for (let c = month(from); c <= month(to); c = addMonth(c, 1)) {
    const cohort = members.map((m, i) => ({ ...m, i })).filter((m) => month(m.enrolled) === c && m.enrolled <= to);
    if (!cohort.length) continue;
    const retention = [];
    for (let k = 0; addMonth(c, k) <= month(to); k++) {
      const mk = addMonth(c, k);
      retention.push(cohort.filter((m) => events.some((e) => e.kind === 'sale' && e.member === m.i && month(e.day) === mk && e.day <= to)).length / cohort.length);
    }
    cohorts.push({ cohort: c, size: cohort.length, retention });
  }
  return {
    from, to, revenue, sales,
    average_ticket: sales ? Math.sign(revenue) * Math.round(Math.abs(revenue) / sales) + 0 : null,
    member_revenue: memberRevenue,
    member_share: revenue ? memberRevenue / revenue : null,
    active_members: active.size,
    new_members: members.filter((m) => inP(m.enrolled)).length,
    repeat_rate: active.size ? [...active.values()].filter((n) => n >= 2).length / active.size : null,
    retention_rate: prevActive.size ? [...prevActive.keys()].filter((m) => active.has(m)).length / prevActive.size : null,
    lapsed_members: ages.filter((a) => a > lapseDays).length,
    at_risk_members: ages.filter((a) => a > lapseDays / 2 && a <= lapseDays).length,
    complaints: complaints.length,
    complaint_rate: sales ? complaints.length / sales : null,
    median_resolution_hours: median,
    nps, nps_responses: answers.length,
    points_earned: 0, points_redeemed: 0, points_expired: 0, points_outstanding: 0,
    cohorts,
  };
}

function previous(from: string, to: string) {
  const len = dayNo(to) - dayNo(from) + 1;
  return { from: dayOf(dayNo(from) - len), to: dayOf(dayNo(from) - 1) };
}

async function load(w: World) {
  const core = testCore();
  cores.push(core);
  const phone = (i: number) => `1390000${String(i).padStart(4, '0')}`;
  const m = core.services.membersCsv.importCsv(csv('phone,name,card_no,birthday,gender,enrolled_at,tier,points,stored_value,tags,note',
    w.members.map((x, i) => [phone(i), `会员${i}`, '', '', '', time(x.enrolled, x.minute), '', '', '', '', ''])), null);
  expect(m.errors).toEqual([]);
  const rows: Array<Array<string | number>> = [];
  w.sales.forEach((s, i) => {
    const member = s.member === null ? '' : phone(s.member % w.members.length);
    rows.push([`S${i}`, time(s.day, s.minute), member, yuan(s.totalFen), s.method, '']);
    if (s.refund) {
      const amount = Math.max(1, Math.floor((s.totalFen * s.refund.share) / 100));
      rows.push([`R${i}`, time(s.day + s.refund.after, 601 + (i % 50)), '', yuan(-amount), s.method, `S${i}`]);
    }
  });
  const s = importSalesCsv(core.db, core.services.audit, csv('receipt_no,sold_at,member_phone,total,payment_method,refund_of', rows), null);
  expect(s.errors).toEqual([]);
  const c = importComplaintsCsv(core.db, core.services.clock, core.services.audit, csv('logged_at,member_phone,channel,category,severity,description,status,resolved_at',
    w.complaints.map((x, i) => {
      const logged = time(x.day, x.minute);
      const resolved = x.resolvedAfterMin === null ? '' : new Date(Date.parse(`${logged}Z`) + x.resolvedAfterMin * 60_000).toISOString().slice(0, 19);
      return [logged, '', 'in_store', 'service', 'low', `太慢${i}`, resolved ? 'resolved' : 'open', resolved];
    })), null);
  expect(c.errors).toEqual([]);
  const f = importFeedbackCsv(core.db, core.services.clock, core.services.audit, csv('answered_at,member_phone,score,comment', w.feedback.map((x, i) => [time(x.day, i), '', x.score, ''])), null);
  expect(f.errors).toEqual([]);
  return core;
}

describe('pos stats', () => {
  it('agrees with an independent computation from the imported rows, for random shops and periods', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const core = await load(w);
        for (const [start, length] of w.periods) {
          const from = dayOf(start);
          const to = dayOf(start + length);
          const stats = core.services.stats;
          const got = statsJson(stats.headline({ from, to }), stats.cohorts({ from, to }));
          const want = expected(w, from, to, 90);
          expect(Object.keys(got)).toEqual(Object.keys(want));
          for (const [k, v] of Object.entries(want)) {
            if (typeof v === 'number' && !Number.isInteger(v)) expect(got[k as keyof typeof got], k).toBeCloseTo(v, 9);
            else expect(got[k as keyof typeof got], k).toEqual(v);
          }
          // Every figure opens the rows it counts, and the charts add up to the headline.
          const h = stats.headline({ from, to });
          const listed = (figure: Parameters<typeof stats.members>[0]) => stats.members(figure, { from, to }, 0, 1).total;
          expect(listed('active')).toBe(h.activeMembers);
          expect(listed('new')).toBe(h.newMembers);
          expect(listed('lapsed')).toBe(h.lapsedMembers);
          expect(listed('at_risk')).toBe(h.atRiskMembers);
          if (h.repeatRate !== null) expect(listed('repeat') / h.activeMembers).toBeCloseTo(h.repeatRate, 9);
          if (h.retentionRate !== null) expect(listed('retained')).toBe(Math.round(h.retentionRate * stats.headline(previous(from, to)).activeMembers));
          expect(stats.tierMix({ from, to }).reduce((n, t) => n + t.activeMembers, 0)).toBe(h.activeMembers);
          // The overview (which, for a period ending after the last sale, counts the third period's members without reading it) says the same as the headlines.
          const o = stats.overview({ from, to });
          expect(o.current).toEqual(h);
          expect(o.previous).toEqual({ ...stats.headline(previous(from, to)), lapsedMembers: null, atRiskMembers: null });
          const series = stats.series({ from, to }).points;
          expect(series.reduce((n, x) => n + x.revenueFen, 0)).toBe(h.revenueFen);
          expect(series.reduce((n, x) => n + x.sales, 0)).toBe(h.sales);
          expect(series.reduce((n, x) => n + x.complaints, 0)).toBe(h.complaints);
          expect(series.reduce((n, x) => n + x.npsResponses, 0)).toBe(h.npsResponses);
          expect(series[0]!.start).toBe(from);
          expect(series.at(-1)!.end).toBe(to);
          // Each bucket's active and repeat members (daily ones from visits_daily, migration 011).
          for (const point of series) {
            const b = expected(w, point.start, point.end, 90);
            expect(point.activeMembers, `active ${point.start}`).toBe(b.active_members);
            expect(point.repeatMembers, `repeat ${point.start}`).toBe(Math.round((b.repeat_rate ?? 0) * b.active_members));
          }
        }
        await core.dispose();
        cores.splice(cores.indexOf(core), 1);
      }),
      { numRuns: 50 },
    );
  }, 120_000);

  it('prints exactly one JSON object on stdout with the documented keys', async () => {
    const core = await load({
      members: [{ enrolled: 10, minute: 5 }], sales: [{ member: 0, day: 12, minute: 1, totalFen: 1050, method: 'cash', refund: null }],
      complaints: [], feedback: [{ day: 12, score: 10 }], periods: [],
    });
    const dir = core.dataDir;
    core.close();
    const out = execFileSync('npx', ['tsx', 'electron/host/cli.ts', 'stats', '--from', '2025-01-01', '--to', '2025-01-31', '--json', '--data-dir', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const parsed = JSON.parse(out) as Record<string, unknown>;
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(Object.keys(parsed)).toEqual(['from', 'to', 'revenue', 'sales', 'average_ticket', 'member_revenue', 'member_share', 'active_members', 'new_members',
      'repeat_rate', 'retention_rate', 'lapsed_members', 'at_risk_members', 'complaints', 'complaint_rate', 'median_resolution_hours', 'nps', 'nps_responses',
      'points_earned', 'points_redeemed', 'points_expired', 'points_outstanding', 'cohorts', 'tills']);
    expect(parsed).toMatchObject({ revenue: 1050, sales: 1, average_ticket: 1050, active_members: 1, new_members: 1, nps: 100, cohorts: [{ cohort: '2025-01', size: 1, retention: [1] }] });
    // A till without a shop server is the whole shop ('' = this till, not paired).
    expect(parsed.tills).toEqual([{ till: '', this_till: true, revenue: 1050, sales: 1, refunds: 0, average_ticket: 1050 }]);
  }, 60_000);
});
