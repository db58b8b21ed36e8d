import { useTranslation } from 'react-i18next';
import type { SectionId } from '../../app/sections.js';
import { PAGE_HEADING_ID } from '../../components/focus.js';
import { PageHeading } from '../../components/PageHeading.js';

/** Sections still to be built: their heading (the focus target after navigation) and a note. */
export function PlaceholderPage({ section }: { section: SectionId }) {
  const { t } = useTranslation();
  return (
    <section className="page" aria-labelledby={PAGE_HEADING_ID}>
      <PageHeading>
        {t(`sections.${section}`)}
      </PageHeading>
      <div className="placeholder">
        <p>{t('placeholder.comingSoon')}</p>
      </div>
    </section>
  );
}
