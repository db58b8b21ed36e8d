/**
 * The score keys of the NPS prompt: digits 1–9 are those scores, `0` is 10 (the key after 9,
 * as on the keyboard's top row), and `-` is 0. Anything else is not a score.
 */
export function scoreForKey(key: string): number | null {
  if (/^[1-9]$/.test(key)) return Number(key);
  if (key === '0') return 10;
  if (key === '-') return 0;
  return null;
}

/** The key that gives a score (the inverse of scoreForKey), shown under each score button. */
export function keyForScore(score: number): string {
  return score === 10 ? '0' : score === 0 ? '-' : String(score);
}

/** Alt+N opens the prompt (by physical key, so it works whatever the keyboard layout). */
export const OPEN_NPS_KEY = 'Alt+N';
export function isOpenNpsKey(e: { code?: string; key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && (e.code === 'KeyN' || e.key === 'n' || e.key === 'N');
}
