// Demo, test and live money never mix: every sale records the Stripe mode and account it was taken
// in, and the ledger records the mode/account it is bound to (one row; a change needs a manager's PIN).
// Reports, exports and history cover the bound mode+account only, so the report index leads with them.
//
// Sales from before this migration: those whose QR points at the embedded simulator on loopback were
// demo sales ('demo'). The others were taken with a real key whose mode the ledger never knew; they
// keep mode NULL until the ledger is first bound to a test or live key, which adopts them (a shop
// upgrades the same till with the same key; see stripe-binding.ts).
export const name = 'stripe-mode';
export const sql = `
ALTER TABLE sales ADD COLUMN mode TEXT CHECK (mode IN ('demo','test','live'));
ALTER TABLE sales ADD COLUMN account TEXT;
UPDATE sales SET mode = 'demo'
  WHERE qr_image_url LIKE 'http://127.0.0.1:%' OR qr_image_url LIKE 'http://localhost:%'
     OR qr_data LIKE 'http://127.0.0.1:%' OR qr_data LIKE 'http://localhost:%';

CREATE TABLE stripe_binding (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  mode            TEXT NOT NULL CHECK (mode IN ('demo','test','live')),
  account         TEXT,
  key_fingerprint TEXT,
  bound_at        INTEGER NOT NULL
);

DROP INDEX sales_report;
CREATE INDEX sales_report ON sales (mode, account, created_at, status, amount, till_id, cashier_id);
`;
