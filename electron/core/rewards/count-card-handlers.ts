import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { CountCards } from './count-cards.js';
import type { MembersService } from '../members/members-service.js';

export function countCardHandlers(d: { countCards: CountCards; members: MembersService }): PartialHandlers<'countCards.types' | 'countCards.saveType' | 'countCards.forMember'> {
  return {
    'countCards.types': () => d.countCards.types(),
    'countCards.saveType': (input, ctx) => d.countCards.saveType(input, ctx.session!.staffId),
    'countCards.forMember': ({ memberId, includeSpent }) => { d.members.row(memberId); return d.countCards.forMember(memberId, includeSpent); },
  };
}
