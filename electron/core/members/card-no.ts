import { ean13 } from '../../../shared/barcode.js';

/**
 * Member card numbers are EAN-13 codes in GS1's in-store range (prefix 29), so any
 * counter scanner reads the printed card and they never collide with product barcodes
 * (Chinese products start 690–699). The body is the till's number (00 for a till with no
 * shop server — the format every card had before) and the member's id there, zero-padded.
 */
export function cardNoFor(memberId: number, tillNumber = 0): string {
  return ean13(`29${String(tillNumber).padStart(2, '0')}${String(memberId).padStart(8, '0')}`);
}
