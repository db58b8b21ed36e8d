import type { RewardsRules } from './contract/rewards.js';

/**
 * 会员日: is `day` (a Date in shop time) the shop's member day? A day-31 member day falls on
 * the month's last day in shorter months. One rule for the till's display and the core's commit.
 */
export function isMemberDay(day: Date, rules: Pick<RewardsRules, 'memberDay'> | null): boolean {
  const m = rules?.memberDay;
  if (!m) return false;
  if (m.kind === 'weekday') return day.getDay() === m.weekday;
  const last = new Date(day.getFullYear(), day.getMonth() + 1, 0).getDate();
  return day.getDate() === Math.min(m.day, last);
}
