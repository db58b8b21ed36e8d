import type { TFunction } from 'i18next';
import type { AppError } from '../../../../shared/errors.js';
import { issueToFieldMessage, serverIssues, translateFieldMessage } from '../../i18n/errors.js';

/**
 * A form field's message: a `members.*` key of this feature, or a shared validation/error
 * key (with values encoded as `key|{"max":20}`, see i18n/errors.ts).
 */
export function fieldText(t: TFunction<'translation'>, message: string | undefined): string | undefined {
  if (!message) return undefined;
  if (message.startsWith('members.')) return (t as unknown as (k: string) => string)(message);
  return translateFieldMessage(t, message);
}

/**
 * Which of `fields` a refusal from the core is about: zod issues by path, or a domain error
 * that names its `field` (phone_invalid, phone_taken, birthday_invalid, a referrer not found).
 */
export function serverFieldErrors<F extends string>(error: AppError, fields: readonly F[]): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const issue of serverIssues(error)) {
    const f = issue.path.split('.')[0] as F;
    if (fields.includes(f) && !out[f]) out[f] = issueToFieldMessage(issue);
  }
  const field = error.details?.field;
  if (typeof field === 'string' && fields.includes(field as F) && !out[field as F]) {
    out[field as F] = error.messageKey && error.messageKey !== `errors.${error.code}` ? error.messageKey : error.code === 'not_found' ? 'errors.not_found' : 'validation.invalid';
  }
  return out;
}
