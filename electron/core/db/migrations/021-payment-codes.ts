import type { Database } from 'better-sqlite3';
import type { Migration } from './types.js';
import { SYNC_TABLE_BY_NAME } from '../../../../shared/sync/tables.js';
import { installSyncTriggers, ridSql, sharedRowsSql, UUID7_SQL } from '../sync-triggers.js';

/** The shared tables this migration makes (shared/sync/tables.ts lists them with `since: 21`). */
const PAYMENT_CODE_SYNC_TABLES = ['payment_codes', 'payment_code_checks'] as const;

/**
 * Payment codes (付款码; issue 16). The till has no payment provider: a scanned WeChat Pay or
 * Alipay code is recorded as that method's payment (sale_payments, as before) and, here, as a
 * fact to check later against the platform's statement.
 *
 * - payment_codes: one per code-paid payment: method, amount, the code's last four digits and
 *   a SHA-256 of the whole code (a code is a one-time token: a second scan of the same code is
 *   refused; the code itself is not kept). 待核对 until a check row exists.
 * - payment_code_checks: a match with a row of the platform's statement (its transaction
 *   number, time and amount), made at the shift close (交班) by importing the statement. One
 *   per payment code; append-only like every fact.
 */
export const m021PaymentCodes: Migration = {
  version: 21,
  name: 'payment-codes',
  up(db: Database) {
    db.exec(`
      CREATE TABLE payment_codes (
        id          INTEGER PRIMARY KEY,
        sale_id     INTEGER NOT NULL REFERENCES sales(id),
        shift_id    INTEGER REFERENCES shifts(id),
        method      TEXT NOT NULL CHECK (method IN ('wechat','alipay')),
        amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
        code_tail   TEXT NOT NULL CHECK (length(code_tail) = 4),
        code_hash   TEXT NOT NULL UNIQUE,
        scanned_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX payment_codes_shift ON payment_codes(shift_id, id);
      CREATE INDEX payment_codes_sale ON payment_codes(sale_id);

      CREATE TABLE payment_code_checks (
        id                   INTEGER PRIMARY KEY,
        payment_code_id      INTEGER NOT NULL UNIQUE REFERENCES payment_codes(id),
        statement_ref        TEXT NOT NULL,
        statement_at         TEXT NOT NULL,
        statement_amount_fen INTEGER NOT NULL,
        checked_at           TEXT NOT NULL,
        staff_id             INTEGER REFERENCES staff(id)
      ) STRICT;
    `);
    for (const name of PAYMENT_CODE_SYNC_TABLES) {
      db.exec(`
        CREATE TRIGGER ${name}_no_update BEFORE UPDATE ON ${name} WHEN (SELECT applying FROM sync_state) = 0 BEGIN SELECT RAISE(ABORT, '${name} is append-only'); END;
        CREATE TRIGGER ${name}_no_delete BEFORE DELETE ON ${name} BEGIN SELECT RAISE(ABORT, '${name} is append-only'); END;`);
      const table = SYNC_TABLE_BY_NAME.get(name)!;
      db.exec(`INSERT INTO sync_rows (tbl, rid, gid) SELECT '${name}', ${ridSql(table, 'NEW').replaceAll('NEW.', '')}, ${UUID7_SQL} FROM ${name} WHERE ${sharedRowsSql(table)}`);
      installSyncTriggers(db, table);
    }
  },
};
