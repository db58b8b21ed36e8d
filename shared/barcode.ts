/**
 * GS1 check digits for EAN-13, EAN-8 and UPC-A (12 digits). Pure, used by the renderer to
 * validate while typing and by the core before anything is stored.
 */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  // Weights alternate 3,1 starting from the rightmost digit of the body.
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export type BarcodeKind = 'ean13' | 'ean8' | 'upca' | 'internal';

/**
 * Classifies a code: 8, 12 and 13 digit codes must carry a valid check digit;
 * other codes (letters, other lengths) are the shop's internal codes.
 * Returns null for a GS1-length numeric code whose check digit is wrong.
 */
export function classifyBarcode(code: string): BarcodeKind | null {
  if (!/^\d+$/.test(code) || ![8, 12, 13].includes(code.length)) return 'internal';
  const ok = gs1CheckDigit(code.slice(0, -1)) === Number(code.at(-1));
  if (!ok) return null;
  return code.length === 13 ? 'ean13' : code.length === 8 ? 'ean8' : 'upca';
}

/** Appends the check digit to a 12-digit EAN-13 body. */
export function ean13(body12: string): string {
  return body12 + String(gs1CheckDigit(body12));
}
