import { z } from 'zod';
import { fieldMessage } from '../../i18n/errors.js';
import { nameField } from '../../forms/fields.js';

/**
 * The pairing form (sync.pair's input). What people type is tidied before it is checked, so
 * the usual slips do not cost a round trip: an address copied without https:// or with a
 * trailing slash, a code typed in lower case, with spaces or without its dashes.
 */

/** The contract's rule (shared/contract/sync.ts): https, a host, an optional port, nothing after. */
const HTTPS_URL = /^https:\/\/[^\s/]+(:\d{1,5})?\/?$/;
/** The alphabet the server's codes use (no I, L, O, U: they read like 1, 1, 0, V). */
const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** `192.168.1.10:8443` → `https://192.168.1.10:8443`; the server only speaks HTTPS. */
export function normaliseServerUrl(raw: string): string {
  const v = raw.trim().replace(/\/+$/, '');
  if (v === '') return v;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(v);
  if (!scheme) return `https://${v}`;
  // Only the scheme's case is fixed here; http:// stays as typed and is refused, not upgraded.
  return `${scheme[1]!.toLowerCase()}://${v.slice(scheme[0].length)}`;
}

/**
 * `abcd efgh jkmn` → `ABCD-EFGH-JKMN`. O and I/L, which the server never prints, are read as
 * the 0 and 1 they were meant to be (Crockford's rule for this alphabet).
 */
export function normalisePairingCode(raw: string): string {
  const plain = raw.toUpperCase().replace(/[\s-]+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return plain.length === 12 ? `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}` : plain;
}

// Empty stops there: one message per field, not "required" and "malformed" together.
const required = { message: fieldMessage('validation.required'), abort: true };

export const pairSchema = z.object({
  url: z.string().transform(normaliseServerUrl).pipe(
    z.string().min(1, required).max(200, fieldMessage('validation.tooLong', { max: 200 })).regex(HTTPS_URL, fieldMessage('validation.httpsUrl')),
  ),
  code: z.string().transform(normalisePairingCode).pipe(z.string().min(1, required).regex(CODE, fieldMessage('validation.pairingCode'))),
  tillName: nameField(40),
});

export type PairValues = z.input<typeof pairSchema>;
export type PairInput = z.output<typeof pairSchema>;

/** Where sync.pair's input paths land in the form (a bad_input answer). */
export const PAIR_FIELDS: Record<string, keyof PairValues> = { url: 'url', code: 'code', tillName: 'tillName' };

/**
 * The field a refused pairing belongs to: a wrong or used code at the code, a server that
 * cannot be reached or shows another certificate at the address. Others (already joined,
 * a till with a shop of its own) are about the till, shown under the form.
 */
export function fieldForPairError(messageKey: string | undefined): keyof PairValues | null {
  if (messageKey === 'errors.sync_pairing_refused') return 'code';
  if (messageKey === 'errors.sync_unreachable' || messageKey === 'errors.sync_pinning') return 'url';
  return null;
}
