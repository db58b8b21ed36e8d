import type { Db } from '../../server/db/pool.js';
import type { Cohort, Headline } from '../../shared/contract/stats.js';
import { addDays } from '../../shared/dates.js';
import { addMonthsToMonth, bucketFor, bucketsOf, divideRounded, hoursBetween, median, monthOf, monthsBetween, previousPeriod, type Period } from '../../shared/stats/periods.js';
import { pointsFlow } from '../../shared/stats/points-flow.js';
import { segmentOf } from '../../shared/stats/rfm-segments.js';
import { pointsToFen } from '../../shared/pricing.js';

/**
 * The head-office figures computed again from the raw facts with plain loops, straight from the
 * README's definitions — no summary table, no SQL beyond reading the facts. `branch` null = the
 * chain (each member once, wherever they shopped).
 */
interface Fact { tbl: string; op: string; row: Record<string, unknown>; row_gid: string; hlc: string; branch_id: string; till_id: string }

export async function readFacts(db: Db): Promise<Fact[]> {
  return (await db.query<Fact>('SELECT tbl, op, row, row_gid, hlc, branch_id, till_id FROM facts ORDER BY feed_no')).rows;
}

export function reference(facts: Fact[], rules: { lapseDays: number; redeemPointsPerYuan: number }) {
  // Last writer (by hlc) per field, as the tills merge profiles.
  const members = new Map<string, { branch: string; enrolled: [string, string]; status: [string, string] }>();
  const complaints = new Map<string, { branch: string; logged: string; resolved: [string | null, string] }>();
  for (const f of facts) {
    if (f.tbl === 'members') {
      if (f.op === 'insert') members.set(f.row_gid, { branch: f.branch_id, enrolled: [String(f.row.enrolled_at), f.hlc], status: [String(f.row.status), f.hlc] });
      const m = members.get(f.row_gid);
      if (m && f.op === 'update') {
        if (typeof f.row.enrolled_at === 'string' && f.hlc > m.enrolled[1]) m.enrolled = [f.row.enrolled_at, f.hlc];
        if (typeof f.row.status === 'string' && f.hlc > m.status[1]) m.status = [f.row.status, f.hlc];
      }
    }
    if (f.tbl === 'complaints') {
      if (f.op === 'insert') complaints.set(f.row_gid, { branch: f.branch_id, logged: String(f.row.logged_at), resolved: [(f.row.resolved_at as string | null) ?? null, f.hlc] });
      const c = complaints.get(f.row_gid);
      if (c && f.op === 'update' && 'resolved_at' in f.row && f.hlc > c.resolved[1]) c.resolved = [(f.row.resolved_at as string | null) ?? null, f.hlc];
    }
  }
  const sales = facts.filter((f) => f.tbl === 'sales' && f.op === 'insert').map((f) => ({
    branch: f.branch_id, till: f.till_id, day: String(f.row.business_date), sale: f.row.kind === 'sale', total: Number(f.row.total_fen), member: (f.row.member_id as string | null) ?? null,
  }));
  const points = facts.filter((f) => f.tbl === 'points_ledger' && f.op === 'insert').map((f) => ({ branch: f.branch_id, day: String(f.row.at).slice(0, 10), reason: String(f.row.reason), delta: Number(f.row.delta) }));
  const feedback = facts.filter((f) => f.tbl === 'feedback' && f.op === 'insert').map((f) => ({ branch: f.branch_id, day: String(f.row.answered_at).slice(0, 10), score: Number(f.row.score) }));

  const inB = (branch: string | null, b: string) => branch === null || branch === b;
  /** Each member's completed sales per day in the scope (visits are days with one or more). */
  const visitsOf = (branch: string | null) => {
    const v = new Map<string, Map<string, number>>();
    for (const s of sales) {
      if (!s.member || !s.sale || !inB(branch, s.branch)) continue;
      const days = v.get(s.member) ?? new Map<string, number>();
      days.set(s.day, (days.get(s.day) ?? 0) + 1);
      v.set(s.member, days);
    }
    return v;
  };
  const salesIn = (visits: Map<string, number>, p: Period) => [...visits].filter(([d]) => d >= p.from && d <= p.to).reduce((n, [, k]) => n + k, 0);

  function headline(branch: string | null, p: Period, withLapse = true): Headline {
    const inP = sales.filter((s) => inB(branch, s.branch) && s.day >= p.from && s.day <= p.to);
    const count = inP.filter((s) => s.sale).length;
    const revenue = inP.reduce((n, s) => n + s.total, 0);
    const memberRevenue = inP.filter((s) => s.member).reduce((n, s) => n + s.total, 0);
    const visits = visitsOf(branch);
    const prev = previousPeriod(p);
    let active = 0, repeaters = 0, retained = 0, prevActive = 0, lapsed = 0, atRisk = 0;
    const recentFrom = addDays(p.to, -rules.lapseDays);
    const riskEdge = addDays(p.to, -Math.floor(rules.lapseDays / 2) - 1);
    for (const days of visits.values()) {
      const now = salesIn(days, p);
      const before = salesIn(days, prev);
      if (now > 0) active++;
      if (now >= 2) repeaters++;
      if (before > 0) prevActive++;
      if (now > 0 && before > 0) retained++;
      const last = [...days.keys()].filter((d) => d <= p.to).sort().at(-1);
      if (last !== undefined && last < recentFrom) lapsed++;
      if (last !== undefined && last >= recentFrom && last <= riskEdge) atRisk++;
    }
    const toNext = addDays(p.to, 1);
    const newMembers = [...members.values()].filter((m) => inB(branch, m.branch) && m.enrolled[0] >= p.from && m.enrolled[0] < toNext && m.status[0] !== 'merged').length;
    const cs = [...complaints.values()].filter((c) => inB(branch, c.branch) && c.logged >= p.from && c.logged < toNext);
    const fb = feedback.filter((f) => inB(branch, f.branch) && f.day >= p.from && f.day <= p.to);
    const promoters = fb.filter((f) => f.score >= 9).length;
    const detractors = fb.filter((f) => f.score <= 6).length;
    const byReason = new Map<string, number>();
    for (const e of points) if (inB(branch, e.branch) && e.day >= p.from && e.day <= p.to) byReason.set(e.reason, (byReason.get(e.reason) ?? 0) + e.delta);
    const flow = pointsFlow([...byReason].map(([reason, n]) => ({ reason, points: n })));
    const outstanding = points.filter((e) => inB(branch, e.branch) && e.day <= p.to).reduce((n, e) => n + e.delta, 0);
    return {
      from: p.from, to: p.to, revenueFen: revenue, sales: count, refunds: inP.length - count,
      averageTicketFen: count ? divideRounded(revenue, count) : null, memberRevenueFen: memberRevenue, memberShare: revenue ? memberRevenue / revenue : null,
      activeMembers: active, newMembers, repeatRate: active ? repeaters / active : null, retentionRate: prevActive ? retained / prevActive : null,
      lapsedMembers: withLapse ? lapsed : null, atRiskMembers: withLapse ? atRisk : null,
      complaints: cs.length, complaintRate: count ? cs.length / count : null,
      medianResolutionHours: median(cs.filter((c) => c.resolved[0] !== null).map((c) => hoursBetween(c.logged, c.resolved[0]!))),
      nps: fb.length ? divideRounded(100 * (promoters - detractors), fb.length) : null, npsResponses: fb.length,
      pointsEarned: flow.earned, pointsRedeemed: flow.redeemed, pointsExpired: flow.expired, redemptionRate: flow.earned > 0 ? flow.redeemed / flow.earned : null,
      pointsOutstanding: outstanding, pointsLiabilityFen: pointsToFen(Math.max(0, outstanding), rules.redeemPointsPerYuan),
    };
  }

  function cohorts(branch: string | null, p: Period): Cohort[] {
    const visits = visitsOf(branch);
    const first = monthOf(p.from);
    const last = monthOf(p.to);
    const toNext = addDays(p.to, 1);
    const out: Cohort[] = [];
    for (let c = first; c <= last; c = addMonthsToMonth(c, 1)) {
      const cohort = [...members].filter(([, m]) => inB(branch, m.branch) && monthOf(m.enrolled[0]) === c && m.enrolled[0] < toNext);
      const size = cohort.filter(([, m]) => m.status[0] !== 'merged').length;
      if (size === 0) continue;
      const retention: number[] = [];
      for (let k = 0; k <= monthsBetween(c, last); k++) {
        const month = addMonthsToMonth(c, k);
        retention.push(cohort.filter(([gid]) => [...(visits.get(gid)?.keys() ?? [])].some((d) => monthOf(d) === month && d <= p.to)).length / size);
      }
      out.push({ cohort: c, size, retention });
    }
    return out;
  }

  function rfm(branch: string | null, asOf: string) {
    const from = addDays(asOf, -364);
    const base = new Map<string, { last: string; freq: number; spend: number }>();
    for (const s of sales) {
      if (!s.member || !inB(branch, s.branch) || s.day < from || s.day > asOf) continue;
      const b = base.get(s.member) ?? { last: '', freq: 0, spend: 0 };
      if (s.sale) { b.freq++; if (s.day > b.last) b.last = s.day; }
      b.spend += s.total;
      base.set(s.member, b);
    }
    const rows = [...base].filter(([, b]) => b.freq > 0).map(([member, b]) => ({ member, ...b, r: 0, f: 0 }));
    const ntile = (key: (x: (typeof rows)[number]) => string | number, set: (x: (typeof rows)[number], q: number) => void) => {
      const sorted = [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.member < b.member ? -1 : 1));
      const small = Math.floor(sorted.length / 5);
      const big = sorted.length % 5;
      let i = 0;
      for (let q = 1; q <= 5; q++) for (let k = 0; k < small + (q <= big ? 1 : 0); k++) set(sorted[i++]!, q);
    };
    ntile((x) => x.last, (x, q) => { x.r = q; });
    ntile((x) => x.freq, (x, q) => { x.f = q; });
    const cells = new Map<string, { r: number; f: number; members: number; revenueFen: number }>();
    for (const x of rows) {
      const c = cells.get(`${x.r}|${x.f}`) ?? { r: x.r, f: x.f, members: 0, revenueFen: 0 };
      c.members++;
      c.revenueFen += x.spend;
      cells.set(`${x.r}|${x.f}`, c);
    }
    return { members: rows.length, cells: [...cells.values()].map((c) => ({ ...c, segment: segmentOf(c.r, c.f) })).sort((a, b) => a.r - b.r || a.f - b.f) };
  }

  function tills(tillCodes: Map<string, { code: string; branch: string }>, branch: string | null, p: Period) {
    return [...tillCodes].filter(([, t]) => inB(branch, t.branch)).map(([id, t]) => {
      const mine = sales.filter((s) => s.till === id && s.day >= p.from && s.day <= p.to);
      const count = mine.filter((s) => s.sale).length;
      const revenue = mine.reduce((n, s) => n + s.total, 0);
      return { till: t.code, thisTill: false, revenueFen: revenue, sales: count, refunds: mine.length - count, averageTicketFen: count ? divideRounded(revenue, count) : null };
    }).sort((a, b) => Number(a.till.slice(1)) - Number(b.till.slice(1)));
  }

  function series(branch: string | null, p: Period) {
    const bucket = bucketFor(p);
    const visits = visitsOf(branch);
    return {
      bucket,
      points: bucketsOf(p, bucket).map(({ start, end }) => {
        const q = { from: start, to: end };
        const h = headline(branch, q, false);
        let active = 0, repeat = 0, first = 0;
        for (const days of visits.values()) {
          const k = salesIn(days, q);
          if (k > 0) active++;
          if (k >= 2) repeat++;
          const firstDay = [...days.keys()].sort()[0]!;
          if (firstDay >= start && firstDay <= end) first++;
        }
        const fb = feedback.filter((f) => inB(branch, f.branch) && f.day >= start && f.day <= end);
        return {
          start, end, revenueFen: h.revenueFen, sales: h.sales, newCustomers: first, returningCustomers: Math.max(0, active - first),
          activeMembers: active, repeatMembers: repeat, complaints: h.complaints, npsResponses: fb.length,
          npsPromoters: fb.filter((f) => f.score >= 9).length, npsDetractors: fb.filter((f) => f.score <= 6).length,
          pointsEarned: h.pointsEarned, pointsRedeemed: h.pointsRedeemed, pointsExpired: h.pointsExpired,
        };
      }),
    };
  }

  return { headline, cohorts, rfm, tills, series };
}
