import type { Database } from '../db/open.js';
import type { Handlers } from '../dispatch/dispatcher.js';
import type { Method } from '../../../shared/contract/index.js';
import { DomainError } from '../lib/domain-error.js';
import type { MemberFetch } from '../sync/member-fetch.js';
import type { MembersService } from '../members/members-service.js';
import type { BranchPrices } from './branch-prices.js';
import { readBranch } from './branch-state.js';
import { normalizeMobile } from '../../../shared/phone.js';

/**
 * Catalogue and rules from the top (issue 15): at a branch till that is not head office, the
 * calls that change the chain's set-up are refused before anything is written, with the reason
 * (the server refuses the same, server/branches/authority.ts, as a backstop). Products are the
 * exception a branch may be allowed: it adds its own and edits those, never head office's.
 */
export const HEAD_OFFICE_ONLY: readonly Method[] = [
  'tiers.save', 'checkout.setRules', 'rewards.setRules', 'storedValue.setRules', 'coupons.saveTemplate', 'countCards.saveType',
  'gifts.save', 'promotions.save', 'promotions.setActive', 'care.setSettings', 'complaints.setSettings', 'sync.setOfflineCaps',
  'settings.update', 'products.importCsv',
];

export function headOfficeOnly(): never {
  throw new DomainError('rule_violation', { rule: 'head_office_only' }, 'errors.branch_head_office_only');
}

/** Wraps the joined handlers: the set-up guard, products at a branch, members fetched on demand, per-branch prices. */
export function withBranches(handlers: Handlers, d: { db: Database; members: MembersService; memberFetch: MemberFetch; prices: BranchPrices }): Handlers {
  const branchOfProduct = d.db.prepare<[number], { branch_code: string | null }>('SELECT branch_code FROM products WHERE id = ?');
  const atBranch = () => {
    const b = readBranch(d.db);
    return b && !b.headOffice ? b : null;
  };
  const out = { ...handlers } as Record<string, unknown>;
  for (const method of HEAD_OFFICE_ONLY) {
    const inner = handlers[method] as (...args: unknown[]) => unknown;
    out[method] = (...args: unknown[]) => (atBranch() ? headOfficeOnly() : inner(...args));
  }
  const save = handlers['products.save'];
  out['products.save'] = ((input, ctx) => {
    const b = atBranch();
    if (b) {
      if (!b.allowLocalProducts) throw new DomainError('rule_violation', { rule: 'local_products_not_allowed', branch: b.code }, 'errors.branch_local_products_not_allowed');
      if (input.id !== undefined && branchOfProduct.get(input.id)?.branch_code !== b.code) headOfficeOnly();
    }
    return save(input, ctx);
  }) satisfies Handlers['products.save'];
  out['members.find'] = (async ({ query, limit }) => d.memberFetch.find(query, () => d.members.find(query, limit))) satisfies Handlers['members.find'];
  // Enrolling a phone the chain already has: at a branch till the member may simply not be here
  // yet. Asked first (when online), they arrive, and the enrolment is refused as a phone in use.
  const enrol = handlers['members.enrol'];
  const localPhone = d.db.prepare<[string], { id: number }>('SELECT id FROM members WHERE phone = ?');
  out['members.enrol'] = (async (input, ctx) => {
    const phone = normalizeMobile(input.phone);
    if (phone && readBranch(d.db) && !localPhone.get(phone)) await d.memberFetch.lookup({ by: 'phone', value: phone });
    return enrol(input, ctx);
  }) satisfies Handlers['members.enrol'];
  out['products.branchPrices'] = (({ productId }) => d.prices.list(productId)) satisfies Handlers['products.branchPrices'];
  const setPrice: Handlers['products.setBranchPrice'] = ({ productId, branchCode, priceFen }, ctx) => d.prices.set(productId, branchCode, priceFen, ctx.session!.staffId);
  out['products.setBranchPrice'] = (...args: Parameters<typeof setPrice>) => (atBranch() ? headOfficeOnly() : setPrice(...args));
  return out as Handlers;
}
