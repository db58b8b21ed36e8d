import { useTranslation } from 'react-i18next';

/** Settings → points rules (filled by the members/rewards work). */
export function RewardsSettings() {
  const { t } = useTranslation();
  return <p className="placeholder">{t('placeholder.comingSoon')}</p>;
}
