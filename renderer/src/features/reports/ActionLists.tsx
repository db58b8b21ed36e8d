import { useT } from './use-t.js';
import type { MemberFigure } from '../../../../shared/contract/stats.js';
import { formatDateTime, formatMoney } from '../../i18n/format.js';
import { formatBirthday, formatDate } from '../members/format.js';
import { goToProfile } from '../members/members-store.js';
import { goToComplaint } from '../complaints/complaints-store.js';
import { useComplaintLabels } from '../complaints/labels.js';
import type { Drill } from './figures.js';
import { weekFrom, type Period } from './periods.js';
import { useCall } from './use-call.js';

const PREVIEW = 5;

interface MemberListDef {
  figure: MemberFigure;
  /** What the preview shows beside the name. */
  detail: 'spend' | 'lastVisit' | 'birthday';
}

/** The lists to act on, in the order an owner works through them. */
const MEMBER_LISTS: MemberListDef[] = [
  { figure: 'lapsed_high_value', detail: 'lastVisit' },
  { figure: 'at_risk', detail: 'lastVisit' },
  { figure: 'birthdays_week', detail: 'birthday' },
  { figure: 'top', detail: 'spend' },
];

function MemberActionList({ def, today, onOpen }: { def: MemberListDef; today: string; onOpen: (d: Drill) => void }) {
  const { t, i18n } = useT();
  const locale = i18n.language;
  const period: Period = { from: today, to: today };
  const { data } = useCall('stats.members', { figure: def.figure, from: today, to: today, offset: 0, limit: PREVIEW });
  const titleKey = `reports.actions.${def.figure}`;
  const headingId = `action-${def.figure}`;
  const detail = (row: NonNullable<typeof data>['items'][number]) =>
    def.detail === 'spend' ? formatMoney(row.spendFen, locale)
      : def.detail === 'birthday' ? formatBirthday(row.birthday?.slice(-5), locale)
        : t('reports.actions.lastVisit', { date: formatDate(row.lastVisit, locale) || '—' });
  return (
    <section className="action-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t(titleKey)} <span className="action-count">{data ? data.total.toLocaleString(locale) : '…'}</span>
      </h3>
      <p className="muted small">
        {def.figure === 'birthdays_week' ? t('reports.actions.birthdaysHint', { ...weekFrom(today) }) : t(`reports.actions.hint.${def.figure}`)}
      </p>
      <ul className="action-preview">
        {data?.items.map((m) => (
          <li key={m.id}>
            <button type="button" className="link-button" onClick={() => goToProfile(m.id)}>
              {m.name || t('members.noName')}
            </button>
            <span className="muted small">{detail(m)}</span>
          </li>
        ))}
        {data?.items.length === 0 ? <li className="muted">{t('reports.actions.none')}</li> : null}
      </ul>
      {data && data.total > 0 ? (
        <button type="button" className="btn btn-outline btn-sm" onClick={() => onOpen({ kind: 'members', figure: def.figure, period, titleKey })}>
          {t('reports.actions.viewAll', { count: data.total, total: data.total.toLocaleString(locale) })}
        </button>
      ) : null}
    </section>
  );
}

/** Unresolved complaints (待处理 + 处理中), most urgent first as complaints.list orders them. */
function UnresolvedComplaints({ onOpen }: { onOpen: (d: Drill) => void }) {
  const { t, i18n } = useT();
  const locale = i18n.language;
  const labels = useComplaintLabels();
  const open = useCall('complaints.list', { offset: 0, limit: PREVIEW, filter: { status: 'open', overdueOnly: false } }).data;
  const inProgress = useCall('complaints.list', { offset: 0, limit: PREVIEW, filter: { status: 'in_progress', overdueOnly: false } }).data;
  const total = open && inProgress ? open.total + inProgress.total : null;
  const preview = [...(open?.items ?? []), ...(inProgress?.items ?? [])].slice(0, PREVIEW);
  return (
    <section className="action-card" aria-labelledby="action-complaints">
      <h3 id="action-complaints">
        {t('reports.actions.unresolved')} <span className="action-count">{total === null ? '…' : total.toLocaleString(locale)}</span>
      </h3>
      <p className="muted small">{t('reports.actions.hint.unresolved')}</p>
      <ul className="action-preview">
        {preview.map((c) => (
          <li key={c.id}>
            <button type="button" className="link-button" onClick={() => goToComplaint(c.id)}>
              {labels.category(c.category)}
            </button>
            <span className="muted small">
              {formatDateTime(c.loggedAt, locale)} · {labels.status(c.status)}
            </span>
          </li>
        ))}
        {total === 0 ? <li className="muted">{t('reports.actions.none')}</li> : null}
      </ul>
      {total ? (
        <button type="button" className="btn btn-outline btn-sm" onClick={() => onOpen({ kind: 'complaints', unresolved: true, titleKey: 'reports.actions.unresolved' })}>
          {t('reports.actions.viewAll', { count: total, total: total.toLocaleString(locale) })}
        </button>
      ) : null}
    </section>
  );
}

/** 待跟进: the lists to act on today, each opening every member or complaint behind it. */
export function ActionLists({ today, onOpen }: { today: string; onOpen: (d: Drill) => void }) {
  const { t } = useT();
  return (
    <section className="report-section" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('reports.actions.title')}</h2>
      <p className="muted small">{t('reports.actions.asOf', { day: today })}</p>
      <div className="action-grid">
        <MemberActionList def={MEMBER_LISTS[0]!} today={today} onOpen={onOpen} />
        <MemberActionList def={MEMBER_LISTS[1]!} today={today} onOpen={onOpen} />
        <UnresolvedComplaints onOpen={onOpen} />
        <MemberActionList def={MEMBER_LISTS[2]!} today={today} onOpen={onOpen} />
        <MemberActionList def={MEMBER_LISTS[3]!} today={today} onOpen={onOpen} />
      </div>
    </section>
  );
}
