import type { z } from 'zod';
import type { Access } from '../roles.js';

/**
 * One call of the contract: who may make it, what it takes and what it answers.
 * Schemas are zod; the dispatcher parses input with `input` before any handler runs.
 */
export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  access: Access;
  input: I;
  output: O;
  /** Answered while the screen is locked (unlock, sign-out, status). */
  whileLocked?: boolean;
}

export function call<I extends z.ZodType, O extends z.ZodType>(def: CallDef<I, O>): CallDef<I, O> {
  return def;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Joins the per-domain contracts; a name declared twice is a programming error caught at load. */
export function joinContracts<Parts extends Record<string, CallDef>[]>(
  ...parts: Parts
): UnionToIntersection<Parts[number]> {
  const all: Record<string, CallDef> = {};
  for (const part of parts) {
    for (const [name, def] of Object.entries(part)) {
      if (Object.hasOwn(all, name)) throw new Error(`contract: call "${name}" is declared twice`);
      all[name] = def;
    }
  }
  return all as UnionToIntersection<Parts[number]>;
}
