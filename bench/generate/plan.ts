/**
 * The benchmark shop's plan, decided before anything is written: who the members are, when
 * each enrols, how long they keep coming, and which member comes on which day. Pure functions
 * of the seeded random stream — called in a fixed order, so a seed always gives the same shop.
 */
import type { Random } from '../../electron/core/lib/random.js';
import { seasonality, growth, KINDS, MEMBER_SALE_SHARE, ENROL_WITHOUT_SALE, ONE_AND_DONE, type ShopSize } from './shape.js';

export const DAY_OPEN = 8 * 3600 + 5 * 60;
export const DAY_CLOSE = 22 * 3600;

export const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
export const timeOf = (secs: number) => `${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}`;

type Size = ShopSize;

export interface MemberPlan {
  /** Index into KINDS: regulars, occasional, drifters. */
  kindOf: Uint8Array;
  enrolDay: Int32Array;
  enrolSecs: Int32Array;
  /** The last day they may come (they drift away after). */
  lastDay: Int32Array;
}

/** Members in order of enrolment (the order the till gives them ids in). */
export function planMembers(rnd: Random, size: Size): MemberPlan {
  const M = size.members;
  const plan = Array.from({ length: M }, () => {
    const u = rnd.float();
    const kind = u < KINDS[0].share ? 0 : u < KINDS[0].share + KINDS[1].share ? 1 : 2;
    const day = Math.min(size.days - 1, Math.floor(size.days * rnd.float() ** 0.9));
    const secs = rnd.int(DAY_OPEN, DAY_CLOSE - 1);
    const life = Math.round(-Math.log(1 - rnd.float()) * KINDS[kind]!.lifeMonths * 30.4);
    return { kind, day, secs, last: Math.min(size.days - 1, day + life) };
  });
  plan.sort((a, b) => a.day - b.day || a.secs - b.secs);
  const out: MemberPlan = { kindOf: new Uint8Array(M), enrolDay: new Int32Array(M), enrolSecs: new Int32Array(M), lastDay: new Int32Array(M) };
  plan.forEach((p, i) => { out.kindOf[i] = p.kind; out.enrolDay[i] = p.day; out.enrolSecs[i] = p.secs; out.lastDay[i] = p.last; });
  return out;
}

export interface VisitPlan {
  /** 0 comes and returns; 1 one sale and gone; 2 enrols without a sale then returns; 3 enrols and never buys. */
  oneAndDone: Uint8Array;
  /** Member numbers (plan index + 1) by day: day d's are byDay[dayStart[d] … dayStart[d + 1]). */
  byDay: Int32Array;
  dayStart: Int32Array;
  /** Walk-in sales per day, filling each day up to its total. */
  anonPerDay: number[];
}

/** Member visits: a Poisson process per member, thinned by seasonality; walk-ins fill each day. */
export function planVisits(rnd: Random, size: Size, dates: readonly string[], members: MemberPlan): VisitPlan {
  const M = size.members;
  const { kindOf, enrolDay, lastDay } = members;
  const season = dates.map(seasonality);
  const maxSeason = Math.max(...season);
  const meanSeason = season.reduce((a, b) => a + b, 0) / season.length;
  const memberTarget = size.sales * MEMBER_SALE_SHARE;
  let firstVisits = 0;
  let exposure = 0;
  const oneAndDone = new Uint8Array(M);
  for (let i = 0; i < M; i++) {
    if (rnd.chance(ENROL_WITHOUT_SALE)) oneAndDone[i] = 2; // enrolled, first sale later (or never)
    else firstVisits++;
    if (kindOf[i] === 2 && rnd.chance(ONE_AND_DONE)) { oneAndDone[i] = oneAndDone[i] === 2 ? 3 : 1; continue; }
    exposure += KINDS[kindOf[i]!]!.rate * (lastDay[i]! - enrolDay[i]! + 1);
  }
  const k = Math.max(0, memberTarget - firstVisits) / (exposure * meanSeason);
  const visitsPerDay = new Int32Array(size.days);
  let evDays: number[] = [];
  let evMembers: number[] = [];
  for (let i = 0; i < M; i++) {
    if (oneAndDone[i] === 0 || oneAndDone[i] === 1) { evDays.push(enrolDay[i]!); evMembers.push(i + 1); }
    if (oneAndDone[i] === 1 || oneAndDone[i] === 3) continue;
    const lambda = k * KINDS[kindOf[i]!]!.rate * maxSeason;
    let t = enrolDay[i]! + 0.5;
    for (;;) {
      t += -Math.log(1 - rnd.float()) / lambda;
      const d = Math.floor(t);
      if (d > lastDay[i]!) break;
      if (rnd.float() * maxSeason <= season[d]!) { evDays.push(d); evMembers.push(i + 1); }
    }
  }
  for (const d of evDays) visitsPerDay[d]!++;
  const dayStart = new Int32Array(size.days + 1);
  for (let d = 0; d < size.days; d++) dayStart[d + 1] = dayStart[d]! + visitsPerDay[d]!;
  const byDay = new Int32Array(evDays.length);
  {
    const fill = dayStart.slice(0, size.days);
    for (let e = 0; e < evDays.length; e++) byDay[fill[evDays[e]!]!++] = evMembers[e]!;
  }
  evDays = []; evMembers = [];
  const weights = dates.map((_, d) => season[d]! * growth(d, size.days));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const anonPerDay = weights.map((w, d) => Math.max(0, Math.round(size.sales * (w / weightSum) * (0.9 + 0.2 * rnd.float())) - visitsPerDay[d]!));
  return { oneAndDone, byDay, dayStart, anonPerDay };
}

export function shuffle<T>(rnd: Random, a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rnd.int(0, i);
    const t = a[i]!; a[i] = a[j]!; a[j] = t;
  }
  return a;
}

/** First index whose cumulative weight reaches x. */
export function lowerBound(cum: Float64Array, x: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
