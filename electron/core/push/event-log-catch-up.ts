// Reads Stripe's event log (GET /v1/events) since the last event it saw and hands what was missed to
// the inbox — one request stream for all sales. Runs at start, after any gap in the push path, and as
// the watcher's every tick. The list is eventually consistent (an event can become visible after
// newer ones), so every read goes back an overlap window before its cursor; the inbox drops repeats.
import type { StripeGateway } from '../stripe/stripe-gateway';
import type { StripeEventView } from '../stripe/stripe-event-view';
import type { PushCursors } from './push-cursors';
import type { StripeEventInbox } from './stripe-event-inbox';
import { RECONCILED_EVENT_TYPES } from './reconciled-event-types';

/** How far before its cursor every read starts again (events may show up in the list late). */
export const EVENT_LOG_OVERLAP_SECONDS = 60;

/** Stripe keeps events for 30 days. */
const EVENT_LOG_RETENTION_SECONDS = 30 * 24 * 3600;
const CURSOR = 'event_log.created';

export interface CatchUpResult {
  seen: number;
  applied: number;
}

export class EventLogCatchUp {
  private running: Promise<CatchUpResult> | null = null;

  constructor(
    private readonly gateway: StripeGateway,
    private readonly inbox: StripeEventInbox,
    private readonly cursors: PushCursors,
    private readonly now: () => number = Date.now,
  ) {}

  /** True once the log has been read at least once (so later starts know where they stand). */
  hasCursor(): boolean {
    return this.cursors.get(CURSOR) !== null;
  }

  /**
   * Applies every event since the cursor (or since `fallbackSinceMs` the first time). Concurrent calls
   * share one run, so a flapping push path cannot multiply requests. `replay` (at start) reads from
   * `fallbackSinceMs` whatever the cursor says and hands every event to the handlers again, seen or
   * not: a crash may have come between recording an event and the change it made.
   */
  async run(fallbackSinceMs: number, via: 'event_log' | 'poll' = 'event_log', replay = false): Promise<CatchUpResult> {
    // A replay is a read of its own: it never settles for a plain catch-up already under way.
    if (replay && this.running) {
      await this.running.catch(() => undefined);
      return this.run(fallbackSinceMs, via, replay);
    }
    this.running ??= this.readLog(fallbackSinceMs, via, replay).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async readLog(fallbackSinceMs: number, via: 'event_log' | 'poll', replay: boolean): Promise<CatchUpResult> {
    const nowSeconds = Math.floor(this.now() / 1000);
    const cursor = this.cursors.get(CURSOR);
    const since = cursor !== null && !replay ? Number(cursor) : Math.floor(fallbackSinceMs / 1000);
    const createdGte = Math.max(since - EVENT_LOG_OVERLAP_SECONDS, nowSeconds - EVENT_LOG_RETENTION_SECONDS);

    const events: StripeEventView[] = [];
    let startingAfter: string | undefined;
    do {
      const page = await this.gateway.listEvents({ createdGte, types: RECONCILED_EVENT_TYPES, startingAfter });
      events.push(...page.events);
      startingAfter = page.hasMore ? page.events.at(-1)?.id : undefined;
    } while (startingAfter);

    // Stripe lists newest first; apply oldest first so the timeline reads naturally.
    events.reverse().sort((a, b) => a.created - b.created);
    let applied = 0;
    for (const event of events) if (this.inbox.receive(event, via, replay) === 'applied') applied += 1;
    // The overlap re-reads what came before; the inbox drops what it has already seen.
    const newest = events.reduce((max, event) => Math.max(max, event.created), cursor !== null ? Math.max(since, Number(cursor)) : since);
    this.cursors.set(CURSOR, String(newest), this.now());
    return { seen: events.length, applied };
  }
}
