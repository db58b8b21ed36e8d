import type { Database } from '../db/open.js';

/**
 * This till's place in the shop: '' and 0 for a till with no shop server, else the code the
 * server gave at pairing ('T2') and its number (2). Receipt and card numbers carry it, so
 * tills that count on their own, offline too, never hand out the same number.
 */
export function tillIdentity(db: Database): { code: string; number: number } {
  const row = db.prepare<[], { till_code: string }>('SELECT till_code FROM sync_state').get();
  const code = row?.till_code ?? '';
  return { code, number: code ? Number(code.slice(1)) : 0 };
}
