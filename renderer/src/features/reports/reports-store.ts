import { create } from 'zustand';
import { useSession } from '../../stores/session.js';
import type { Drill } from './figures.js';
import type { Period, Preset } from './periods.js';

export const REPORT_TABS = ['overview', 'members', 'actions', 'complaints', 'margin', 'daily'] as const;
export type ReportTab = (typeof REPORT_TABS)[number];

/**
 * What the dashboard remembers while the owner moves between sections (pages remount on
 * every navigation): the period, the tab, the list opened behind a figure (so coming back
 * from a member's profile shows the same list) and the day of the daily report.
 */
export interface ReportsState {
  preset: Preset;
  /** The typed range, used when preset is 'custom'. */
  custom: Period;
  tab: ReportTab;
  drill: Drill | null;
  /** The 日结 day; null = today. */
  reportDay: string | null;
  /** How many enrolment months the cohort table shows, ending with the period's month. */
  cohortMonths: number;
  setPreset(preset: Preset): void;
  setCustom(custom: Period): void;
  setTab(tab: ReportTab): void;
  setDrill(drill: Drill | null): void;
  setReportDay(day: string | null): void;
  setCohortMonths(n: number): void;
}

const initial = { preset: 'last7' as Preset, custom: { from: '', to: '' }, tab: 'overview' as ReportTab, drill: null, reportDay: null, cohortMonths: 12 };

export const useReports = create<ReportsState>()((set) => ({
  ...initial,
  setPreset: (preset) => set({ preset }),
  setCustom: (custom) => set({ custom, preset: 'custom' }),
  setTab: (tab) => set({ tab }),
  setDrill: (drill) => set({ drill }),
  setReportDay: (reportDay) => set({ reportDay }),
  setCohortMonths: (cohortMonths) => set({ cohortMonths }),
}));

// The next person to sign in starts from the default view, not the last one's open list.
useSession.subscribe((now, before) => {
  if (now.token !== before.token) useReports.setState({ ...initial });
});
