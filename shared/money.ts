/**
 * Money is integer fen (分) everywhere: ¥12.34 is 1234. Never a float across a boundary.
 */
export type Fen = number;

export function isFen(n: unknown): n is Fen {
  return typeof n === 'number' && Number.isSafeInteger(n);
}

/** "12.34" / "12.3" / "12" / "-5.5" in yuan -> fen. Null when not a valid amount with ≤ 2 decimals. */
export function parseYuan(text: string): Fen | null {
  const m = /^\s*(-)?(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

/** 1234 -> "12.34" (no currency sign; the UI adds ¥ per locale). */
export function fenToYuanString(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
