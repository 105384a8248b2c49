// What the relay's routes, till streams and retention need from the event log, whichever database
// holds it: the embedded SQLite file (one relay process; the default) or PostgreSQL (several relay
// instances sharing one log; RELAY_DATABASE_URL). Async because PostgreSQL is across a socket; the
// SQLite adapter answers from synchronous better-sqlite3 calls, so its path costs only a microtask.
import type { EventScope, EventStore, InsertResult, NewStoredEvent, StoredEvent } from './event-store';

export interface EventPage {
  events: StoredEvent[];
  /** The highest seq deleted by retention when the page was read (0 when none). */
  prunedThrough: number;
}

export interface EventLog {
  /** Where events live, for the start-up line (never a credential). */
  readonly description: string;
  /**
   * Stores the event durably (resolved only after COMMIT, so Stripe hears 200 only for what is kept),
   * once per Stripe event id across every instance sharing the log.
   */
  insert(event: NewStoredEvent): Promise<InsertResult>;
  /**
   * Up to `limit` events with seq > `afterSeq` within `scope` (null: every event), oldest first, and
   * the retention mark as of the same moment: a page read just after another instance pruned must come
   * with the mark that says so, or a till could pass over deleted events without being told.
   */
  readAfter(afterSeq: number, scope: EventScope | null, limit: number): Promise<EventPage>;
  count(): Promise<number>;
  lastReceivedAt(): Promise<number | null>;
  /** The highest seq ever assigned (0 when none), pruned or not. */
  highestSeqAssigned(): Promise<number>;
  /** The highest seq ever deleted by retention (0 when none): a till behind it may have missed events. */
  prunedThrough(): Promise<number>;
  /** Deletes events received before `cutoffMs`; resolves to how many were deleted. */
  pruneReceivedBefore(cutoffMs: number): Promise<number>;
  /**
   * `listener` runs whenever new events may be readable: after an insert here and, on PostgreSQL, after
   * any instance's insert (NOTIFY) or a periodic check. Streams then read the log from their cursor.
   */
  onNewEvents(listener: () => void): void;
  close(): Promise<void>;
}

/** The embedded default: one relay process owns the SQLite file, so its own inserts are all there is. */
export function sqliteEventLog(store: EventStore, dataDir: string): EventLog {
  const listeners: (() => void)[] = [];
  return {
    description: `SQLite in ${dataDir}`,
    async insert(event) {
      const result = store.insert(event);
      if (!result.duplicate) for (const listener of listeners) listener();
      return result;
    },
    // Both from one synchronous turn: nothing can prune between them.
    readAfter: async (afterSeq, scope, limit) => ({
      prunedThrough: store.prunedThrough(),
      events: store.listAfter(afterSeq, scope, limit),
    }),
    count: async () => store.count(),
    lastReceivedAt: async () => store.lastReceivedAt(),
    highestSeqAssigned: async () => store.highestSeqAssigned(),
    prunedThrough: async () => store.prunedThrough(),
    pruneReceivedBefore: async (cutoffMs) => store.pruneReceivedBefore(cutoffMs),
    onNewEvents(listener) {
      listeners.push(listener);
    },
    close: async () => store.close(),
  };
}
