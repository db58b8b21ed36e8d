import type { z } from 'zod';
import type { CallDef } from '../../../shared/contract/define.js';
import type { CallContext } from '../dispatch/dispatcher.js';
import { DomainError } from '../lib/domain-error.js';

/**
 * Handlers typed from a domain's own contract part: the same shape as the dispatcher's
 * `PartialHandlers<M>` once the part is joined into the contract, so they type-check
 * before and after registration.
 */
export type ContractHandlers<C extends Record<string, CallDef>> = {
  [M in keyof C]: (input: z.output<C[M]['input']>, ctx: CallContext) => z.input<C[M]['output']> | Promise<z.input<C[M]['output']>>;
};

/** Base64 as the page sends files (the contract's Base64File schema refused anything else). */
export function decodeUpload(fileBase64: string): Buffer {
  return Buffer.from(fileBase64, 'base64');
}

/** The signed-in caller (every call here needs a session; the dispatcher checked it). */
export function caller(ctx: CallContext) {
  const s = ctx.session;
  if (!s) throw new DomainError('not_signed_in');
  return { staffId: s.staffId, role: s.role };
}
