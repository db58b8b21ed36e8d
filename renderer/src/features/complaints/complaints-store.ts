import { create } from 'zustand';
import type { ComplaintLists } from '../../../../shared/contract/complaints.js';
import { invoke } from '../../api/client.js';
import { focusHeading } from '../../components/focus.js';
import { useApp } from '../../stores/app.js';

/** What the log form starts with: the checkout's member and sale, when there are any. */
export interface LogPrefill {
  member: { id: number; name: string; maskedPhone: string | null } | null;
  sale: { id: number; receiptNo: string } | null;
}

export type ComplaintsTab = 'list' | 'care' | 'feedback';

interface ComplaintsUi {
  /** The log dialog (Shift+F5 from anywhere), with its pre-fill; null when closed. */
  logging: LogPrefill | null;
  /** The section's tab and the complaint open in the detail view. */
  tab: ComplaintsTab;
  openId: number | null;
  /** Member filter of the list (set from a member's profile). */
  memberFilter: { id: number; name: string } | null;
  /** Bumped after a complaint is logged or changed, so lists reload. */
  version: number;
  /** The shop's channel and category lists (complaints.settings), read once per sign-in. */
  lists: ComplaintLists | null;
  openLog(prefill: LogPrefill): void;
  closeLog(): void;
  setTab(tab: ComplaintsTab): void;
  open(id: number | null): void;
  setMemberFilter(m: { id: number; name: string } | null): void;
  changed(): void;
  setLists(lists: ComplaintLists | null): void;
}

export const useComplaints = create<ComplaintsUi>()((set) => ({
  logging: null,
  tab: 'list',
  openId: null,
  memberFilter: null,
  version: 0,
  lists: null,
  openLog: (logging) => set({ logging }),
  closeLog: () => set({ logging: null }),
  setTab: (tab) => set({ tab }),
  open: (openId) => set({ openId }),
  setMemberFilter: (memberFilter) => set({ memberFilter }),
  changed: () => set((s) => ({ version: s.version + 1 })),
  setLists: (lists) => set({ lists }),
}));

/** Reads the channel and category lists if they are not loaded yet (or again after an edit). */
export async function loadComplaintLists(force = false): Promise<ComplaintLists | null> {
  const have = useComplaints.getState().lists;
  if (have && !force) return have;
  const r = await invoke('complaints.settings', {}, { quiet: true });
  if (!r.ok) return null;
  useComplaints.getState().setLists(r.value);
  return r.value;
}

/** Opens a complaint in the complaints section (from a member's profile or the care list). */
export function goToComplaint(id: number): void {
  useComplaints.setState({ tab: 'list', openId: id });
  useApp.getState().navigate('complaints');
}

/** The complaints list filtered to one member (from their profile). */
export function goToMemberComplaints(member: { id: number; name: string }): void {
  useComplaints.setState({ tab: 'list', openId: null, memberFilter: member });
  useApp.getState().navigate('complaints');
  focusHeading();
}
