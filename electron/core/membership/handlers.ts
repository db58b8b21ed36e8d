import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { Database } from '../db/open.js';
import type { MembersService } from '../members/members-service.js';
import type { Tiers } from '../members/tiers.js';
import type { Points } from '../rewards/points.js';
import type { RewardsRulesStore } from '../rewards/rules.js';
import type { StoredValue } from '../rewards/stored-value.js';
import type { CheckoutService } from '../checkout/checkout-service.js';
import { createMemberMerge } from './merge-duplicate.js';
import { DomainError } from '../lib/domain-error.js';

/**
 * Membership workflows (会员业务): the member calls that cross domains, so they sit above
 * members, rewards and checkout instead of making members reach up into them. Enrolling
 * posts the enrolment bonus in the same transaction; a merge moves points and stored value;
 * erasing needs the stored value paid back and forfeits the points; a paid tier is a sale.
 */
export function membershipHandlers(db: Database, members: MembersService, tiers: Tiers, rewards: { points: Points; rules: RewardsRulesStore; storedValue: StoredValue }, checkout: CheckoutService): PartialHandlers<
  'members.enrol' | 'members.merge' | 'members.erase' | 'tiers.purchase'
> {
  return {
    'members.enrol': (input, ctx) => {
      const id = db.transaction(() => {
        const id = members.enrol(input, ctx.session!.staffId);
        rewards.points.post(id, rewards.rules.get().enrolBonus, 'enrol', { staffId: ctx.session!.staffId });
        return id;
      })();
      return members.profile(id);
    },
    'members.merge': ({ keepId, mergeId }, ctx) => createMemberMerge({ db, members, points: rewards.points, storedValue: rewards.storedValue })(keepId, mergeId, ctx.session!.staffId),
    'members.erase': ({ id, reason }, ctx) => {
      // Stored value is money the shop owes: it is paid back (or adjusted) before the person is erased.
      const owed = rewards.storedValue.balance(id).totalFen;
      if (owed > 0) throw new DomainError('rule_violation', { rule: 'stored_value_outstanding', balanceFen: owed }, 'errors.stored_value_outstanding');
      members.erase(id, reason, ctx.session!.staffId, (m) => rewards.points.forfeit(m));
      return {};
    },
    'tiers.purchase': ({ memberId, tierId, method, tenderedFen, clientRef }, ctx) => {
      const m = members.row(memberId);
      if (m.status !== 'active') throw new DomainError('rule_violation', { rule: 'member_not_active', status: m.status }, 'errors.member_not_active');
      const t = tiers.byId(tierId);
      if (!t.fee_fen || !t.fee_months || t.active !== 1) throw new DomainError('rule_violation', { rule: 'tier_not_for_sale' }, 'errors.tier_not_for_sale');
      const { sale, changeFen } = checkout.commitFee(
        { clientRef, memberId, name: `会费 ${t.name} ${t.fee_months}个月`, amountFen: t.fee_fen, method, tenderedFen },
        ctx.session!, (saleId) => tiers.grantPaid(memberId, tierId, ctx.session!.staffId, saleId),
      );
      const profile = members.profile(memberId);
      return { receiptNo: sale.receiptNo, paidUntil: profile.paidTier?.until ?? '', changeFen, profile };
    },
  };
}
