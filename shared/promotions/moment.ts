import type { PromotionContext } from './types.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** The shop-local date, time of day and ISO weekday a promotion's window is judged at (same code on page and core). */
export function localParts(now: Date): PromotionContext['at'] {
  const day = now.getDay();
  return {
    date: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
    time: `${pad(now.getHours())}:${pad(now.getMinutes())}`,
    weekday: day === 0 ? 7 : day,
  };
}
