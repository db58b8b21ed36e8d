import type { SettingsStore } from '../shop/settings-store.js';
import type { RewardsRules } from '../../../shared/contract/rewards.js';
import { addMonths } from '../lib/dates.js';

export const DEFAULT_REWARDS_RULES: RewardsRules = {
  redeemPointsPerYuan: 100,
  redeemMaxSharePct: 50,
  expiry: { mode: 'months', months: 12 },
  memberDay: null,
  memberDayPointsPct: 200,
  enrolBonus: 0,
  birthdayBonus: 0,
  birthdayWindow: 'week',
  referralBonus: 0,
  birthdayCouponTemplateId: null,
};

export function createRewardsRules(settings: SettingsStore) {
  return {
    get: (): RewardsRules => ({ ...DEFAULT_REWARDS_RULES, ...settings.get<Partial<RewardsRules>>('rewards.rules', {}) }),
    set(patch: Partial<RewardsRules>): RewardsRules {
      const next = { ...this.get(), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as RewardsRules;
      settings.set('rewards.rules', next);
      return next;
    },
  };
}
export type RewardsRulesStore = ReturnType<typeof createRewardsRules>;

/** The last day points earned on `on` can be used, by the shop's rule. */
export function expiryFor(on: string, rules: RewardsRules): string | null {
  switch (rules.expiry.mode) {
    case 'months':
      return addMonths(on, rules.expiry.months);
    case 'end_of_next_year':
      return `${Number(on.slice(0, 4)) + 1}-12-31`;
    case 'never':
      return null;
  }
}

export { isMemberDay } from '../../../shared/member-day.js';
