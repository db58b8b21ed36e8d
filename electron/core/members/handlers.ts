import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { MembersService } from './members-service.js';
import type { Tiers } from './tiers.js';
import type { Database } from '../db/open.js';
import { listMembers } from './members-list.js';
import { DomainError } from '../lib/domain-error.js';

type MemberMethods =
  | 'members.enrol' | 'members.find' | 'members.card' | 'members.profile' | 'members.revealPhone' | 'members.update'
  | 'members.setStatus' | 'members.merge' | 'members.erase' | 'members.list' | 'members.history' | 'members.tags'
  | 'tiers.list' | 'tiers.save' | 'tiers.reevaluate';

export function memberHandlers(db: Database, members: MembersService, tiers: Tiers): PartialHandlers<MemberMethods> {
  return {
    'members.enrol': (input, ctx) => members.profile(members.enrol(input, ctx.session!.staffId)),
    'members.find': ({ query, limit }) => members.find(query, limit),
    'members.card': ({ id }) => members.card(id),
    'members.profile': ({ id }) => members.profile(id),
    'members.revealPhone': ({ id }, ctx) => ({ phone: members.revealPhone(id, ctx.session!.staffId) }),
    'members.update': (input, ctx) => {
      // Cashiers fix names and tags at the counter; changing the phone (the member's key) is a manager's call.
      if (input.phone !== undefined && ctx.session!.role === 'cashier') throw new DomainError('forbidden', { needs: 'manager', field: 'phone' });
      return members.update(input, ctx.session!.staffId);
    },
    'members.setStatus': ({ id, status, reason }, ctx) => members.setStatus(id, status, reason, ctx.session!.staffId),
    'members.merge': ({ keepId, mergeId }, ctx) => members.merge(keepId, mergeId, ctx.session!.staffId),
    'members.erase': ({ id, reason }, ctx) => { members.erase(id, reason, ctx.session!.staffId); return {}; },
    'members.list': ({ filter, offset, limit }) => listMembers(db, filter, offset, limit),
    'members.history': ({ id, offset, limit }) => members.history(id, offset, limit),
    'members.tags': () => members.tags(),
    'tiers.list': () => tiers.list(),
    'tiers.save': (input, ctx) => tiers.save(input, ctx.session!.staffId),
    'tiers.reevaluate': () => tiers.reevaluateAll(),
  };
}
