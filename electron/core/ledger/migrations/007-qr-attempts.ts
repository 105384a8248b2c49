// New QR on the same sale: each further QR attempt on a sale's PaymentIntent (attempt 1, the create's
// QR, has no row). An answer from Stripe asked for before an attempt began belongs to an earlier one.
// Also: an index for the sales that recently expired or failed (watched for late payments).
export const name = 'qr-attempts';
export const sql = `
CREATE TABLE qr_attempts (
  sale_id    TEXT NOT NULL REFERENCES sales (id),
  attempt    INTEGER NOT NULL CHECK (attempt >= 2),
  started_at INTEGER NOT NULL,
  PRIMARY KEY (sale_id, attempt)
);
-- The watcher asks every tick which sales expired or failed lately (a late payment may still come).
CREATE INDEX sales_recently_closed ON sales (updated_at) WHERE status IN ('expired','failed');
`;
