import { useT, type LooseT } from './use-t.js';
import { Modal } from '../../components/Modal.js';
import { goToProfile } from '../members/members-store.js';
import { ComplaintList, FeedbackList, SalesList } from './DrillLists.js';
import type { Drill } from './figures.js';
import { formatPeriod } from './format.js';
import { StatsMemberList } from './StatsMemberList.js';

/** The title of the list behind a figure: the figure's name and its period. */
export function drillTitle(d: Drill, t: LooseT): string {
  const name = d.kind === 'members' && d.segment ? t(`reports.rfm.segment.${d.segment}`) : t(d.titleKey);
  const period = 'period' in d && d.period ? d.period : null;
  return period ? t('reports.drill.title', { name, period: formatPeriod(period) }) : name;
}

/**
 * The rows behind a figure in a dialog: members (virtualised, a row opens the profile),
 * sales, complaints or satisfaction answers (paged). Esc or Close returns to the dashboard.
 */
export function DrillDialog({ drill, onClose }: { drill: Exclude<Drill, { kind: 'chart' }>; onClose: () => void }) {
  const { t } = useT();
  const title = drillTitle(drill, t);
  // The list stays remembered: back from the profile (F6), the dashboard opens it again.
  const openMember = (id: number) => goToProfile(id);
  return (
    <Modal title={title} onClose={onClose} wide>
      <div className="drill-body">
        {drill.kind === 'members' ? (
          <StatsMemberList
            query={{ figure: drill.figure, from: drill.period.from, to: drill.period.to, ...(drill.segment ? { segment: drill.segment } : {}) }}
            label={title}
            onOpen={openMember}
          />
        ) : null}
        {drill.kind === 'sales' ? <SalesList period={drill.period} only={drill.only} label={title} onOpenMember={openMember} /> : null}
        {drill.kind === 'complaints' ? <ComplaintList period={drill.period} unresolved={drill.unresolved} label={title} onOpenMember={openMember} /> : null}
        {drill.kind === 'feedback' ? <FeedbackList period={drill.period} label={title} onOpenMember={openMember} /> : null}
      </div>
      <div className="modal-actions">
        <button type="button" className="btn btn-outline" data-close onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  );
}
