import { create } from 'zustand';
import type { Input } from '../../../../shared/contract/index.js';
import { useApp } from '../../stores/app.js';
import { useSession } from '../../stores/session.js';
import { focusHeading } from '../../components/focus.js';

export type MemberFilter = NonNullable<Input<'members.list'>['filter']>;

export const DEFAULT_FILTER: MemberFilter = { sort: 'recent' };

/**
 * What the members and rewards screens remember while the person moves between sections:
 * the open profile, the list's filter and scroll position, and the member on the rewards
 * screen. Pages remount on every navigation (AppShell keys them), this store does not.
 */
export interface MembersState {
  /** The profile shown on the Members page (null: the list or lookup). */
  profileId: number | null;
  /** Row index to give focus back to when returning to the list. */
  returnIndex: number | null;
  filter: MemberFilter;
  scrollTop: number;
  /** The member on the points screen. */
  rewardsMemberId: number | null;
  /** Bumped when a member changed (edit, merge, erase) so lists reload their rows. */
  revision: number;
  openProfile(id: number, returnIndex?: number | null): void;
  closeProfile(): void;
  setFilter(filter: MemberFilter): void;
  setScrollTop(top: number): void;
  setRewardsMember(id: number | null): void;
  changed(): void;
}

export const useMembers = create<MembersState>()((set) => ({
  profileId: null,
  returnIndex: null,
  filter: DEFAULT_FILTER,
  scrollTop: 0,
  rewardsMemberId: null,
  revision: 0,
  openProfile: (profileId, returnIndex = null) => set({ profileId, returnIndex }),
  closeProfile: () => set({ profileId: null }),
  setFilter: (filter) => set({ filter, scrollTop: 0 }),
  setScrollTop: (scrollTop) => set({ scrollTop }),
  setRewardsMember: (rewardsMemberId) => set({ rewardsMemberId }),
  changed: () => set((s) => ({ revision: s.revision + 1 })),
}));

/** Opens the points screen for a member (from a profile). */
export function goToRewards(memberId: number): void {
  useMembers.getState().setRewardsMember(memberId);
  useApp.getState().navigate('rewards');
  focusHeading();
}

/** Opens a member's profile on the Members page (from the points screen). */
export function goToProfile(memberId: number): void {
  useMembers.getState().openProfile(memberId);
  useApp.getState().navigate('members');
  focusHeading();
}

/** Forgets everything on sign-out, so the next person does not see the last member. */
export function resetMembersState(): void {
  useMembers.setState({ profileId: null, returnIndex: null, filter: DEFAULT_FILTER, scrollTop: 0, rewardsMemberId: null });
}

// A new sign-in (or sign-out) starts from the list: the next person never finds the last one's member open.
useSession.subscribe((now, before) => {
  if (now.token !== before.token) resetMembersState();
});
