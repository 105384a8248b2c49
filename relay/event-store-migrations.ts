// The relay database's schema, as numbered steps. Append only: a step that has shipped is never
// edited; a change is a new step. Each is applied once, in its own transaction, and recorded in
// schema_migrations (the same discipline as the till's ledger).

export interface RelayMigration {
  version: number;
  name: string;
  sql: string;
}

export const RELAY_MIGRATIONS: readonly RelayMigration[] = [
  {
    version: 1,
    name: 'events',
    sql: `
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        account TEXT,
        type TEXT NOT NULL,
        created INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        body BLOB NOT NULL,
        signature TEXT NOT NULL
      );
      CREATE INDEX events_received_at ON events (received_at);
      CREATE INDEX events_account_seq ON events (account, seq);
      CREATE TABLE relay_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    version: 2,
    name: 'event-livemode',
    // Tills are bound to live or test mode; events stored before this step get it from their body.
    sql: `
      ALTER TABLE events ADD COLUMN livemode INTEGER;
      UPDATE events SET livemode = json_extract(CAST(body AS TEXT), '$.livemode')
        WHERE json_valid(CAST(body AS TEXT));
    `,
  },
  {
    version: 3,
    name: 'event-till-key',
    // Till-scoped streams (issue 11): which shop/till each event belongs to, decided at ingest, and the
    // PaymentIntent it names (to route a later refund without metadata). Earlier events stay null:
    // bound tills do not get them, and they age out with retention.
    sql: `
      ALTER TABLE events ADD COLUMN till_key TEXT;
      ALTER TABLE events ADD COLUMN payment_intent TEXT;
      CREATE INDEX events_till_key_seq ON events (till_key, seq);
      CREATE INDEX events_payment_intent ON events (payment_intent, seq);
    `,
  },
];
