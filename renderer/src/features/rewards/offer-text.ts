import type { TFunction } from 'i18next';
import { formatMoney } from '../../i18n/format.js';
import { parseFieldMessage, translateFieldMessage } from '../../i18n/errors.js';

type LooseT = (key: string, values?: Record<string, unknown>) => string;

/**
 * A field message of the offer forms in the UI language: an `offers.*` key from
 * offers-forms.ts (values after `|`; a value named `xxxFen` is shown as money under `xxx`),
 * or a shared validation/error key from the core's refusal.
 */
export function offerText(t: TFunction<'translation'>, locale: string, message: string | undefined): string | undefined {
  if (!message) return undefined;
  if (!message.startsWith('offers.')) return translateFieldMessage(t, message);
  const { key, values: raw } = parseFieldMessage(message);
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw ?? {})) {
    if (k.endsWith('Fen') && typeof v === 'number') values[k.slice(0, -3)] = formatMoney(v, locale);
    else values[k] = v;
  }
  return (t as unknown as LooseT)(key, values);
}
