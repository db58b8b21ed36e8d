import type { Database } from '../db/open.js';

/**
 * `YYYYMMDD-NNNN`, counted per business day. Runs inside the sale's transaction, so two
 * sales can never share a number and a rolled-back sale gives its number back. A till paired
 * with a shop server puts its code first (`T2-20261206-0001`), so numbers stay unique in the
 * shop while each till counts on its own, offline too.
 */
export function createReceiptNumbers(db: Database) {
  const bump = db.prepare<[string], { last_no: number }>(`INSERT INTO receipt_counters (business_date, last_no) VALUES (?, 1)
    ON CONFLICT(business_date) DO UPDATE SET last_no = last_no + 1 RETURNING last_no`);
  const till = db.prepare<[], { till_code: string }>('SELECT till_code FROM sync_state');
  return (businessDate: string): string => {
    const n = bump.get(businessDate)!.last_no;
    const code = till.get()?.till_code ?? '';
    return `${code ? `${code}-` : ''}${businessDate.replaceAll('-', '')}-${String(n).padStart(4, '0')}`;
  };
}
