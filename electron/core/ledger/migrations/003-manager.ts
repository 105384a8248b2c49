// The manager's side: cashiers (PIN hashes, lockout), the cashier on each sale, refunds, shop settings,
// and the indexes that keep daily reports fast on a large ledger.
export const name = 'manager';
export const sql = `
CREATE TABLE cashiers (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('cashier','manager')),
  owner           INTEGER NOT NULL DEFAULT 0,
  active          INTEGER NOT NULL DEFAULT 1,
  pin_hash        TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  lock_count      INTEGER NOT NULL DEFAULT 0,
  locked_until    INTEGER,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);

ALTER TABLE sales ADD COLUMN cashier_id TEXT;
-- When the sale turned succeeded (shown in reports; the business day is the creation day).
ALTER TABLE sales ADD COLUMN paid_at INTEGER;
-- Covers the daily report's aggregates: a range scan on created_at never touches the table.
CREATE INDEX sales_report ON sales (created_at, status, amount, till_id, cashier_id);
CREATE INDEX sales_by_payment_status ON sales (status, created_at);

CREATE TABLE refunds (
  id               TEXT PRIMARY KEY,
  sale_id          TEXT NOT NULL REFERENCES sales (id),
  stripe_refund_id TEXT UNIQUE,
  amount           INTEGER NOT NULL CHECK (amount > 0),
  status           TEXT NOT NULL CHECK (status IN ('pending','requires_action','succeeded','failed','canceled')),
  email            TEXT,
  reason           TEXT,
  failure_reason   TEXT,
  requested_by     TEXT,
  till_id          TEXT NOT NULL,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX refunds_by_sale ON refunds (sale_id);
CREATE INDEX refunds_by_created ON refunds (created_at, status, amount, till_id);
CREATE INDEX refunds_open ON refunds (status) WHERE status IN ('pending','requires_action');

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE INDEX audit_by_sale ON audit_log (sale_id) WHERE sale_id IS NOT NULL;
`;
