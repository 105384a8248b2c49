// Head office (issue 11): a durable outbox of the sales whose state head office has not heard yet.
// Triggers fill it, so no code path that writes a sale or a refund can forget to (and a crash between
// the write and the send loses nothing: the row is in the same transaction as the change). The sender
// (electron/core/head-office/) posts each queued sale's current state and deletes the row only after
// the relay answered 2xx, and only if no newer change re-queued it meanwhile (the version).
//
// The version is this till's own hybrid clock: max(previous + 1, wall-clock ms). It only grows, so the
// relay keeps the newest state of a sale whatever order batches arrive in, and after a restore from
// an older backup the wall clock still puts new changes ahead of what head office already has.
// A change of the shop's time zone or business-day start re-queues every sale: business days are
// computed on the till and sent with each sale. Sales already in the ledger are queued once here, so a
// till that turns head office on sends its history.
export const name = 'head-office-outbox';

const bump = `UPDATE head_office_clock SET value = max(value + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER)) WHERE id = 1;`;
// Delete, then insert: never a conflict clause in a trigger, because the statement that fired it
// imposes its own (an upsert's ABORT, an INSERT OR IGNORE's IGNORE would silently keep the old version).
const enqueue = (saleId: string) =>
  `DELETE FROM head_office_outbox WHERE sale_id = ${saleId};
  INSERT INTO head_office_outbox (sale_id, version) VALUES (${saleId}, (SELECT value FROM head_office_clock WHERE id = 1));`;
const enqueueAll = `DELETE FROM head_office_outbox;
  INSERT INTO head_office_outbox (sale_id, version) SELECT id, (SELECT value FROM head_office_clock WHERE id = 1) FROM sales;`;

export const sql = `
CREATE TABLE head_office_clock (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  value INTEGER NOT NULL
);
INSERT INTO head_office_clock (id, value) VALUES (1, CAST(unixepoch('subsec') * 1000 AS INTEGER));

-- parked: the relay refused this very version for good (a 400 or 403 for the sale alone, e.g. a sale
-- rung up under an earlier POS_TILL_ID): set aside so the rest still flows, tried again at the next
-- start or when the sale changes (a change re-inserts the row unparked).
CREATE TABLE head_office_outbox (
  sale_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  parked  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX head_office_outbox_by_version ON head_office_outbox (parked, version);
INSERT INTO head_office_outbox (sale_id, version) SELECT id, (SELECT value FROM head_office_clock WHERE id = 1) FROM sales;

CREATE TRIGGER head_office_sale_inserted AFTER INSERT ON sales BEGIN
  ${bump}
  ${enqueue('NEW.id')}
END;
CREATE TRIGGER head_office_sale_updated
  AFTER UPDATE OF status, amount, currency, tender, cashier, cashier_id, paid_at, mode, account, till_id, created_at ON sales BEGIN
  ${bump}
  ${enqueue('NEW.id')}
END;
CREATE TRIGGER head_office_refund_inserted AFTER INSERT ON refunds BEGIN
  ${bump}
  ${enqueue('NEW.sale_id')}
END;
CREATE TRIGGER head_office_refund_updated AFTER UPDATE OF status, amount, tender, created_at, sale_id ON refunds BEGIN
  ${bump}
  ${enqueue('NEW.sale_id')}
END;
CREATE TRIGGER head_office_day_setting_inserted AFTER INSERT ON settings WHEN NEW.key IN ('timeZone', 'dayStartHour') BEGIN
  ${bump}
  ${enqueueAll}
END;
CREATE TRIGGER head_office_day_setting_updated AFTER UPDATE OF value ON settings
  WHEN NEW.key IN ('timeZone', 'dayStartHour') AND NEW.value IS NOT OLD.value BEGIN
  ${bump}
  ${enqueueAll}
END;
`;
