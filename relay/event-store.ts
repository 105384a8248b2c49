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
  /**
   * `<shopId>/<tillId>` from the object's metadata (event-routing.ts). Absent or null: the log takes the
   * key of an earlier stored event of `paymentIntent` (same account), if any; else the event has none.
   */
  tillKey?: string | null;
  /** The PaymentIntent the event's object is or names. */
  paymentIntent?: string | null;
}

export interface StoredEvent extends NewStoredEvent {
  seq: number;
  /** Whose till the event was routed to at ingest; null: no till's (only account-wide tokens get it). */
  tillKey: string | null;
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
  till_key: string | null;
}

export class EventStoreVersionError extends Error {}

/** Whose events a till may see. */
export interface EventScope {
  /** A connected account (acct_…), or null for the endpoint's own account (events without `account`). */
  account: string | null;
  /** Only live (true) or test (false) events; null: both. */
  livemode: boolean | null;
  /**
   * A till bound to its shop and till (RELAY_TILL_IDENTITIES): only events routed to this
   * `<shopId>/<tillId>`. Null or absent: every event of the account (an unbound token).
   */
  tillKey?: string | null;
}

/** Whether a stored event is one a till with `scope` may see (the in-memory paths; SQL says the same). */
export function eventInScope(event: StoredEvent, scope: EventScope | null): boolean {
  if (scope === null) return true;
  return (
    event.account === scope.account &&
    (scope.livemode === null || event.livemode === scope.livemode) &&
    (scope.tillKey == null || event.tillKey === scope.tillKey)
  );
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

  // Without a key of its own, an event takes the one its PaymentIntent's latest routed event got (a
  // refund made in the dashboard, a Charge): in the inserting statement, so the two cannot disagree.
  const insertEvent = db.prepare(
    `INSERT INTO events (event_id, account, type, livemode, created, received_at, body, signature, till_key, payment_intent)
     VALUES (@eventId, @account, @type, @livemode, @created, @receivedAt, @body, @signature,
       COALESCE(@tillKey, (SELECT till_key FROM events
                            WHERE @paymentIntent IS NOT NULL AND payment_intent = @paymentIntent
                              AND account IS @account AND till_key IS NOT NULL
                            ORDER BY seq DESC LIMIT 1)),
       @paymentIntent)
     ON CONFLICT (event_id) DO NOTHING`,
  );
  const seqOfEvent = db.prepare('SELECT seq FROM events WHERE event_id = ?').pluck();
  const listAll = db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
  const listInScope = db.prepare(
    `SELECT * FROM events
     WHERE seq > @after AND account IS @account AND (@livemode IS NULL OR livemode = @livemode)
     ORDER BY seq LIMIT @limit`,
  );
  // A bound till's catch-up: the (till_key, seq) index serves it.
  const listForTill = db.prepare(
    `SELECT * FROM events
     WHERE till_key = @tillKey AND seq > @after AND account IS @account AND (@livemode IS NULL OR livemode = @livemode)
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
      const result = insertEvent.run({
        ...event,
        livemode: event.livemode === null ? null : Number(event.livemode),
        tillKey: event.tillKey ?? null,
        paymentIntent: event.paymentIntent ?? null,
      });
      if (result.changes === 1) return { seq: Number(result.lastInsertRowid), duplicate: false };
      return { seq: seqOfEvent.get(event.eventId) as number, duplicate: true };
    },
    listAfter(afterSeq, scope, limit) {
      if (scope === null) return (listAll.all(afterSeq, limit) as EventRow[]).map(fromRow);
      const params = {
        after: afterSeq,
        account: scope.account,
        livemode: scope.livemode === null ? null : Number(scope.livemode),
        limit,
      };
      const rows = (scope.tillKey == null ? listInScope.all(params) : listForTill.all({ ...params, tillKey: scope.tillKey })) as EventRow[];
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
    tillKey: row.till_key,
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
