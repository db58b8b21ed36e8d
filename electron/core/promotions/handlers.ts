import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';
import type { Promotions } from './promotions-service.js';

export function promotionHandlers(d: { promotions: Promotions; clock: Clock }): PartialHandlers<'promotions.list' | 'promotions.save' | 'promotions.setActive' | 'promotions.forSale'> {
  return {
    'promotions.list': () => d.promotions.list(),
    'promotions.save': (input, ctx) => d.promotions.save(input, ctx.session!.staffId),
    'promotions.setActive': ({ localId, active }, ctx) => d.promotions.setActive(localId, active, ctx.session!.staffId),
    'promotions.forSale': ({ memberId }) => ({ promotions: d.promotions.live(), usedToday: d.promotions.usedToday(memberId), now: localDateTime(d.clock.now()) }),
  };
}
