import type { TFunction } from 'i18next';
import { translateFieldMessage } from '../../i18n/errors.js';

/**
 * A field's message: a `gifts.*` key of this feature, or a shared validation/error key; values
 * ride along as `key|{"stock":3}` (the encoding i18n/errors.ts uses for field messages).
 */
export function giftFieldText(t: TFunction<'translation'>, message: string | undefined): string | undefined {
  if (!message) return undefined;
  if (!message.startsWith('gifts.')) return translateFieldMessage(t, message);
  const bar = message.indexOf('|');
  const key = bar < 0 ? message : message.slice(0, bar);
  const values = bar < 0 ? undefined : (JSON.parse(message.slice(bar + 1)) as Record<string, unknown>);
  return (t as unknown as (k: string, v?: Record<string, unknown>) => string)(key, values);
}

/** A field message with values, in the encoding above. */
export const withValues = (key: string, values: Record<string, unknown>) => `${key}|${JSON.stringify(values)}`;
