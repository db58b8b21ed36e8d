import { useEffect, useRef } from 'react';

/**
 * Where a scan goes. The checkout screen handles scans by default (product, member card,
 * coupon, receipt); a dialog that wants scans (refund: the receipt's barcode) takes them while it is
 * open. The newest registered handler wins.
 */
export type ScanSource = 'wedge' | 'serial';
type Handler = { current: (code: string, source: ScanSource) => void };

const stack: Handler[] = [];

export function routeScan(code: string, source: ScanSource): void {
  const code2 = code.trim();
  if (!code2) return;
  stack.at(-1)?.current(code2, source);
}

export function useScanHandler(handler: (code: string, source: ScanSource) => void, active = true): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!active) return;
    const entry: Handler = { current: (c, s) => ref.current(c, s) };
    stack.push(entry);
    return () => {
      const i = stack.lastIndexOf(entry);
      if (i >= 0) stack.splice(i, 1);
    };
  }, [active]);
}

/** Member cards are EAN-13 codes in GS1's in-store range 29 (electron/core/members/card-no.ts). */
export const isMemberCardCode = (code: string) => /^29\d{11}$/.test(code);

/** Coupons are EAN-13 codes in the in-store range 28 (electron/core/rewards/coupons.ts): scanned at the till, they apply to the sale. */
export const isCouponCode = (code: string) => /^28\d{11}$/.test(code);

/** Receipt numbers as the core prints them under the barcode: YYYYMMDD-NNNN. */
/** `20261206-0001`, or with a till's code once the shop has a server: `T2-20261206-0001`. */
export const isReceiptCode = (code: string) => /^(T\d{1,3}-)?\d{8}-\d{4,}$/.test(code);
