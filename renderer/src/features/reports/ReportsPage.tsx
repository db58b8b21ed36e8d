import { useEffect } from 'react';
import { useT } from './use-t.js';
import { PAGE_HEADING_ID, focusFoundLater, isTypingTarget } from '../../components/focus.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Tabs } from '../../components/Tabs.js';
import { ActionLists } from './ActionLists.js';
import { CohortTable } from './CohortTable.js';
import { ComplaintsByCategory } from './ComplaintsByCategory.js';
import { DailyReportPanel } from './DailyReportPanel.js';
import { DrillDialog } from './DrillDialog.js';
import type { Drill } from './figures.js';
import { formatPeriod } from './format.js';
import { HeadlineCards } from './HeadlineCards.js';
import { OverviewCharts } from './OverviewCharts.js';
import { PeriodPicker } from './PeriodPicker.js';
import { addDays, localDay, periodDays, presetPeriod, previousPeriod, type Period } from './periods.js';
import { REPORT_TABS, useReports, type ReportTab } from './reports-store.js';
import { RfmGrid } from './RfmGrid.js';
import { useCall } from './use-call.js';
import { TillsTable } from './TillsTable.js';
import { MarginPanel } from './MarginPanel.js';
import { useSyncReload } from './use-sync-reload.js';
import '../members/members.css';
import './reports.css';

/** The period the picker means now (presets follow the calendar: "today" is always today). */
export function useCurrentPeriod(): { period: Period; today: string } {
  const preset = useReports((s) => s.preset);
  const custom = useReports((s) => s.custom);
  const today = localDay(new Date());
  return { period: presetPeriod(preset, today, custom), today };
}

/** `[` and `]` step the period back and forward by its own length (on the tabs that show it, outside text fields and dialogs). */
function usePeriodKeys(period: Period, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || (e.key !== '[' && e.key !== ']')) return;
      if (isTypingTarget(e.target) || (e.target instanceof Element && e.target.closest('dialog[open]'))) return;
      e.preventDefault();
      const days = periodDays(period) * (e.key === '[' ? -1 : 1);
      useReports.getState().setCustom({ from: addDays(period.from, days), to: addDays(period.to, days) });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [period, enabled]);
}

/** Head office (renderer/src/head-office/) shows these tabs: the others read a till's own rows. */
export const HEAD_OFFICE_TABS = ['overview', 'members'] as const;

function Overview({ period, onOpen, headOffice = false }: { period: Period; onOpen: (d: Drill) => void; headOffice?: boolean }) {
  const { t } = useT();
  // Other tills' sales arrive through the shop server while the page is open.
  const reload = useSyncReload();
  const overview = useCall('stats.overview', period, reload);
  const series = useCall('stats.series', period, reload);
  const tierMix = useCall('stats.tierMix', headOffice ? null : period, reload);
  const tills = useCall('stats.tills', period, reload);
  const prev = previousPeriod(period);
  return (
    <>
      <section className="report-section" aria-labelledby="cards-title" aria-busy={overview.loading}>
        <h2 id="cards-title">
          {t('reports.cardsTitle')} <span className="muted small">{t('reports.comparedWith', { period: formatPeriod(prev) })}</span>
        </h2>
        {overview.failed ? <p className="field-error">{t('reports.failed')}</p> : null}
        {overview.data ? <HeadlineCards current={overview.data.current} previous={overview.data.previous} period={period} onOpen={onOpen} /> : <p>{t('common.loading')}</p>}
      </section>
      {tills.data ? <TillsTable tills={tills.data.tills} /> : null}
      {series.data && overview.data ? (
        <section className="report-section" aria-labelledby="charts-title">
          <h2 id="charts-title">{t('reports.chartsTitle')}</h2>
          <OverviewCharts series={series.data} tierMix={tierMix.data} headline={overview.data.current} />
        </section>
      ) : null}
    </>
  );
}

/**
 * 报表: the owner's retention dashboard. A period picker (kept in the reports store), the
 * headline figures against the previous period with their charts, cohorts and RFM, the lists
 * to act on, complaint root causes and the daily report. Every figure opens the rows it counts.
 */
export function ReportsPage({ headOffice = false }: { headOffice?: boolean }) {
  const { t } = useT();
  const { period, today } = useCurrentPeriod();
  const tabs: readonly ReportTab[] = headOffice ? HEAD_OFFICE_TABS : REPORT_TABS;
  const stored = useReports((s) => s.tab);
  const tab = tabs.includes(stored) ? stored : 'overview';
  const setTab = useReports((s) => s.setTab);
  const drill = useReports((s) => s.drill);
  const setDrill = useReports((s) => s.setDrill);
  const usesPeriod = tab === 'overview' || tab === 'members' || tab === 'complaints' || tab === 'margin';
  usePeriodKeys(period, usesPeriod);

  const open = (d: Drill) => {
    // Head office has the figures, not the member lists behind them (those stay on the tills).
    if (d.kind !== 'chart') return headOffice ? undefined : setDrill(d);
    // Points have no list of their own: show the chart with its data table.
    setTab('overview');
    focusFoundLater(() => {
      const el = document.getElementById(d.anchor);
      el?.scrollIntoView({ block: 'start' });
      return el;
    });
  };

  return (
    <section className="page reports-page" aria-labelledby={PAGE_HEADING_ID}>
      <div className="page-head reports-head">
        <PageHeading>{t('reports.title')}</PageHeading>
        {usesPeriod ? <p className="reports-period">{formatPeriod(period)}</p> : null}
      </div>
      {usesPeriod ? <PeriodPicker period={period} /> : null}
      <Tabs idPrefix="reports" label={t('reports.tabs')} tabs={tabs} active={tab} onSelect={setTab} labelOf={(id) => t(`reports.tab.${id}`)} panelClassName="reports-panel">
        {tab === 'overview' ? <Overview period={period} onOpen={open} headOffice={headOffice} /> : null}
        {tab === 'members' ? (
          <>
            <CohortTable to={period.to} />
            <RfmGrid asOf={period.to} onOpen={open} />
          </>
        ) : null}
        {tab === 'actions' ? <ActionLists today={today} onOpen={open} /> : null}
        {tab === 'complaints' ? <ComplaintsByCategory period={period} onOpen={open} /> : null}
        {tab === 'margin' ? <MarginPanel period={period} /> : null}
        {tab === 'daily' ? <DailyReportPanel today={today} /> : null}
      </Tabs>
      {drill && drill.kind !== 'chart' ? <DrillDialog drill={drill} onClose={() => setDrill(null)} /> : null}
    </section>
  );
}
