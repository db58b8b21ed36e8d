import { useTranslation } from 'react-i18next';
import { roleAllows } from '../../../../shared/roles.js';
import { PAGE_HEADING_ID } from '../../components/focus.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Tabs } from '../../components/Tabs.js';
import { useSession } from '../../stores/session.js';
import { CareList } from '../care/CareList.js';
import { FeedbackList } from '../feedback/FeedbackList.js';
import { useComplaints, type ComplaintsTab } from './complaints-store.js';
import { ComplaintDetailView } from './ComplaintDetail.js';
import { ComplaintList } from './ComplaintList.js';
import { LOG_COMPLAINT_KEY } from './shortcut.js';
import './complaints.css';
import '../members/members.css';

/**
 * 投诉关怀: the complaints list and a complaint's handling, the care list (客户关怀 / 回访)
 * for today, and (managers) the satisfaction answers (NPS).
 */
export function ComplaintsPage() {
  const { t } = useTranslation();
  const role = useSession((s) => s.staff?.role ?? 'cashier');
  const tab = useComplaints((s) => s.tab);
  const setTab = useComplaints((s) => s.setTab);
  const openId = useComplaints((s) => s.openId);
  const openLog = useComplaints((s) => s.openLog);
  const tabs: ComplaintsTab[] = roleAllows(role, 'manager') ? ['list', 'care', 'feedback'] : ['list', 'care'];
  const active = tabs.includes(tab) ? tab : 'list';

  return (
    <section className="page complaints-page" aria-labelledby={PAGE_HEADING_ID}>
      <div className="page-head">
        <PageHeading>{t('sections.complaints')}</PageHeading>
        <button type="button" className="btn btn-primary" aria-keyshortcuts={LOG_COMPLAINT_KEY}
          onClick={() => openLog({ member: null, sale: null })}>
          {t('complaints.log.open')} <kbd aria-hidden="true">{LOG_COMPLAINT_KEY}</kbd>
        </button>
      </div>
      <Tabs idPrefix="complaints" label={t('complaints.tabs')} tabs={tabs} active={active} onSelect={setTab} labelOf={(id) => t(`complaints.tab.${id}`)}>
        {active === 'list' ? (openId !== null ? <ComplaintDetailView key={openId} id={openId} /> : <ComplaintList />) : null}
        {active === 'care' ? <CareList /> : null}
        {active === 'feedback' ? <FeedbackList /> : null}
      </Tabs>
    </section>
  );
}
