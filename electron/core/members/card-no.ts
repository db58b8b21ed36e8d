import { ean13 } from '../../../shared/barcode.js';

/**
 * Member card numbers are EAN-13 codes in GS1's in-store range (prefix 29), so any
 * counter scanner reads the printed card and they never collide with product barcodes
 * (Chinese products start 690–699). The body is the member id, zero-padded.
 */
export function cardNoFor(memberId: number): string {
  return ean13(`29${String(memberId).padStart(10, '0')}`);
}
