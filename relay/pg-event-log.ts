// The event log in PostgreSQL (RELAY_DATABASE_URL), shared by several relay instances behind a load
// balancer. The table is the truth; NOTIFY only wakes instances up:
//   - Inserting bumps relay_counters.last_seq in the same statement. That row stays locked until
//     COMMIT, so events become visible in seq order: once a reader sees seq N, every event below N
//     that will ever exist is visible too, and `seq > cursor` never skips a late committer.
//   - A trigger NOTIFYs at COMMIT. Each instance LISTENs on one connection and then reads the table
//     from where it got to; a NOTIFY lost (listener reconnecting) only delays until the next poll.
//   - Each instance keeps the newest events in memory (the "tail"): a wake-up costs one query per
//     instance, not one per connected till. Tills further behind read the table directly.
// Dedupe (Stripe event id) is the table's UNIQUE constraint, so it holds across instances.
import { Client, Pool } from 'pg';
import { eventInScope, type EventScope, type InsertResult, type NewStoredEvent, type StoredEvent } from './event-store';
import type { RelayMigration } from './event-store-migrations';
import type { EventLog, EventPage } from './event-log';
import { migratePgEventLog, PG_RELAY_MIGRATIONS } from './pg-event-log-migrations';

export const PG_NOTIFY_CHANNEL = 'relay_events';
export const DEFAULT_PG_POLL_INTERVAL_MS = 2_000;
export const DEFAULT_PG_POOL_SIZE = 10;
/** Events kept in memory per instance; tills within this distance of the newest read no SQL. */
export const DEFAULT_TAIL_EVENTS = 2_000;
const TAIL_MAX_BYTES = 16 * 1024 * 1024;
const REFRESH_PAGE = 500;
const LISTENER_RETRY_MS = 1_000;

export interface PgEventLogOptions {
  /** Backstop for lost NOTIFYs: how often the table is read for events nobody announced. */
  pollIntervalMs?: number;
  poolSize?: number;
  tailEvents?: number;
  migrations?: readonly RelayMigration[];
  log?: (message: string) => void;
}

interface EventRow {
  seq: string;
  event_id: string;
  account: string | null;
  type: string;
  livemode: boolean | null;
  created: string;
  received_at: string;
  body: Buffer;
  signature: string;
  till_key: string | null;
}

const EVENT_COLUMNS = 'e.seq, e.event_id, e.account, e.type, e.livemode, e.created, e.received_at, e.body, e.signature, e.till_key';

function fromRow(row: EventRow): StoredEvent {
  return {
    seq: Number(row.seq),
    eventId: row.event_id,
    account: row.account,
    type: row.type,
    livemode: row.livemode,
    created: Number(row.created),
    receivedAt: Number(row.received_at),
    body: row.body,
    signature: row.signature,
    tillKey: row.till_key,
  };
}

/** `postgres://host:port/db` without user or password, for logs. */
export function describePgUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `PostgreSQL ${parsed.host || 'local socket'}${parsed.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

export async function openPgEventLog(url: string, options: PgEventLogOptions = {}): Promise<EventLog> {
  const log = options.log ?? (() => {});
  const pool = new Pool({ connectionString: url, max: options.poolSize ?? DEFAULT_PG_POOL_SIZE });
  // An idle pooled connection that dies (database restart) must not crash the relay; the pool replaces it.
  pool.on('error', (error) => log(`database: idle connection lost (${error.message})`));

  try {
    const client = await pool.connect();
    try {
      await migratePgEventLog(client, options.migrations ?? PG_RELAY_MIGRATIONS);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }

  const counters = async (): Promise<{ lastSeq: number; prunedThrough: number }> => {
    const { rows } = await pool.query<{ name: string; value: string }>('SELECT name, value FROM relay_counters');
    const value = (name: string) => Number(rows.find((row) => row.name === name)?.value ?? 0);
    return { lastSeq: value('last_seq'), prunedThrough: value('pruned_through') };
  };

  // The tail: every event with low < seq <= high, as committed (the counter commits with its event,
  // so everything up to the committed last_seq is visible now), minus what retention had deleted.
  const start = await counters();
  const tailLimit = options.tailEvents ?? DEFAULT_TAIL_EVENTS;
  let tail: StoredEvent[] = [];
  let tailBytes = 0;
  let high = start.lastSeq;
  let low = Math.max(start.lastSeq, start.prunedThrough);
  let prunedThroughSeen = start.prunedThrough;
  const listeners: (() => void)[] = [];
  let closed = false;
  const isOpen = () => !closed;

  const trimTail = () => {
    // Oldest first: over the size limits, or deleted by retention (those tills must read the table,
    // where the page comes with the retention mark).
    let drop = 0;
    while (drop < tail.length && (tail.length - drop > tailLimit || tailBytes > TAIL_MAX_BYTES || tail[drop].seq <= prunedThroughSeen)) {
      tailBytes -= tail[drop].body.length;
      drop += 1;
    }
    if (drop > 0) {
      low = tail[drop - 1].seq;
      tail = tail.slice(drop);
    }
    if (prunedThroughSeen > low) low = Math.min(prunedThroughSeen, high);
    if (tail.length === 0) low = high;
  };

  /** Reads events committed since the last read; true when there is news for the streams. */
  const pullNewEvents = async (): Promise<boolean> => {
    let grew = false;
    for (;;) {
      // One statement, one snapshot: the page and the retention mark agree.
      const { rows } = await pool.query<EventRow & { pruned_through: string }>(
        `SELECT c.value AS pruned_through, ${EVENT_COLUMNS}
           FROM relay_counters c
           LEFT JOIN LATERAL (SELECT * FROM relay_events WHERE seq > $1 ORDER BY seq LIMIT $2) e ON true
          WHERE c.name = 'pruned_through'
          ORDER BY e.seq`,
        [high, REFRESH_PAGE],
      );
      const prunedThrough = Number(rows[0]?.pruned_through ?? 0);
      // Another instance pruned: lagging tills here learn of the gap on their next read.
      if (prunedThrough > prunedThroughSeen) {
        prunedThroughSeen = prunedThrough;
        grew = true;
      }
      const events = rows.filter((row) => row.seq !== null).map(fromRow);
      for (const event of events) {
        tail.push(event);
        tailBytes += event.body.length;
        high = event.seq;
        grew = true;
      }
      trimTail();
      if (events.length < REFRESH_PAGE) return grew;
    }
  };

  // One read at a time; a wake-up during a read asks for one more read after it.
  let refreshing: Promise<void> | null = null;
  let again = false;
  const refresh = (): Promise<void> => {
    if (closed) return Promise.resolve();
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      try {
        let grew = false;
        do {
          again = false;
          if (await pullNewEvents()) grew = true;
          // `again` and `closed` change while the read awaits.
        } while (again && isOpen());
        if (grew) for (const listener of listeners) listener();
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  };
  // Logged when reading starts failing and when it recovers, not on every poll of an outage.
  let readFailing = false;
  const refreshQuietly = () => {
    refresh().then(
      () => {
        if (readFailing) log('database: reading events again');
        readFailing = false;
      },
      (error: unknown) => {
        if (!readFailing) log(`database: could not read new events (${(error as Error).message}); retrying every poll`);
        readFailing = true;
      },
    );
  };

  // The wake-up: one LISTEN connection per instance, re-established when it drops.
  let listener: Client | null = null;
  let listenerRetry: NodeJS.Timeout | null = null;
  const listen = async () => {
    const client = new Client({ connectionString: url });
    const lost = (reason: string) => {
      if (listener !== client) return;
      listener = null;
      client.end().catch(() => {});
      if (closed) return;
      log(`database: event wake-ups lost (${reason}); reconnecting, polling meanwhile`);
      listenerRetry = setTimeout(() => void listen(), LISTENER_RETRY_MS);
      listenerRetry.unref();
    };
    listener = client;
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('connection ended'));
    client.on('notification', () => refreshQuietly());
    try {
      await client.connect();
      await client.query(`LISTEN ${PG_NOTIFY_CHANNEL}`);
    } catch (error) {
      lost((error as Error).message);
      return;
    }
    // Whatever was committed while nobody here was listening.
    refreshQuietly();
  };
  await listen();
  const poll = setInterval(refreshQuietly, options.pollIntervalMs ?? DEFAULT_PG_POLL_INTERVAL_MS);
  poll.unref();

  const selectPage = async (afterSeq: number, scope: EventScope | null, limit: number): Promise<EventPage> => {
    const params: unknown[] = [afterSeq, limit];
    let where = 'seq > $1';
    if (scope !== null) {
      // Spelled per case so that the (account, seq) index serves both.
      if (scope.account === null) where += ' AND account IS NULL';
      else where += ` AND account = $${params.push(scope.account)}`;
      if (scope.livemode !== null) where += ` AND livemode = $${params.push(scope.livemode)}`;
      // A bound till: only its own events (the (till_key, seq) index).
      if (scope.tillKey != null) where += ` AND till_key = $${params.push(scope.tillKey)}`;
    }
    const { rows } = await pool.query<EventRow & { pruned_through: string }>(
      `SELECT c.value AS pruned_through, ${EVENT_COLUMNS}
         FROM relay_counters c
         LEFT JOIN LATERAL (SELECT * FROM relay_events WHERE ${where} ORDER BY seq LIMIT $2) e ON true
        WHERE c.name = 'pruned_through'
        ORDER BY e.seq`,
      params,
    );
    return {
      prunedThrough: Number(rows[0]?.pruned_through ?? 0),
      events: rows.filter((row) => row.seq !== null).map(fromRow),
    };
  };

  // Without a key of its own, an event takes the one its PaymentIntent's latest routed event got (a
  // refund made in the dashboard, a Charge), whichever instance stored that one: the table is shared.
  const insertStatement = `
    WITH next AS (UPDATE relay_counters SET value = value + 1 WHERE name = 'last_seq' RETURNING value)
    INSERT INTO relay_events (seq, event_id, account, type, livemode, created, received_at, body, signature, till_key, payment_intent)
    SELECT value, $1, $2, $3, $4, $5, $6, $7, $8,
           COALESCE($9::text, (SELECT p.till_key FROM relay_events p
                                 WHERE $10::text IS NOT NULL AND p.payment_intent = $10::text
                                   AND p.account IS NOT DISTINCT FROM $2::text AND p.till_key IS NOT NULL
                                 ORDER BY p.seq DESC LIMIT 1)),
           $10::text
      FROM next
    ON CONFLICT (event_id) DO NOTHING
    RETURNING seq`;

  return {
    description: describePgUrl(url),

    async insert(event: NewStoredEvent): Promise<InsertResult> {
      const existing = async () =>
        (await pool.query<{ seq: string }>('SELECT seq FROM relay_events WHERE event_id = $1', [event.eventId])).rows[0];
      // Stripe's retries of an event already kept: answered without taking the counter's lock.
      const known = await existing();
      if (known) return { seq: Number(known.seq), duplicate: true };
      // Autocommit: the query resolves after COMMIT, so the caller's 200 follows durability.
      const inserted = await pool.query<{ seq: string }>(insertStatement, [
        event.eventId,
        event.account,
        event.type,
        event.livemode,
        event.created,
        event.receivedAt,
        event.body,
        event.signature,
        event.tillKey ?? null,
        event.paymentIntent ?? null,
      ]);
      if (inserted.rows[0]) {
        // This instance's tills need not wait for the NOTIFY round trip.
        refreshQuietly();
        return { seq: Number(inserted.rows[0].seq), duplicate: false };
      }
      // Another instance stored the same event a moment ago (its seq number is simply skipped).
      const winner = await existing();
      return { seq: winner ? Number(winner.seq) : 0, duplicate: true };
    },

    async readAfter(afterSeq, scope, limit) {
      // Within the tail, everything committed up to `high` is in memory (and none of it was pruned
      // when read); newer events arrive with the next wake-up, which pumps the streams again.
      if (afterSeq >= low) {
        const events: StoredEvent[] = [];
        let index = firstAfter(tail, afterSeq);
        for (; index < tail.length && events.length < limit; index += 1) {
          if (eventInScope(tail[index], scope)) events.push(tail[index]);
        }
        return { events, prunedThrough: prunedThroughSeen };
      }
      return selectPage(afterSeq, scope, limit);
    },

    async count() {
      return Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM relay_events')).rows[0].n);
    },
    async lastReceivedAt() {
      const value = (await pool.query<{ at: string | null }>('SELECT max(received_at) AS at FROM relay_events')).rows[0].at;
      return value === null ? null : Number(value);
    },
    highestSeqAssigned: async () => (await counters()).lastSeq,
    prunedThrough: async () => (await counters()).prunedThrough,

    async pruneReceivedBefore(cutoffMs) {
      // One statement: the deletion and the retention mark commit together, so a reader that misses
      // deleted events also sees the mark (and tells its till). Two instances pruning at once each
      // delete only what is still there; the mark only grows.
      const { rows } = await pool.query<{ deleted: string; pruned_through: string }>(
        `WITH gone AS (DELETE FROM relay_events WHERE received_at < $1 RETURNING seq),
              summary AS (SELECT count(*) AS deleted, max(seq) AS top FROM gone),
              mark AS (
                UPDATE relay_counters SET value = GREATEST(value, summary.top)
                  FROM summary WHERE name = 'pruned_through' AND summary.top IS NOT NULL
                RETURNING value
              ),
              -- Wakes the other instances, which drop the deleted events from memory.
              wake AS (SELECT pg_notify('${PG_NOTIFY_CHANNEL}', 'pruned') FROM summary WHERE summary.top IS NOT NULL)
         SELECT summary.deleted, COALESCE((SELECT value FROM mark), 0) AS pruned_through, (SELECT count(*) FROM wake) AS woken
           FROM summary`,
        [cutoffMs],
      );
      const deleted = Number(rows[0].deleted);
      prunedThroughSeen = Math.max(prunedThroughSeen, Number(rows[0].pruned_through));
      trimTail();
      return deleted;
    },

    onNewEvents(callback) {
      listeners.push(callback);
    },

    async close() {
      if (closed) return;
      closed = true;
      clearInterval(poll);
      if (listenerRetry) clearTimeout(listenerRetry);
      const client = listener;
      listener = null;
      await client?.end().catch(() => {});
      await refreshing?.catch(() => {});
      await pool.end();
    },
  };
}

/** Index of the first event with seq > `afterSeq` (the tail is sorted by seq). */
function firstAfter(events: readonly StoredEvent[], afterSeq: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid].seq <= afterSeq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
