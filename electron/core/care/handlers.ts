import type { careContract } from '../../../shared/contract/complaints.js';
import type { CareService } from './care-service.js';
import { caller, type ContractHandlers } from '../complaints/handler-types.js';

export function careHandlers(care: CareService): ContractHandlers<typeof careContract> {
  return {
    'care.tasks': (input) => care.tasks(input),
    'care.generate': (_input, ctx) => care.generate(caller(ctx).staffId),
    'care.complete': ({ id, outcome, note }, ctx) => care.complete(id, outcome, note, caller(ctx).staffId),
    // Masked phones for everyone; full phones only for managers, and audited.
    'care.callList': (input, ctx) => care.callList(input, caller(ctx)),
    'care.issueCoupons': ({ kind, templateId }, ctx) => care.issueCoupons(kind, templateId, caller(ctx).staffId),
    'care.settings': () => care.rules(),
    'care.setSettings': (input, ctx) => care.setRules(input, caller(ctx).staffId),
  };
}
