import type { z } from 'zod';
import { joinContracts } from './define.js';
import { shopContract } from './shop.js';
import { authContract, staffContract } from './staff.js';
import { systemContract } from './system.js';
import { catalogueContract } from './catalogue.js';
import { checkoutContract } from './checkout.js';
import { membersContract } from './members.js';
import { devicesContract } from './devices.js';
import { rewardsContract } from './rewards.js';
import { storedValueContract } from './stored-value.js';
import { complaintsContract, careContract } from './complaints.js';
import { couponsContract } from './coupons.js';
import { countCardsContract } from './count-cards.js';
import { giftsContract } from './gifts.js';
import { statsContract } from './stats.js';
import { backupContract } from './backup.js';
import { syncContract } from './sync.js';
import { promotionsContract } from './promotions.js';
import { stockContract } from './stock.js';
import { counterContract } from './counter.js';
import { branchesContract } from './branches.js';
import { weighingContract } from './weighing.js';
import { paymentCodesContract } from './payment-codes.js';

export type { CallDef } from './define.js';

/**
 * The whole contract between the renderer and the core: every call, once.
 * Transports (Electron IPC, the loopback browser host, the CLI) carry
 * `{method, input, session}` envelopes to one dispatcher that obeys this map.
 */
export const contract = joinContracts(shopContract, authContract, staffContract, systemContract, catalogueContract, checkoutContract, membersContract, devicesContract, rewardsContract, storedValueContract, complaintsContract, careContract, couponsContract, countCardsContract, giftsContract, statsContract, backupContract, syncContract, promotionsContract, stockContract, counterContract, branchesContract, weighingContract, paymentCodesContract);

export type Contract = typeof contract;
export type Method = keyof Contract & string;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

export function isMethod(name: string): name is Method {
  return Object.hasOwn(contract, name);
}

/** What every transport carries. `session` is the token `auth.signIn` returned. */
export interface Envelope {
  method: string;
  input: unknown;
  session?: string | null;
}
