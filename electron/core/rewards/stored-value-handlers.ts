import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { StoredValue } from './stored-value.js';
import type { TopUps } from './topups.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { MembersService } from '../members/members-service.js';
import type { Tiers } from '../members/tiers.js';

export function storedValueHandlers(d: { storedValue: StoredValue; topUps: TopUps; audit: AuditLog; members: MembersService; tiers: Tiers }): PartialHandlers<
  'storedValue.rules' | 'storedValue.setRules' | 'storedValue.quote' | 'storedValue.topUp' | 'storedValue.balance' | 'storedValue.statement' | 'storedValue.adjust'
> {
  return {
    'storedValue.rules': () => d.storedValue.rules(),
    'storedValue.setRules': (rules, ctx) => {
      for (const g of rules.tierGrants) d.tiers.byId(g.tierId);
      const before = d.storedValue.rules();
      d.storedValue.setRules(rules);
      d.audit.record({ staffId: ctx.session!.staffId, action: 'storedValue.setRules', details: { before, after: rules } });
      return d.storedValue.rules();
    },
    'storedValue.quote': ({ amountFen }) => d.topUps.quote(amountFen),
    'storedValue.topUp': (input, ctx) => d.topUps.topUp(input, ctx.session!),
    'storedValue.balance': ({ memberId }) => { d.members.row(memberId); return d.storedValue.balance(memberId); },
    'storedValue.statement': ({ memberId, offset, limit }) => { d.members.row(memberId); return d.storedValue.statement(memberId, offset, limit); },
    'storedValue.adjust': ({ memberId, principalDelta, bonusDelta, reason }, ctx) => {
      d.members.row(memberId);
      return d.storedValue.adjust(memberId, principalDelta, bonusDelta, reason, ctx.session!.staffId);
    },
  };
}
