import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { Coupons } from './coupons.js';
import type { MembersService } from '../members/members-service.js';

export function couponHandlers(d: { coupons: Coupons; members: MembersService }): PartialHandlers<
  'coupons.templates' | 'coupons.saveTemplate' | 'coupons.issue' | 'coupons.forMember' | 'coupons.check'
> {
  return {
    'coupons.templates': () => d.coupons.templates(),
    'coupons.saveTemplate': (input, ctx) => d.coupons.saveTemplate(input, ctx.session!.staffId),
    'coupons.issue': ({ templateId, memberIds, reason, validFrom, note }, ctx) => {
      const codes = d.coupons.issue(templateId, memberIds, reason, ctx.session!.staffId, { validFrom, note });
      return { issued: codes.length, codes };
    },
    'coupons.forMember': ({ memberId, includeSpent }) => { d.members.row(memberId); return d.coupons.forMember(memberId, includeSpent); },
    'coupons.check': ({ code, memberId, linesTotalFen }) => d.coupons.check(code, memberId, linesTotalFen),
  };
}
