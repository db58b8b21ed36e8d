import type { TFunction } from 'i18next';

/** The dashboard's keys, for the F1 help (features/shell/HelpOverlay.tsx), shown to those who see 报表. */
export function reportsHelpRows(t: TFunction<'translation'>): Array<{ keys: string[]; action: string }> {
  return [
    { keys: ['[', ']'], action: t('reports.help.period') },
    { keys: ['←', '→'], action: t('reports.help.presetsAndTabs') },
    { keys: ['Enter'], action: t('reports.help.open') },
    { keys: ['↑', '↓', 'PgUp', 'PgDn'], action: t('reports.help.rows') },
  ];
}
