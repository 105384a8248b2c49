// Caller-supplied idempotency for charges: a retried POST /payments/intents (Idempotency-Key header)
// or sales.charge (requestId) finds the sale it already made instead of making a second one.
// Namespaced by who asked ('rest:<key>', 'till:<requestId>'). SQLite cannot ADD a UNIQUE column, so the
// uniqueness is a unique index; NULLs (sales without a key) never collide.
export const name = 'request-keys';
export const sql = `
ALTER TABLE sales ADD COLUMN request_key TEXT;
CREATE UNIQUE INDEX sales_by_request_key ON sales (request_key);
`;
