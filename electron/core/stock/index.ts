import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import type { AuditLog } from '../audit/audit-log.js';
import { createStockLedger } from './stock-ledger.js';
import { createReceiving } from './receiving.js';
import { createCounts } from './counts.js';
import { createStockReports } from './stock-reports.js';

/** The stock domain: the ledger (which checkout writes through), receiving, counts and the manager's reports. */
export function createStock(db: Database, clock: Clock, audit: AuditLog) {
  const ledger = createStockLedger(db, clock, audit);
  return { ledger, receiving: createReceiving(db, ledger, audit), counts: createCounts(db, ledger, audit), reports: createStockReports(db, clock) };
}
export type Stock = ReturnType<typeof createStock>;
