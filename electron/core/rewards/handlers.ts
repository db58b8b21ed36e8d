import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { Points } from './points.js';
import type { RewardsRulesStore } from './rules.js';
import type { DailyJobs } from './daily.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { MembersService } from '../members/members-service.js';

export function rewardsHandlers(d: { points: Points; rules: RewardsRulesStore; daily: DailyJobs; audit: AuditLog; members: MembersService }): PartialHandlers<
  'rewards.rules' | 'rewards.setRules' | 'points.statement' | 'points.summary' | 'points.adjust' | 'rewards.runDaily'
> {
  return {
    'rewards.rules': () => d.rules.get(),
    'rewards.setRules': (patch, ctx) => {
      const before = d.rules.get();
      const after = d.rules.set(patch);
      d.audit.record({ staffId: ctx.session!.staffId, action: 'rewards.setRules', details: { before, after } });
      return after;
    },
    'points.statement': ({ memberId, offset, limit }) => { d.members.row(memberId); return d.points.statement(memberId, offset, limit); },
    'points.summary': ({ memberId }) => { d.members.row(memberId); return d.points.summary(memberId); },
    'points.adjust': ({ memberId, delta, reason }, ctx) => { d.members.row(memberId); return { balance: d.points.adjust(memberId, delta, reason, ctx.session!.staffId) }; },
    'rewards.runDaily': () => d.daily.run(),
  };
}
