import type { Headline, MemberFigure, RfmSegment, SeriesPoint } from '../../../../shared/contract/stats.js';
import type { Period } from './periods.js';

/**
 * What the dashboard shows and what each figure opens. Pure: the cards, the change against
 * the previous period and the rates over time are computed here and unit-tested.
 */

export type FigureFormat = 'money' | 'count' | 'ratio' | 'score';

/** The rows behind a figure (issue 7: "every figure links to the rows it counts"). */
export type Drill =
  | { kind: 'members'; figure: MemberFigure; period: Period; segment?: RfmSegment; titleKey: string }
  | { kind: 'sales'; period: Period; only?: 'sale' | 'refund'; titleKey: string }
  | { kind: 'complaints'; period?: Period; unresolved?: boolean; titleKey: string }
  | { kind: 'feedback'; period: Period; titleKey: string }
  | { kind: 'chart'; anchor: string; titleKey: string };

export interface CardDef {
  key: HeadlineKey;
  format: FigureFormat;
  /** Whether a rise is good news (complaints are not); null when neither. */
  upIsGood: boolean | null;
  /** Where the card leads. */
  drill: (p: Period) => Drill;
}

export type HeadlineKey =
  | 'revenueFen' | 'sales' | 'averageTicketFen' | 'memberShare' | 'activeMembers' | 'newMembers' | 'repeatRate'
  | 'retentionRate' | 'lapsedMembers' | 'atRiskMembers' | 'complaintRate' | 'nps' | 'pointsEarned' | 'pointsRedeemed'
  | 'pointsExpired' | 'pointsLiabilityFen';

const members = (figure: MemberFigure) => (period: Period): Drill => ({ kind: 'members', figure, period, titleKey: `reports.card.${cardKeyOf(figure)}` });
const cardKeyOf = (figure: MemberFigure): string =>
  ({ active: 'activeMembers', new: 'newMembers', repeat: 'repeatRate', retained: 'retentionRate', lapsed: 'lapsedMembers', at_risk: 'atRiskMembers' } as Record<string, string>)[figure] ?? figure;
/** Points have no shop-wide ledger list; their cards lead to the points-flow chart and its table. */
const points = (): Drill => ({ kind: 'chart', anchor: 'chart-points', titleKey: 'reports.chart.points' });

/** The headline cards in reading order. */
export const CARDS: readonly CardDef[] = [
  { key: 'revenueFen', format: 'money', upIsGood: true, drill: (period) => ({ kind: 'sales', period, titleKey: 'reports.card.revenueFen' }) },
  { key: 'sales', format: 'count', upIsGood: true, drill: (period) => ({ kind: 'sales', period, only: 'sale', titleKey: 'reports.card.sales' }) },
  { key: 'averageTicketFen', format: 'money', upIsGood: true, drill: (period) => ({ kind: 'sales', period, only: 'sale', titleKey: 'reports.card.sales' }) },
  { key: 'memberShare', format: 'ratio', upIsGood: true, drill: members('active') },
  { key: 'activeMembers', format: 'count', upIsGood: true, drill: members('active') },
  { key: 'newMembers', format: 'count', upIsGood: true, drill: members('new') },
  { key: 'repeatRate', format: 'ratio', upIsGood: true, drill: members('repeat') },
  { key: 'retentionRate', format: 'ratio', upIsGood: true, drill: members('retained') },
  { key: 'lapsedMembers', format: 'count', upIsGood: false, drill: members('lapsed') },
  { key: 'atRiskMembers', format: 'count', upIsGood: false, drill: members('at_risk') },
  { key: 'complaintRate', format: 'ratio', upIsGood: false, drill: (period) => ({ kind: 'complaints', period, titleKey: 'reports.card.complaintRate' }) },
  { key: 'nps', format: 'score', upIsGood: true, drill: (period) => ({ kind: 'feedback', period, titleKey: 'reports.card.nps' }) },
  { key: 'pointsEarned', format: 'count', upIsGood: null, drill: points },
  { key: 'pointsRedeemed', format: 'count', upIsGood: null, drill: points },
  { key: 'pointsExpired', format: 'count', upIsGood: null, drill: points },
  { key: 'pointsLiabilityFen', format: 'money', upIsGood: null, drill: points },
];

export interface Change {
  /** Signed change: a relative change for money and counts, percentage points for ratios, points for NPS. */
  value: number;
  unit: 'relative' | 'points';
  direction: 'up' | 'down' | 'flat';
  /** Good news, bad news, or neither. */
  tone: 'good' | 'bad' | 'neutral';
}

/** The change of a figure against the previous period; null when either side is undefined or the base is 0. */
export function changeOf(def: Pick<CardDef, 'format' | 'upIsGood'>, current: number | null, previous: number | null): Change | null {
  if (current === null || previous === null) return null;
  let value: number;
  let unit: Change['unit'];
  if (def.format === 'ratio') {
    value = (current - previous) * 100;
    unit = 'points';
  } else if (def.format === 'score') {
    value = current - previous;
    unit = 'points';
  } else {
    if (previous === 0) return null;
    value = (current - previous) / Math.abs(previous);
    unit = 'relative';
  }
  const direction = Math.abs(value) < 1e-9 ? 'flat' : value > 0 ? 'up' : 'down';
  const tone = direction === 'flat' || def.upIsGood === null ? 'neutral' : (direction === 'up') === def.upIsGood ? 'good' : 'bad';
  return { value, unit, direction, tone };
}

export function headlineValue(h: Headline, key: HeadlineKey): number | null {
  return h[key];
}

/** a / b, or null when b is 0. */
export const rate = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/** NPS from counts: % promoters − % detractors, halves rounded away from zero (as the core does). */
export function npsOf(promoters: number, detractors: number, responses: number): number | null {
  if (responses === 0) return null;
  const x = (100 * (promoters - detractors)) / responses;
  const r = Math.sign(x) * Math.round(Math.abs(x));
  return r === 0 ? 0 : r;
}

/** At most this many points per chart; the series' bucket (day, week, month) keeps under it, this is the guard. */
export const MAX_CHART_POINTS = 400;

/**
 * Adjacent buckets summed until at most `max` remain (every field of a series point is a
 * count, so sums stay exact); a short series is returned as is.
 */
export function capSeries(points: SeriesPoint[], max = MAX_CHART_POINTS): SeriesPoint[] {
  if (points.length <= max) return points;
  const size = Math.ceil(points.length / max);
  const out: SeriesPoint[] = [];
  for (let i = 0; i < points.length; i += size) {
    const group = points.slice(i, i + size);
    const sum = { ...group[0]!, end: group[group.length - 1]!.end };
    for (const p of group.slice(1)) {
      for (const k of Object.keys(p) as Array<keyof SeriesPoint>) {
        if (k !== 'start' && k !== 'end') (sum[k] as number) += p[k] as number;
      }
    }
    out.push(sum);
  }
  return out;
}

/** A ratio as a percentage for a chart axis, one decimal; null stays a gap. */
const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

export interface RatePoint {
  label: string;
  repeatRate: number | null;
  complaintRate: number | null;
  nps: number | null;
}

/** Repeat rate (%), complaint rate (%) and NPS per bucket, from the series' counts. */
export function ratesOverTime(points: SeriesPoint[], label: (p: SeriesPoint) => string): RatePoint[] {
  return points.map((p) => ({
    label: label(p),
    repeatRate: pct(rate(p.repeatMembers, p.activeMembers)),
    complaintRate: pct(rate(p.complaints, p.sales)),
    nps: npsOf(p.npsPromoters, p.npsDetractors, p.npsResponses),
  }));
}

/**
 * Background shade for a cohort cell, as the alpha of the primary colour over white: 0 → white,
 * 1 → full. Dark text stays readable (AA, 4.5:1) up to 0.7 and white text from 0.8, so shades
 * in between snap to one of those two.
 */
export function heatAlpha(share: number | null): number {
  if (share === null || share <= 0) return 0;
  const a = Math.min(1, 0.08 + 0.92 * Math.sqrt(share));
  if (a > DARK_TEXT_MAX && a < LIGHT_TEXT_MIN) return a < (DARK_TEXT_MAX + LIGHT_TEXT_MIN) / 2 ? DARK_TEXT_MAX : LIGHT_TEXT_MIN;
  return a;
}
const DARK_TEXT_MAX = 0.7;
const LIGHT_TEXT_MIN = 0.8;

/** Whether a cell of that shade takes white text. */
export const heatTextLight = (alpha: number) => alpha >= LIGHT_TEXT_MIN;
