import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { MembersService } from './members-service.js';
import type { Tiers } from './tiers.js';
import type { Database } from '../db/open.js';
import type { MembersCsv } from './members-csv.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { CheckoutService } from '../checkout/checkout-service.js';
import type { PrintQueue } from '../print/print-queue.js';
import type { Points } from '../rewards/points.js';
import type { RewardsRulesStore } from '../rewards/rules.js';
import type { StoredValue } from '../rewards/stored-value.js';
import { createMemberMerge } from './merge-duplicate.js';
import { listMembers } from './members-list.js';
import { DomainError } from '../lib/domain-error.js';

type MemberMethods =
  | 'members.enrol' | 'members.find' | 'members.card' | 'members.profile' | 'members.revealPhone' | 'members.update'
  | 'members.setStatus' | 'members.merge' | 'members.erase' | 'members.list' | 'members.history' | 'members.tags'
  | 'members.printCard' | 'members.importCsv' | 'members.exportCsv' | 'tiers.list' | 'tiers.save' | 'tiers.reevaluate' | 'tiers.purchase';

export function memberHandlers(db: Database, members: MembersService, tiers: Tiers, csv: MembersCsv, audit: AuditLog, rewards: { points: Points; rules: RewardsRulesStore; storedValue: StoredValue }, checkout: CheckoutService, print: PrintQueue): PartialHandlers<MemberMethods> {
  return {
    'members.enrol': (input, ctx) => {
      const id = db.transaction(() => {
        const id = members.enrol(input, ctx.session!.staffId);
        rewards.points.post(id, rewards.rules.get().enrolBonus, 'enrol', { staffId: ctx.session!.staffId });
        return id;
      })();
      return members.profile(id);
    },
    'members.find': ({ query, limit }) => members.find(query, limit),
    'members.card': ({ id }) => members.card(id),
    'members.profile': ({ id }) => members.profile(id),
    'members.printCard': ({ id }) => {
      members.card(id);
      const printJobId = print.enqueue('member_card', id);
      if (printJobId === null) throw new DomainError('rule_violation', { rule: 'printer_not_configured' }, 'errors.printer_not_configured');
      void print.kick();
      return { printJobId };
    },
    'members.revealPhone': ({ id }, ctx) => ({ phone: members.revealPhone(id, ctx.session!.staffId) }),
    'members.update': (input, ctx) => {
      // Cashiers fix names and tags at the counter; changing the phone (the member's key) is a manager's call.
      if (input.phone !== undefined && ctx.session!.role === 'cashier') throw new DomainError('forbidden', { needs: 'manager', field: 'phone' });
      return members.update(input, ctx.session!.staffId);
    },
    'members.setStatus': ({ id, status, reason }, ctx) => members.setStatus(id, status, reason, ctx.session!.staffId),
    'members.merge': ({ keepId, mergeId }, ctx) => createMemberMerge({ db, members, points: rewards.points, storedValue: rewards.storedValue })(keepId, mergeId, ctx.session!.staffId),
    'members.erase': ({ id, reason }, ctx) => {
      // Stored value is money the shop owes: it is paid back (or adjusted) before the person is erased.
      const owed = rewards.storedValue.balance(id).totalFen;
      if (owed > 0) throw new DomainError('rule_violation', { rule: 'stored_value_outstanding', balanceFen: owed }, 'errors.stored_value_outstanding');
      members.erase(id, reason, ctx.session!.staffId, (m) => rewards.points.forfeit(m));
      return {};
    },
    'members.list': ({ filter, offset, limit }) => listMembers(db, filter, offset, limit),
    'members.history': ({ id, offset, limit }) => members.history(id, offset, limit),
    'members.tags': () => members.tags(),
    'members.importCsv': ({ fileBase64 }, ctx) => csv.importCsv(Buffer.from(fileBase64, 'base64'), ctx.session!.staffId),
    // Exporting every member's phone is an owner's act and is audited.
    'members.exportCsv': (_input, ctx) => {
      const out = csv.exportCsv();
      audit.record({ staffId: ctx.session!.staffId, action: 'members.export', details: { rows: out.rows } });
      return out;
    },
    'tiers.list': () => tiers.list(),
    'tiers.save': (input, ctx) => tiers.save(input, ctx.session!.staffId),
    'tiers.reevaluate': () => tiers.reevaluateAll(),
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
