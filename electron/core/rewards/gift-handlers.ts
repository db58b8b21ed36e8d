import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { Gifts } from './gifts.js';
import type { MembersService } from '../members/members-service.js';

export function giftHandlers(d: { gifts: Gifts; members: MembersService }): PartialHandlers<
  'gifts.list' | 'gifts.save' | 'gifts.restock' | 'gifts.redeem' | 'gifts.redemptions' | 'gifts.cancel'
> {
  return {
    'gifts.list': ({ includeInactive }) => d.gifts.list(includeInactive),
    'gifts.save': (input, ctx) => d.gifts.save(input, ctx.session!.staffId),
    'gifts.restock': ({ giftId, delta, reason }, ctx) => d.gifts.restock(giftId, delta, reason, ctx.session!.staffId),
    'gifts.redeem': (input, ctx) => d.gifts.redeem(input, ctx.session!.staffId),
    'gifts.redemptions': ({ memberId, offset, limit }) => { d.members.row(memberId); return d.gifts.redemptions(memberId, offset, limit); },
    'gifts.cancel': ({ redemptionId, reason }, ctx) => d.gifts.cancel(redemptionId, reason, ctx.session!.staffId),
  };
}
