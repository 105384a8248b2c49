// The relay's durable log of verified Stripe events (SQLite, WAL, fsync on every commit so that an
// event is on disk before Stripe is told 200). Each event gets a sequence number that only ever grows
// (AUTOINCREMENT: never reused, even after pruning), which tills use as their SSE Last-Event-ID.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { RELAY_MIGRATIONS, type RelayMigration } from './event-store-migrations';

export const EVENT_DB_FILE = 'relay-events.sqlite';

export interface NewStoredEvent {
  eventId: string;
  /** `event.account` for a connected account's event; null for the platform account. */
  account: string | null;
  type: string;
  /** Stripe's `event.livemode`; null if the event did not say. */
  livemode: boolean | null;
  /** Stripe's `event.created` (Unix seconds). */
  created: number;
  /** When the relay accepted it (ms since epoch). */
  receivedAt: number;
  /** The request body exactly as Stripe sent it. */
  body: Buffer;
  /** The Stripe-Signature header exactly as Stripe sent it. */
  signature: string;
}

export interface StoredEvent extends NewStoredEvent {
  seq: number;
}

export interface InsertResult {
  seq: number;
  duplicate: boolean;
}

interface EventRow {
  seq: number;
  event_id: string;
  account: string | null;
  type: string;
  livemode: number | null;
  created: number;
  received_at: number;
  body: Buffer;
  signature: string;
}

export class EventStoreVersionError extends Error {}

/** Whose events a till may see. */
export interface EventScope {
  /** A connected account (acct_…), or null for the endpoint's own account (events without `account`). */
  account: string | null;
  /** Only live (true) or test (false) events; null: both. */
  livemode: boolean | null;
}

export interface EventStore {
  insert(event: NewStoredEvent): InsertResult;
  /** Up to `limit` events with seq > `afterSeq` within `scope` (null: every event), oldest first. */
  listAfter(afterSeq: number, scope: EventScope | null, limit: number): StoredEvent[];
  count(): number;
  lastReceivedAt(): number | null;
  /** The highest seq ever assigned (0 when none), pruned or not. */
  highestSeqAssigned(): number;
  /** The highest seq ever deleted by retention (0 when none): a till behind it may have missed events. */
  prunedThrough(): number;
  /** Deletes events received before `cutoffMs`; returns how many were deleted. */
  pruneReceivedBefore(cutoffMs: number): number;
  close(): void;
}

export function openEventStore(dataDir: string, migrations: readonly RelayMigration[] = RELAY_MIGRATIONS): EventStore {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, EVENT_DB_FILE));
  try {
    db.pragma('journal_mode = WAL');
    // FULL: the WAL is fsynced at each commit, so an acknowledged event survives a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }

  const insertEvent = db.prepare(
    `INSERT INTO events (event_id, account, type, livemode, created, received_at, body, signature)
     VALUES (@eventId, @account, @type, @livemode, @created, @receivedAt, @body, @signature)
     ON CONFLICT (event_id) DO NOTHING`,
  );
  const seqOfEvent = db.prepare('SELECT seq FROM events WHERE event_id = ?').pluck();
  const listAll = db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
  const listInScope = db.prepare(
    `SELECT * FROM events
     WHERE seq > @after AND account IS @account AND (@livemode IS NULL OR livemode = @livemode)
     ORDER BY seq LIMIT @limit`,
  );
  const countEvents = db.prepare('SELECT COUNT(*) FROM events').pluck();
  const lastReceived = db.prepare('SELECT MAX(received_at) FROM events').pluck();
  const highestSeq = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").pluck();
  const readMeta = db.prepare('SELECT value FROM relay_meta WHERE key = ?').pluck();
  const writeMeta = db.prepare(
    'INSERT INTO relay_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const maxSeqBefore = db.prepare('SELECT MAX(seq) FROM events WHERE received_at < ?').pluck();
  const deleteBefore = db.prepare('DELETE FROM events WHERE received_at < ?');

  const prune = db.transaction((cutoffMs: number): number => {
    const maxDeleted = maxSeqBefore.get(cutoffMs) as number | null;
    if (maxDeleted == null) return 0;
    const deleted = deleteBefore.run(cutoffMs).changes;
    const previous = Number(readMeta.get('pruned_through') ?? 0);
    writeMeta.run('pruned_through', String(Math.max(previous, maxDeleted)));
    return deleted;
  });

  return {
    insert(event) {
      const result = insertEvent.run({ ...event, livemode: event.livemode === null ? null : Number(event.livemode) });
      if (result.changes === 1) return { seq: Number(result.lastInsertRowid), duplicate: false };
      return { seq: seqOfEvent.get(event.eventId) as number, duplicate: true };
    },
    listAfter(afterSeq, scope, limit) {
      const rows = (
        scope === null
          ? listAll.all(afterSeq, limit)
          : listInScope.all({
              after: afterSeq,
              account: scope.account,
              livemode: scope.livemode === null ? null : Number(scope.livemode),
              limit,
            })
      ) as EventRow[];
      return rows.map(fromRow);
    },
    count: () => countEvents.get() as number,
    lastReceivedAt: () => (lastReceived.get() as number | null) ?? null,
    highestSeqAssigned: () => (highestSeq.get() as number | undefined) ?? 0,
    prunedThrough: () => Number(readMeta.get('pruned_through') ?? 0),
    pruneReceivedBefore: (cutoffMs) => prune(cutoffMs),
    close: () => db.close(),
  };
}

function fromRow(row: EventRow): StoredEvent {
  return {
    seq: row.seq,
    eventId: row.event_id,
    account: row.account,
    type: row.type,
    livemode: row.livemode === null ? null : row.livemode === 1,
    created: row.created,
    receivedAt: row.received_at,
    body: row.body,
    signature: row.signature,
  };
}

function migrate(db: Database.Database, migrations: readonly RelayMigration[]): void {
  const newest = Math.max(...migrations.map((m) => m.version));
  const refuse = (found: string) =>
    new EventStoreVersionError(
      `The relay database has ${found}, which this relay does not know (it knows up to ${newest}). ` +
        'Run the newer relay, or point RELAY_DATA_DIR at a fresh directory; the database was not changed.',
    );

  const tracked = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!tracked) {
    // Relays before numbered steps marked their schema with user_version = 1 (and 0 is a new file).
    const legacy = db.pragma('user_version', { simple: true }) as number;
    if (legacy > 1) throw refuse(`schema ${legacy}`);
    db.transaction(() => {
      db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
      if (legacy === 1) {
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, ?, ?)').run(migrations[0].name, Date.now());
      }
    })();
  }

  const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of applied) {
    if (known.get(row.version)?.name !== row.name) throw refuse(`migration ${row.version} (${row.name})`);
  }
  const done = new Set(applied.map((row) => row.version));
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
      // A relay from before numbered steps reads only this, and refuses anything above 1.
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
