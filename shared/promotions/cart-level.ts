import type { Problem } from './engine.js';
import { spreadInto } from './evaluate.js';
import type { ThresholdStep } from './types.js';

/** A run of an item's units that share the same item promotion (-1: none), with the 满减 shares they carry. */
export interface Piece {
  promo: number;
  units: number;
  itemDisc: number;
  /** Amount after the item promotion, fen. */
  after: number;
  /** The 满减 shares it carries, flat: cart promotion, fen, cart promotion, fen… (no object per share). */
  cart: number[];
  /** The sum of `cart`'s fen: what 满减 already took from this piece. */
  taken: number;
  /** Shares counted but not yet written to `cart` (only inside `cartLevel`; 0 otherwise). */
  shares: number;
}

/** A piece's shares before its first 满减: one shared row, never written to (cartLevel replaces it). */
export const NO_SHARES: number[] = [];

const pctOf = (amountFen: number, pct: number) => Math.floor((amountFen * pct + 50) / 100);

/** 满减 / 满折 on a base: the highest step reached; a repeated 每满 counts each multiple (up to the limit). */
export function thresholdValue(steps: readonly ThresholdStep[], repeat: boolean, base: number, limit: number): { applications: number; fen: number } {
  let reached: ThresholdStep | null = null;
  for (const s of steps) if (s.minFen <= base && (reached === null || s.minFen > reached.minFen)) reached = s;
  if (reached === null || base <= 0 || limit <= 0) return { applications: 0, fen: 0 };
  if (reached.offFen !== null) {
    const times = repeat && reached.minFen > 0 ? Math.min(Math.floor(base / reached.minFen), limit) : 1;
    return { applications: times, fen: Math.min(base, times * reached.offFen) };
  }
  return { applications: 1, fen: base - pctOf(base, reached.pricePct ?? 100) };
}

/** Whether a unit of this piece may count toward cart promotion `c` (both must stack with others, unless the unit has no item promotion). */
function joins(pr: Problem, pc: Piece, c: number): boolean {
  if (pc.promo < 0) return true;
  return pr.cart[c]!.p.stacks.others && pr.item[pc.promo]!.p.stacks.others;
}

/** Base (amount after item promotions) each cart promotion would be judged on: over its eligible items only. */
export function cartBase(pr: Problem, pieces: Piece[][], c: number): number {
  let base = 0;
  for (const i of pr.cart[c]!.idx) for (const pc of pieces[i]!) if (joins(pr, pc, c)) base += pc.after;
  return base;
}

/**
 * Applies the chosen cart promotions in priority order: each judged on the amount after item
 * promotions, its discount shared by the pieces in proportion to what is left of them, so
 * two stacked 满减 can never take a unit below zero.
 */
/**
 * Scratch reused by every call (pricing is synchronous), filled up to a count and never emptied:
 * `length = 0` would hand the store back and the next 满减 grow it again, for every cart
 * promotion of every allocation tried.
 */
const refs: Piece[] = [];
const left: number[] = [];
const parts: number[] = [];
/** The shares given, in order (piece, cart promotion, fen), written to the pieces once all are known. */
const shareAt: Piece[] = [];
const shareC: number[] = [];
const shareX: number[] = [];
const zeroRow: number[] = [];
/** A cart promotion that gave nothing (shared, never written to). */
const NOTHING: { applications: number; fen: number } = { applications: 0, fen: 0 };

export function cartLevel(pr: Problem, pieces: Piece[][], cartSet: readonly number[]): Array<{ applications: number; fen: number }> {
  const out = pr.cart.map(() => NOTHING);
  let s = 0;
  for (const c of cartSet) {
    const cp = pr.cart[c]!;
    const rule = cp.p.rule;
    if (rule.kind !== 'threshold') continue;
    let k = 0;
    let base = 0;
    let leftSum = 0;
    for (const i of cp.idx) {
      for (const pc of pieces[i]!) {
        if (!joins(pr, pc, c)) continue;
        refs[k] = pc;
        left[k] = pc.after - pc.taken;
        k++;
        base += pc.after;
        leftSum += pc.after - pc.taken;
      }
    }
    const v = thresholdValue(rule.steps, rule.repeat, base, cp.limit);
    const fen = Math.min(v.fen, leftSum);
    if (fen <= 0) continue;
    spreadInto(fen, left, k, parts);
    for (let q = 0; q < k; q++) {
      const x = parts[q]!;
      if (x <= 0) continue;
      const pc = refs[q]!;
      pc.taken += x;
      pc.shares++;
      shareAt[s] = pc;
      shareC[s] = c;
      shareX[s] = x;
      s++;
    }
    out[c] = { applications: v.applications, fen };
  }
  // Each piece's shares in one row of exactly its size, in cart-promotion order (pushed one by
  // one, a row of 17 shares grows its store three times: garbage for every allocation tried).
  for (let q = 0; q < s; q++) {
    const pc = shareAt[q]!;
    if (pc.cart === NO_SHARES) {
      const len = 2 * pc.shares;
      while (zeroRow.length < len) zeroRow.push(0);
      pc.cart = zeroRow.slice(0, len);
    }
    const at = pc.cart.length - 2 * pc.shares;
    pc.cart[at] = shareC[q]!;
    pc.cart[at + 1] = shareX[q]!;
    pc.shares--;
  }
  return out;
}

const conflictsOf = new WeakMap<Problem, boolean[][]>();

/** Two cart promotions over a common item may both apply only if both stack with others (worked out once per problem). */
export function cartConflicts(pr: Problem): boolean[][] {
  let m = conflictsOf.get(pr);
  if (!m) {
    m = pr.cart.map((a) => pr.cart.map((b) => a !== b && !(a.p.stacks.others && b.p.stacks.others) && a.elig.some((e, i) => e && b.elig[i])));
    conflictsOf.set(pr, m);
  }
  return m;
}
