/**
 * Matching the till's code-paid payments (付款码, 待核对) with the rows of the payment
 * platform's statement: same amount, same method when the statement says, and times within
 * `windowSeconds` of each other. Greedy by the smallest time gap (ties by the lower ids), so
 * the matching is one-to-one, maximal (no unmatched till payment and unmatched row that could
 * still pair are left), and the same whatever order the statement lists its rows in.
 */

export interface TillPayment { id: number; method: 'wechat' | 'alipay'; amountFen: number; at: string }
export interface StatementEntry { line: number; method: 'wechat' | 'alipay' | null; amountFen: number; at: string; ref: string }

export const MATCH_WINDOW_SECONDS = 600;

/** Seconds of a local 'YYYY-MM-DD HH:MM:SS' or 'YYYY-MM-DDTHH:MM:SS' (both sides are the shop's local time). */
export function localSeconds(at: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(at.trim());
  if (!m) return null;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0)) / 1000;
}

export function matchStatement(till: readonly TillPayment[], statement: readonly StatementEntry[], windowSeconds = MATCH_WINDOW_SECONDS) {
  const pairs: Array<{ t: number; s: number; gap: number }> = [];
  till.forEach((tp, t) => {
    const ta = localSeconds(tp.at);
    if (ta === null) return;
    statement.forEach((se, s) => {
      const sa = localSeconds(se.at);
      if (sa === null || se.amountFen !== tp.amountFen || (se.method !== null && se.method !== tp.method)) return;
      const gap = Math.abs(sa - ta);
      if (gap <= windowSeconds) pairs.push({ t, s, gap });
    });
  });
  pairs.sort((a, b) => a.gap - b.gap || till[a.t]!.id - till[b.t]!.id || statement[a.s]!.line - statement[b.s]!.line);
  const usedT = new Set<number>();
  const usedS = new Set<number>();
  const matched: Array<{ payment: TillPayment; entry: StatementEntry }> = [];
  for (const p of pairs) {
    if (usedT.has(p.t) || usedS.has(p.s)) continue;
    usedT.add(p.t);
    usedS.add(p.s);
    matched.push({ payment: till[p.t]!, entry: statement[p.s]! });
  }
  return {
    matched,
    unmatchedTill: till.filter((_, i) => !usedT.has(i)),
    unmatchedStatement: statement.filter((_, i) => !usedS.has(i)),
  };
}
