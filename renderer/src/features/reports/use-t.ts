import { useTranslation } from 'react-i18next';

/** `t` for keys built at run time (figure names, segments, buckets); locales.test.ts checks they all exist. */
export type LooseT = (key: string, options?: Record<string, unknown>) => string;

export function useT(): { t: LooseT; i18n: ReturnType<typeof useTranslation>['i18n'] } {
  const { t, i18n } = useTranslation();
  return { t: t as unknown as LooseT, i18n };
}
