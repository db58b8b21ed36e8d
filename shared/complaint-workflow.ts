import type { COMPLAINT_STATUSES } from './contract/complaints.js';

export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/**
 * A complaint's status moves (open → in progress → resolved → closed; `closed`/`resolved` →
 * `in_progress` is the reopen). The core enforces them; the page offers only these.
 */
export const TRANSITIONS: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  open: ['in_progress', 'resolved'],
  in_progress: ['resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export function canMove(from: ComplaintStatus, to: ComplaintStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
