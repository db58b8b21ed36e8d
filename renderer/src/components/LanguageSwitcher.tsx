import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../shared/contract/common.js';
import { applyLocale, currentLocale, SUPPORTED_LOCALES } from '../i18n/index.js';
import { invoke } from '../api/client.js';

interface Props {
  /** Remember the choice for the signed-in staff member (auth.setLocale). Off on the sign-in screen. */
  persist?: boolean;
  onChanged?: (locale: Locale) => void;
}

/** Switches the UI language at run time. Each language is named in itself, so it is findable in either UI. */
export function LanguageSwitcher({ persist = false, onChanged }: Props) {
  const { t } = useTranslation();
  const active = currentLocale();
  const choose = (locale: Locale) => {
    if (locale === currentLocale()) return;
    applyLocale(locale);
    onChanged?.(locale);
    if (persist) void invoke('auth.setLocale', { locale });
  };
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')}>
      {SUPPORTED_LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          className="lang-option"
          lang={l}
          aria-pressed={l === active}
          onClick={() => choose(l)}
        >
          {t(`lang.${l}`)}
        </button>
      ))}
    </div>
  );
}
