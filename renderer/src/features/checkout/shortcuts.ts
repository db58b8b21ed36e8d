import type { TFunction } from 'i18next';

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
  ];
}
