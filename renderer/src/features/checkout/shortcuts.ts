import type { TFunction } from 'i18next';

/** Rewards at the till, on Alt+letter (the shell has F1–F7, Alt+1–6 and Ctrl+L). Keyed by KeyboardEvent.code, so any layout works. */
export type TillAltAction = 'points' | 'coupons' | 'cards' | 'topup';
export const TILL_ALT_KEYS: Partial<Record<string, TillAltAction>> = {
  KeyP: 'points', // 积分抵扣
  KeyQ: 'coupons', // 优惠券 (券 quàn)
  KeyV: 'cards', // 次卡: visits
  KeyT: 'topup', // 充值
};

/** The checkout screen's keys, for the F1 help (features/shell/HelpOverlay.tsx). */
export function checkoutHelpRows(t: TFunction<'translation'>): Array<{ keys: string[]; action: string }> {
  return [
    { keys: [t('checkout.help.scanner')], action: t('checkout.help.scan') },
    { keys: ['Enter'], action: t('checkout.help.add') },
    { keys: ['↑', '↓'], action: t('checkout.help.choose') },
    { keys: ['+', '−'], action: t('checkout.help.qty') },
    { keys: ['*'], action: t('checkout.help.edit') },
    { keys: ['Delete'], action: t('checkout.help.remove') },
    { keys: ['F8'], action: t('checkout.help.member') },
    { keys: ['F9'], action: t('checkout.help.hold') },
    { keys: ['F10'], action: t('checkout.help.resume') },
    { keys: ['F12', t('checkout.help.emptyEnter')], action: t('checkout.help.pay') },
    { keys: ['Alt+1–5'], action: t('checkout.help.methods') },
    { keys: ['Alt+P'], action: t('checkout.help.points') },
    { keys: ['Alt+Q'], action: t('checkout.help.coupons') },
    { keys: ['Alt+V'], action: t('checkout.help.cards') },
    { keys: ['Alt+T'], action: t('checkout.help.topup') },
  ];
}
