import type { Output } from '../../../../shared/contract/index.js';
import { invoke } from '../../api/client.js';
import { usePagedRows, type PagedRows } from '../../hooks/usePagedRows.js';
import type { MemberFilter } from './members-store.js';

export type MemberRow = Output<'members.list'>['items'][number];
export type MemberRows = PagedRows<MemberRow>;

/**
 * The managers' member list, fetched from the core one page at a time for the rows the
 * table shows (members.list with offset/limit), never the whole list. A new filter starts
 * over; answers for an older filter are dropped.
 */
export function useMemberRows(filter: MemberFilter, revision: number): MemberRows {
  const filterKey = JSON.stringify(filter);
  return usePagedRows(
    (offset, limit, quiet) => invoke('members.list', { offset, limit, filter: JSON.parse(filterKey) as MemberFilter }, { quiet }),
    filterKey,
    revision,
  );
}
