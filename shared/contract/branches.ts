import { z } from 'zod';
import { call } from './define.js';
import { Id } from './common.js';

/**
 * A chain of shops (issue 15; README "A chain of shops"): a branch's own price for a head-office
 * product. Set at head office (a till of the head-office branch, by an owner); the tills of that
 * branch price sales with it, every other branch keeps the product's own price.
 */
export const BranchCode = z.string().trim().toUpperCase().regex(/^B\d{1,3}$/, 'branch_code');
export const BranchPrice = z.object({ branchCode: z.string(), priceFen: z.number().int(), updatedAt: z.string() });
export type BranchPrice = z.infer<typeof BranchPrice>;

export const branchesContract = {
  /** The per-branch prices of a product (the latest for each branch that has one). */
  'products.branchPrices': call({ access: 'manager', input: z.object({ productId: Id }).strict(), output: z.array(BranchPrice) }),
  /** Sets (or with null takes back) a branch's price for a product; head office only. */
  'products.setBranchPrice': call({
    access: 'owner',
    input: z.object({ productId: Id, branchCode: BranchCode, priceFen: z.number().int().min(0).max(100_000_000).nullable() }).strict(),
    output: z.array(BranchPrice),
  }),
};
