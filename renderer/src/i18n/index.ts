import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../../shared/contract/common.js';
import { zhCN, en } from './resources.js';

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

export const SUPPORTED_LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/**
 * One i18next instance for the page, initialised synchronously (i18next 26 needs
 * `initAsync: false`) so the first render already has its strings.
 */
export function createI18n(locale: Locale = DEFAULT_LOCALE): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...SUPPORTED_LOCALES],
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return instance;
}

export const i18n = createI18n(readStoredLocale() ?? DEFAULT_LOCALE);

const UI_LOCALE_KEY = 'pos.uiLocale';

/** The language chosen on this tab (sign-in screen or before a reload), if any. */
export function storedLocaleChoice(): Locale | null {
  return readStoredLocale();
}

function readStoredLocale(): Locale | null {
  try {
    const v = globalThis.sessionStorage?.getItem(UI_LOCALE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

/** The language the UI shows now. */
export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

/**
 * Switches the UI language at run time (no reload) and keeps the choice for this tab so a
 * reload does not flash the other language. Persisting it for the staff member
 * (auth.setLocale) is the caller's decision.
 */
export function applyLocale(locale: Locale): void {
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
  if (typeof document !== 'undefined') {
    document.documentElement.lang = locale;
    document.title = i18n.getFixedT(locale)('app.name');
  }
  try {
    globalThis.sessionStorage?.setItem(UI_LOCALE_KEY, locale);
  } catch {
    /* storage may be unavailable; the language still switches */
  }
}

/** Forgets this tab's choice (sign-out): the next person starts in the shop's language. */
export function forgetLocaleChoice(): void {
  try {
    globalThis.sessionStorage?.removeItem(UI_LOCALE_KEY);
  } catch {
    /* ignore */
  }
}
