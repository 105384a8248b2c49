// New QR on the same sale: each further QR attempt on a sale's PaymentIntent (attempt 1, the create's
// QR, has no row). An answer from Stripe asked for before an attempt began belongs to an earlier one.
export const name = 'qr-attempts';
export const sql = `
CREATE TABLE qr_attempts (
  sale_id    TEXT NOT NULL REFERENCES sales (id),
  attempt    INTEGER NOT NULL CHECK (attempt >= 2),
  started_at INTEGER NOT NULL,
  PRIMARY KEY (sale_id, attempt)
);
`;
