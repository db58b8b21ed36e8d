import type { SettingsStore } from '../shop/settings-store.js';
import type { CheckoutRules } from '../../../shared/contract/checkout.js';

export const DEFAULT_CHECKOUT_RULES: CheckoutRules = {
  rounding: 'none',
  maxCashierDiscountPct: 10,
  pointsPerYuan: 1,
};

export function createCheckoutRules(settings: SettingsStore) {
  return {
    get: (): CheckoutRules => ({ ...DEFAULT_CHECKOUT_RULES, ...settings.get<Partial<CheckoutRules>>('checkout.rules', {}) }),
    set(patch: Partial<CheckoutRules>): CheckoutRules {
      const next = { ...this.get(), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
      settings.set('checkout.rules', next);
      return next;
    },
  };
}
export type CheckoutRulesStore = ReturnType<typeof createCheckoutRules>;
