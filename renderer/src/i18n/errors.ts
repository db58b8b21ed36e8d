import type { TFunction } from 'i18next';
import type { AppError } from '../../../shared/errors.js';
import { formatUntil } from './format.js';

type Translate = TFunction<'translation'>;
/** i18next's typed `t` only takes known keys; these helpers take keys that arrive at run time. */
type LooseT = (key: string, options?: Record<string, unknown>) => string;

function loose(t: Translate): LooseT {
  return t as unknown as LooseT;
}

export interface KeyCheck {
  exists(key: string): boolean;
}

/**
 * The translated message for an error from the core. Prefers the error's own messageKey
 * (e.g. errors.last_owner), then errors.<code>, then the generic internal error, and fills in
 * the details people need: attempts left after a wrong PIN, until when an account is locked.
 */
export function errorMessage(t: Translate, i18n: KeyCheck, error: AppError, locale: string): string {
  const tt = loose(t);
  const details = error.details ?? {};
  if (error.code === 'wrong_pin' && error.messageKey === 'errors.wrong_pin') {
    const left = details.attemptsLeft;
    return typeof left === 'number' ? tt('errors.wrong_pin', { attemptsLeft: left }) : tt('errors.wrong_pin_plain');
  }
  if (error.code === 'account_locked' && error.messageKey === 'errors.account_locked') {
    const until = details.until;
    return typeof until === 'string' ? tt('errors.account_locked', { until: formatUntil(until, locale) }) : tt('errors.account_locked_plain');
  }
  if (error.messageKey && i18n.exists(error.messageKey)) return tt(error.messageKey, details);
  const byCode = `errors.${error.code}`;
  if (i18n.exists(byCode)) return tt(byCode, details);
  return tt('errors.internal');
}

/**
 * Form messages: zod issues in the renderer carry an i18n key, optionally with values
 * encoded as `key|{"max":40}` so a schema can say "at most 40 characters".
 */
export function fieldMessage(key: string, values?: Record<string, unknown>): string {
  return values ? `${key}|${JSON.stringify(values)}` : key;
}

/** The key and values of a field message made by fieldMessage. */
export function parseFieldMessage(message: string): { key: string; values: Record<string, unknown> | undefined } {
  const bar = message.indexOf('|');
  if (bar < 0) return { key: message, values: undefined };
  try {
    return { key: message.slice(0, bar), values: JSON.parse(message.slice(bar + 1)) as Record<string, unknown> };
  } catch {
    return { key: message.slice(0, bar), values: undefined };
  }
}

export function translateFieldMessage(t: Translate, message: string | undefined): string | undefined {
  if (!message) return undefined;
  const { key, values } = parseFieldMessage(message);
  return loose(t)(key.startsWith('validation.') || key.startsWith('errors.') ? key : 'validation.invalid', values);
}

export interface ServerIssue {
  path: string;
  code: string;
  message: string;
}

/** The `issues` of a bad_input answer, if any. */
export function serverIssues(error: AppError): ServerIssue[] {
  const issues = error.details?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (i): i is ServerIssue => typeof i === 'object' && i !== null && typeof (i as ServerIssue).path === 'string',
  );
}

/** Maps one server issue (zod's code and message) to a validation key for the field it names. */
export function issueToFieldMessage(issue: ServerIssue): string {
  if (issue.message === 'pin_format') return 'validation.pinFormat';
  // An identifier (SKU, barcode, phone) with a hidden character is refused, not cleaned (shared/contract/common.ts).
  if (issue.message === 'control_chars') return 'validation.controlChars';
  if (issue.code === 'too_small') return 'validation.required';
  if (issue.code === 'too_big') return 'validation.invalid';
  return 'validation.invalid';
}

/** Which form field a server-side field error belongs to: by path, or by the conflict's `field`. */
export function fieldErrorsFrom(error: AppError, pathToField: Record<string, string>): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  for (const issue of serverIssues(error)) {
    const field = pathToField[issue.path];
    if (field) out.push({ field, message: issueToFieldMessage(issue) });
  }
  const conflictField = error.details?.field;
  if (error.code === 'conflict' && typeof conflictField === 'string' && pathToField[conflictField]) {
    out.push({ field: pathToField[conflictField], message: `${error.messageKey}` });
  }
  return out;
}
