// Every tender and every shift. Sales gain their tender (PromptPay through Stripe, cash, or the shop's
// own PromptPay QR confirmed by hand), the cash handed over, the shift they were rung up in and Stripe's
// fee. Refunds gain their tender and shift (cash handed back comes out of a drawer). Shifts hold the
// float and the counted cash; cash movements are pay-ins and pay-outs; Z reports are the numbered,
// immutable close of a till's business day (triggers refuse any change).
export const name = 'tenders-and-shifts';
export const sql = `
ALTER TABLE sales ADD COLUMN tender TEXT NOT NULL DEFAULT 'promptpay' CHECK (tender IN ('promptpay','cash','promptpay_manual'));
ALTER TABLE sales ADD COLUMN cash_tendered INTEGER CHECK (cash_tendered IS NULL OR cash_tendered >= amount);
-- Who confirmed a hand-confirmed PromptPay sale (the cashier's word, not Stripe's).
ALTER TABLE sales ADD COLUMN confirmed_by TEXT;
ALTER TABLE sales ADD COLUMN shift_id TEXT;
-- Stripe's fee for a paid PromptPay sale (satang), from its balance transaction; NULL until known.
ALTER TABLE sales ADD COLUMN stripe_fee INTEGER;
CREATE INDEX sales_by_shift ON sales (shift_id, tender, status) WHERE shift_id IS NOT NULL;

ALTER TABLE refunds ADD COLUMN tender TEXT NOT NULL DEFAULT 'promptpay' CHECK (tender IN ('promptpay','cash','promptpay_manual'));
ALTER TABLE refunds ADD COLUMN shift_id TEXT;
CREATE INDEX refunds_by_shift ON refunds (shift_id, tender) WHERE shift_id IS NOT NULL;

CREATE TABLE shifts (
  id            TEXT PRIMARY KEY,
  till_id       TEXT NOT NULL,
  number        INTEGER NOT NULL CHECK (number >= 1),
  opened_at     INTEGER NOT NULL,
  opened_by     TEXT,
  opened_by_id  TEXT,
  float_amount  INTEGER NOT NULL CHECK (float_amount >= 0),
  closed_at     INTEGER,
  closed_by     TEXT,
  counted_cash  INTEGER CHECK (counted_cash IS NULL OR counted_cash >= 0),
  expected_cash INTEGER,
  close_note    TEXT,
  UNIQUE (till_id, number)
);
-- One open shift per till: the drawer is counted before another starts.
CREATE UNIQUE INDEX shifts_one_open ON shifts (till_id) WHERE closed_at IS NULL;
CREATE INDEX shifts_by_opened ON shifts (till_id, opened_at);

CREATE TABLE cash_movements (
  id         TEXT PRIMARY KEY,
  shift_id   TEXT NOT NULL REFERENCES shifts (id),
  kind       TEXT NOT NULL CHECK (kind IN ('pay_in','pay_out')),
  amount     INTEGER NOT NULL CHECK (amount > 0),
  reason     TEXT NOT NULL CHECK (length(reason) > 0),
  actor      TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX cash_movements_by_shift ON cash_movements (shift_id, created_at);

CREATE TABLE z_reports (
  id            TEXT PRIMARY KEY,
  till_id       TEXT NOT NULL,
  number        INTEGER NOT NULL CHECK (number >= 1),
  business_date TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  created_by    TEXT,
  report        TEXT NOT NULL,
  UNIQUE (till_id, number),
  UNIQUE (till_id, business_date)
);
CREATE TRIGGER z_reports_never_change BEFORE UPDATE ON z_reports BEGIN SELECT RAISE(ABORT, 'a Z report never changes'); END;
CREATE TRIGGER z_reports_never_removed BEFORE DELETE ON z_reports BEGIN SELECT RAISE(ABORT, 'a Z report is never removed'); END;
`;
