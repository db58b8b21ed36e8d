import type { Migration } from './types.js';

/**
 * Catalogue, shifts and sales. A sale is written once, in one transaction, with its lines
 * and payments; refunds are new rows (kind = 'refund', negative totals) that point at the
 * sale they refund. Money is integer fen everywhere. The triggers make the money columns
 * impossible to rewrite afterwards.
 */
export const m003CatalogueSales: Migration = {
  version: 3,
  name: 'catalogue-sales',
  up(db) {
    db.exec(`
      CREATE TABLE categories (
        id   INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
      ) STRICT;

      CREATE TABLE products (
        id          INTEGER PRIMARY KEY,
        sku         TEXT NOT NULL UNIQUE,
        name        TEXT NOT NULL,
        initials    TEXT NOT NULL DEFAULT '',   -- pinyin initials, lower case: 可乐 -> kl
        category_id INTEGER REFERENCES categories(id),
        price_fen   INTEGER NOT NULL CHECK (price_fen >= 0),
        points_pct  INTEGER NOT NULL DEFAULT 100 CHECK (points_pct >= 0), -- 0 = earns none, 200 = 2x
        active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
        updated_at  TEXT NOT NULL,
        updated_by  INTEGER REFERENCES staff(id)
      ) STRICT;
      CREATE INDEX products_initials ON products(initials);
      CREATE INDEX products_name ON products(name);

      CREATE TABLE product_barcodes (
        barcode    TEXT PRIMARY KEY,
        product_id INTEGER NOT NULL REFERENCES products(id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX product_barcodes_product ON product_barcodes(product_id);

      CREATE TABLE shifts (
        id                INTEGER PRIMARY KEY,
        staff_id          INTEGER NOT NULL REFERENCES staff(id),
        opened_at         TEXT NOT NULL,
        opening_float_fen INTEGER NOT NULL CHECK (opening_float_fen >= 0),
        closed_at         TEXT,
        closed_by         INTEGER REFERENCES staff(id),
        counted_cash_fen  INTEGER,
        expected_cash_fen INTEGER
      ) STRICT;
      CREATE UNIQUE INDEX shifts_one_open ON shifts((1)) WHERE closed_at IS NULL;

      CREATE TABLE sales (
        id            INTEGER PRIMARY KEY,
        receipt_no    TEXT NOT NULL UNIQUE,           -- YYYYMMDD-NNNN
        kind          TEXT NOT NULL CHECK (kind IN ('sale','refund')),
        refund_of     INTEGER REFERENCES sales(id),
        business_date TEXT NOT NULL,                  -- shop-local YYYY-MM-DD
        sold_at       TEXT NOT NULL,                  -- shop-local YYYY-MM-DDTHH:mm:ss
        member_id     INTEGER REFERENCES members(id),
        staff_id      INTEGER REFERENCES staff(id),
        shift_id      INTEGER REFERENCES shifts(id),
        subtotal_fen  INTEGER NOT NULL,
        discount_fen  INTEGER NOT NULL DEFAULT 0,
        rounding_fen  INTEGER NOT NULL DEFAULT 0,
        total_fen     INTEGER NOT NULL,
        source        TEXT NOT NULL DEFAULT 'till' CHECK (source IN ('till','import','demo')),
        client_ref    TEXT UNIQUE,                    -- the till's id for the attempt: a retried commit returns the same sale
        points_earned INTEGER NOT NULL DEFAULT 0,
        CHECK ((kind = 'sale' AND total_fen >= 0 AND refund_of IS NULL) OR (kind = 'refund' AND total_fen <= 0 AND refund_of IS NOT NULL))
      ) STRICT;
      CREATE INDEX sales_business_date ON sales(business_date);
      CREATE INDEX sales_member ON sales(member_id, business_date) WHERE member_id IS NOT NULL;
      CREATE INDEX sales_refund_of ON sales(refund_of) WHERE refund_of IS NOT NULL;
      CREATE INDEX sales_shift ON sales(shift_id) WHERE shift_id IS NOT NULL;

      CREATE TABLE sale_lines (
        id             INTEGER PRIMARY KEY,
        sale_id        INTEGER NOT NULL REFERENCES sales(id),
        line_no        INTEGER NOT NULL,
        product_id     INTEGER REFERENCES products(id),
        name           TEXT NOT NULL,                 -- as sold, so renames never rewrite receipts
        barcode        TEXT,
        qty            INTEGER NOT NULL,              -- negative on refunds
        unit_price_fen INTEGER NOT NULL,
        discount_fen   INTEGER NOT NULL DEFAULT 0,
        total_fen      INTEGER NOT NULL,
        refund_of_line INTEGER REFERENCES sale_lines(id),
        UNIQUE (sale_id, line_no)
      ) STRICT;
      CREATE INDEX sale_lines_refund_of ON sale_lines(refund_of_line) WHERE refund_of_line IS NOT NULL;

      CREATE TABLE sale_payments (
        id           INTEGER PRIMARY KEY,
        sale_id      INTEGER NOT NULL REFERENCES sales(id),
        method       TEXT NOT NULL CHECK (method IN ('cash','card','wechat','alipay','stored_value')),
        amount_fen   INTEGER NOT NULL,                -- negative on refunds
        tendered_fen INTEGER,                         -- cash handed over
        change_fen   INTEGER
      ) STRICT;
      CREATE INDEX sale_payments_sale ON sale_payments(sale_id);

      -- Receipt numbers are YYYYMMDD-NNNN, counted per business day inside the sale's transaction.
      CREATE TABLE receipt_counters (
        business_date TEXT PRIMARY KEY,
        last_no       INTEGER NOT NULL
      ) STRICT;

      -- 挂单: carts put aside, kept across restarts until resumed or discarded.
      CREATE TABLE held_orders (
        id         INTEGER PRIMARY KEY,
        label      TEXT NOT NULL,
        cart       TEXT NOT NULL,            -- JSON of the cart as the till had it
        member_id  INTEGER REFERENCES members(id),
        total_fen  INTEGER NOT NULL,
        held_at    TEXT NOT NULL,
        staff_id   INTEGER REFERENCES staff(id)
      ) STRICT;

      -- Print jobs are written in the sale's transaction, so a sale is never lost to the printer
      -- and a print that failed or was cut off by a crash can be retried from here.
      CREATE TABLE print_jobs (
        id         INTEGER PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('receipt','shift_report','drawer','document')),
        ref_id     INTEGER,                  -- sale id / shift id
        status     TEXT NOT NULL CHECK (status IN ('pending','printing','done','failed')),
        attempts   INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        reprint    INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX print_jobs_status ON print_jobs(status, id);

      CREATE TRIGGER sales_money_frozen BEFORE UPDATE OF receipt_no, kind, refund_of, business_date, sold_at,
          subtotal_fen, discount_fen, rounding_fen, total_fen, points_earned, client_ref ON sales
        BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END;
      CREATE TRIGGER sales_no_delete BEFORE DELETE ON sales
        BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END;
      CREATE TRIGGER sale_lines_frozen BEFORE UPDATE ON sale_lines
        BEGIN SELECT RAISE(ABORT, 'sale lines are append-only'); END;
      CREATE TRIGGER sale_lines_no_delete BEFORE DELETE ON sale_lines
        BEGIN SELECT RAISE(ABORT, 'sale lines are append-only'); END;
      CREATE TRIGGER sale_payments_frozen BEFORE UPDATE ON sale_payments
        BEGIN SELECT RAISE(ABORT, 'sale payments are append-only'); END;
      CREATE TRIGGER sale_payments_no_delete BEFORE DELETE ON sale_payments
        BEGIN SELECT RAISE(ABORT, 'sale payments are append-only'); END;
    `);
  },
};
