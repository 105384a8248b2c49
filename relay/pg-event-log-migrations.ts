// The relay's PostgreSQL schema, as numbered steps (append only, like event-store-migrations.ts for
// SQLite), and the runner that applies them. Several relay instances start against one database, so
// each step runs in a transaction holding a transaction-scoped advisory lock and re-checks what is
// applied once it holds the lock: two instances migrating at once apply each step exactly once.
// Table names start with relay_ because head office keeps its own tables in the same database.
import type { PoolClient } from 'pg';
import { EventStoreVersionError } from './event-store';
import type { RelayMigration } from './event-store-migrations';

/** The advisory lock key (pg_advisory_xact_lock(bigint)) for the relay event log's migrations. */
export const PG_MIGRATION_LOCK_KEY = 7_311_042_011;

export const PG_RELAY_MIGRATIONS: readonly RelayMigration[] = [
  {
    version: 1,
    name: 'events',
    // seq comes from relay_counters.last_seq, bumped in the inserting statement: that row lock is held
    // until COMMIT, so events commit in seq order and a reader reading `seq > cursor` never skips an
    // event that commits later with a smaller seq. The counter also keeps seqs from ever being reused
    // after pruning. The trigger wakes every instance (NOTIFY is delivered at COMMIT, never before).
    sql: `
      CREATE TABLE relay_events (
        seq BIGINT PRIMARY KEY,
        event_id TEXT NOT NULL UNIQUE,
        account TEXT,
        type TEXT NOT NULL,
        livemode BOOLEAN,
        created BIGINT NOT NULL,
        received_at BIGINT NOT NULL,
        body BYTEA NOT NULL,
        signature TEXT NOT NULL
      );
      CREATE INDEX relay_events_received_at ON relay_events (received_at);
      CREATE INDEX relay_events_account_seq ON relay_events (account, seq);
      CREATE TABLE relay_counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
      INSERT INTO relay_counters (name, value) VALUES ('last_seq', 0), ('pruned_through', 0);
      CREATE FUNCTION relay_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('relay_events', NEW.seq::text);
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER relay_events_notify AFTER INSERT ON relay_events
        FOR EACH ROW EXECUTE FUNCTION relay_events_notify();
    `,
  },
  {
    version: 2,
    name: 'event-till-key',
    // Till-scoped streams (issue 11): which shop/till each event belongs to, decided at ingest, and the
    // PaymentIntent it names (to route a later refund without metadata, from any instance). Earlier
    // events stay null: bound tills do not get them, and they age out with retention. Adding nullable
    // columns without a default rewrites nothing, so a large table is not locked for long.
    sql: `
      ALTER TABLE relay_events ADD COLUMN till_key TEXT, ADD COLUMN payment_intent TEXT;
      CREATE INDEX relay_events_till_key_seq ON relay_events (till_key, seq);
      CREATE INDEX relay_events_payment_intent ON relay_events (payment_intent, seq);
    `,
  },
];

const MIGRATIONS_TABLE = 'relay_schema_migrations';

function refuse(found: string, newest: number): EventStoreVersionError {
  return new EventStoreVersionError(
    `The relay's PostgreSQL database has ${found}, which this relay does not know (it knows up to ${newest}). ` +
      'Run the newer relay, or point RELAY_DATABASE_URL at another database; the database was not changed.',
  );
}

/** Applies the missing steps; refuses (changing nothing) a database with a step this relay does not know. */
export async function migratePgEventLog(client: PoolClient, migrations: readonly RelayMigration[] = PG_RELAY_MIGRATIONS): Promise<void> {
  const newest = Math.max(...migrations.map((m) => m.version));
  const known = new Map(migrations.map((m) => [m.version, m]));

  const inLockedTransaction = async <T>(work: () => Promise<T>): Promise<T> => {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [PG_MIGRATION_LOCK_KEY]);
      const result = await work();
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  };
  const applied = async () =>
    (await client.query<{ version: number; name: string }>(`SELECT version, name FROM ${MIGRATIONS_TABLE} ORDER BY version`)).rows;

  await inLockedTransaction(async () => {
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`,
    );
    for (const row of await applied()) {
      if (known.get(row.version)?.name !== row.name) throw refuse(`migration ${row.version} (${row.name})`, newest);
    }
  });

  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    await inLockedTransaction(async () => {
      // Another instance may have applied it while this one waited for the lock.
      if ((await applied()).some((row) => row.version === migration.version)) return;
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (version, name, applied_at) VALUES ($1, $2, $3)`, [
        migration.version,
        migration.name,
        Date.now(),
      ]);
    });
  }
}
