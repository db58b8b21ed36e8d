import { useTranslation } from 'react-i18next';

/** Settings → printer and scanner (filled by the checkout work). */
export function DeviceSettings() {
  const { t } = useTranslation();
  return <p className="placeholder">{t('placeholder.comingSoon')}</p>;
}
