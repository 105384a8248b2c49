// Push delivery (webhooks, relay) and event-log reconciliation: which Stripe events were processed
// (dedupe survives restarts), and where each push path left off.
export const name = 'stripe-events';
export const sql = `
CREATE TABLE stripe_events (
  id           TEXT PRIMARY KEY,
  type         TEXT NOT NULL,
  created      INTEGER NOT NULL,
  received_at  INTEGER NOT NULL,
  via          TEXT NOT NULL,
  outcome      TEXT NOT NULL
);
CREATE INDEX stripe_events_by_created ON stripe_events (created);

CREATE TABLE push_cursors (
  name   TEXT PRIMARY KEY,
  value  TEXT NOT NULL,
  at     INTEGER NOT NULL
);
`;
