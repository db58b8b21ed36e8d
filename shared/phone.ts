import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';

/**
 * A member's phone as the shop stores it: the 11-digit mainland mobile number, whatever
 * the cashier typed (spaces, dashes, +86). Null when it is not a valid mobile number.
 * Validation is libphonenumber's (number ranges change; a hand-made regex goes stale).
 */
export function normalizeMobile(input: string): string | null {
  const p = parsePhoneNumberFromString(input.trim(), 'CN');
  if (!p || p.country !== 'CN' || !p.isValid()) return null;
  const type = p.getType();
  if (type !== undefined && type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return null;
  const national = String(p.nationalNumber);
  return /^1\d{10}$/.test(national) ? national : null;
}

/** 13812345678 -> 138****5678: what cashier screens and receipts show. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
