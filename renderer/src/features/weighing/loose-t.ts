import type { TFunction } from 'i18next';

/** i18next's typed `t` takes known keys only; keys built at run time (a part, a reason, a unit) go through this. */
export type LooseT = (key: string, values?: Record<string, unknown>) => string;
export const loose = (t: TFunction<'translation'>): LooseT => t as unknown as LooseT;
