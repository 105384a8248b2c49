// The first ledger schema: sales, what happened to each (sale_events), and the audit log.
export const name = 'initial';
export const sql = `
CREATE TABLE sales (
  id                    TEXT PRIMARY KEY,
  amount                INTEGER NOT NULL CHECK (amount > 0),
  currency              TEXT NOT NULL DEFAULT 'thb',
  description           TEXT,
  order_ref             TEXT,
  email                 TEXT NOT NULL,
  metadata              TEXT NOT NULL DEFAULT '{}',
  status                TEXT NOT NULL CHECK (status IN ('created','awaiting_payment','succeeded','expired','failed','canceled')),
  payment_intent_id     TEXT UNIQUE,
  payment_intent_status TEXT,
  qr_data               TEXT,
  qr_image_url          TEXT,
  qr_expires_at         INTEGER,
  failure_code          TEXT,
  cancel_intent         TEXT CHECK (cancel_intent IN ('cashier','timeout','api','interrupted')),
  flagged               INTEGER NOT NULL DEFAULT 0,
  flag_reason           TEXT,
  source                TEXT NOT NULL CHECK (source IN ('till','api')),
  till_id               TEXT NOT NULL,
  cashier               TEXT,
  created_at            INTEGER NOT NULL,
  updated_at            INTEGER NOT NULL
);
CREATE INDEX sales_by_created ON sales (created_at);
CREATE INDEX sales_unfinished ON sales (status) WHERE status IN ('created','awaiting_payment');

CREATE TABLE sale_events (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  sale_id     TEXT NOT NULL REFERENCES sales (id),
  at          INTEGER NOT NULL,
  source      TEXT NOT NULL,
  kind        TEXT NOT NULL,
  from_status TEXT,
  to_status   TEXT,
  applied     INTEGER NOT NULL,
  detail      TEXT
);
CREATE INDEX sale_events_by_sale ON sale_events (sale_id, id);

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      INTEGER NOT NULL,
  actor   TEXT,
  action  TEXT NOT NULL,
  sale_id TEXT,
  detail  TEXT
);
`;
