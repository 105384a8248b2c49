// Head office's tables and queries, one text for both stores: the embedded SQLite file and PostgreSQL
// (RELAY_DATABASE_URL). Written with $1, $2 … placeholders, each used once and in order, so SQLite runs
// the same text with `?` (sqliteText). Money and times are integers (satang, ms since the epoch).
//
// A sale is keyed by (shop, till, sale id): a till's token can only ever write its own till's rows.
// Its refunds are replaced with each newer version of the sale; a version the store already has (a
// batch sent twice) or an older one (batches crossing on the wire) changes nothing.
import { COUNTED_REFUND_STATUSES } from './wire-schema';

export interface HeadOfficeMigration {
  version: number;
  name: string;
  sql: string;
}

export const HEAD_OFFICE_MIGRATIONS: readonly HeadOfficeMigration[] = [
  {
    version: 1,
    name: 'sales-refunds-tills',
    sql: `
CREATE TABLE ho_sales (
  shop_id        TEXT NOT NULL,
  till_id        TEXT NOT NULL,
  sale_id        TEXT NOT NULL,
  version        BIGINT NOT NULL,
  cashier_id     TEXT,
  cashier        TEXT,
  amount         BIGINT NOT NULL,
  currency       TEXT NOT NULL,
  tender         TEXT NOT NULL,
  status         TEXT NOT NULL,
  mode           TEXT,
  account        TEXT,
  created_at     BIGINT NOT NULL,
  paid_at        BIGINT,
  updated_at     BIGINT NOT NULL,
  business_date  TEXT NOT NULL,
  time_zone      TEXT NOT NULL,
  day_start_hour INTEGER NOT NULL,
  received_at    BIGINT NOT NULL,
  PRIMARY KEY (shop_id, till_id, sale_id)
);
CREATE INDEX ho_sales_by_day ON ho_sales (mode, business_date, shop_id, till_id, status, tender, amount);
CREATE INDEX ho_sales_export ON ho_sales (mode, business_date, shop_id, till_id, created_at, sale_id);
CREATE TABLE ho_refunds (
  shop_id       TEXT NOT NULL,
  till_id       TEXT NOT NULL,
  refund_id     TEXT NOT NULL,
  sale_id       TEXT NOT NULL,
  amount        BIGINT NOT NULL,
  status        TEXT NOT NULL,
  tender        TEXT NOT NULL,
  mode          TEXT,
  created_at    BIGINT NOT NULL,
  business_date TEXT NOT NULL,
  PRIMARY KEY (shop_id, till_id, refund_id)
);
CREATE INDEX ho_refunds_by_day ON ho_refunds (mode, business_date, shop_id, till_id, status, tender, amount);
CREATE INDEX ho_refunds_by_sale ON ho_refunds (shop_id, till_id, sale_id);
CREATE TABLE ho_tills (
  shop_id          TEXT NOT NULL,
  till_id          TEXT NOT NULL,
  time_zone        TEXT NOT NULL,
  day_start_hour   INTEGER NOT NULL,
  last_received_at BIGINT NOT NULL,
  PRIMARY KEY (shop_id, till_id)
);
`,
  },
];

const COUNTED = `(${COUNTED_REFUND_STATUSES.map((status) => `'${status}'`).join(', ')})`;

export const SQL = {
  upsertSale: `INSERT INTO ho_sales (shop_id, till_id, sale_id, version, cashier_id, cashier, amount, currency, tender, status, mode, account,
      created_at, paid_at, updated_at, business_date, time_zone, day_start_hour, received_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
    ON CONFLICT (shop_id, till_id, sale_id) DO UPDATE SET version = excluded.version, cashier_id = excluded.cashier_id,
      cashier = excluded.cashier, amount = excluded.amount, currency = excluded.currency, tender = excluded.tender,
      status = excluded.status, mode = excluded.mode, account = excluded.account, created_at = excluded.created_at,
      paid_at = excluded.paid_at, updated_at = excluded.updated_at, business_date = excluded.business_date,
      time_zone = excluded.time_zone, day_start_hour = excluded.day_start_hour, received_at = excluded.received_at
    WHERE ho_sales.version < excluded.version
    RETURNING sale_id`,
  deleteRefunds: 'DELETE FROM ho_refunds WHERE shop_id = $1 AND till_id = $2 AND sale_id = $3',
  insertRefund: `INSERT INTO ho_refunds (shop_id, till_id, refund_id, sale_id, amount, status, tender, mode, created_at, business_date)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
    ON CONFLICT (shop_id, till_id, refund_id) DO UPDATE SET sale_id = excluded.sale_id, amount = excluded.amount,
      status = excluded.status, tender = excluded.tender, mode = excluded.mode, created_at = excluded.created_at,
      business_date = excluded.business_date`,
  upsertTill: `INSERT INTO ho_tills (shop_id, till_id, time_zone, day_start_hour, last_received_at) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (shop_id, till_id) DO UPDATE SET time_zone = excluded.time_zone, day_start_hour = excluded.day_start_hour,
      last_received_at = excluded.last_received_at`,
  saleGroups: `SELECT shop_id, till_id, business_date, status, tender, count(*) AS count, coalesce(sum(amount), 0) AS amount FROM ho_sales
    WHERE mode = $1 AND business_date >= $2 AND business_date <= $3 GROUP BY shop_id, till_id, business_date, status, tender`,
  refundGroups: `SELECT shop_id, till_id, business_date, status, tender, count(*) AS count, coalesce(sum(amount), 0) AS amount FROM ho_refunds
    WHERE mode = $1 AND business_date >= $2 AND business_date <= $3 AND status IN ${COUNTED} GROUP BY shop_id, till_id, business_date, status, tender`,
  tills: 'SELECT shop_id, till_id, time_zone, day_start_hour, last_received_at FROM ho_tills ORDER BY shop_id, till_id',
  // Keyset pages in a stable order: a long export never holds more than one page.
  exportPage: `SELECT s.shop_id, s.till_id, s.sale_id, s.business_date, s.created_at, s.paid_at, s.time_zone, s.cashier, s.tender, s.status,
      s.amount, s.mode,
      (SELECT coalesce(sum(r.amount), 0) FROM ho_refunds r WHERE r.shop_id = s.shop_id AND r.till_id = s.till_id AND r.sale_id = s.sale_id
        AND r.status IN ${COUNTED}) AS refunded
    FROM ho_sales s
    WHERE s.mode = $1 AND s.business_date >= $2 AND s.business_date <= $3
      AND (s.business_date, s.shop_id, s.till_id, s.created_at, s.sale_id) > ($4, $5, $6, $7, $8)
    ORDER BY s.business_date, s.shop_id, s.till_id, s.created_at, s.sale_id
    LIMIT $9`,
} as const;

/** The same text for SQLite: `$n` → `?` (each placeholder is used once, in order). */
export function sqliteText(text: string): string {
  let expected = 1;
  return text.replace(/\$(\d+)/g, (_match, n: string) => {
    if (Number(n) !== expected) throw new Error(`placeholder $${n} out of order`);
    expected += 1;
    return '?';
  });
}
