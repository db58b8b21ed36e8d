import { useTranslation } from 'react-i18next';

/** Settings → products: list, edit, CSV import/export (filled by the checkout work). */
export function ProductSettings() {
  const { t } = useTranslation();
  return <p className="placeholder">{t('placeholder.comingSoon')}</p>;
}
