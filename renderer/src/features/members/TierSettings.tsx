import { useTranslation } from 'react-i18next';

/** Settings → member tiers (filled by the members work). */
export function TierSettings() {
  const { t } = useTranslation();
  return <p className="placeholder">{t('placeholder.comingSoon')}</p>;
}
