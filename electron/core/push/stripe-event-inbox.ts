// Every Stripe event, whichever way it came (local webhook, relay, event log), enters here: it is
// deduplicated by event id (persisted, so a redelivery after a restart is still a duplicate) and
// routed to the same transition functions polling uses. Order does not matter: the transitions are
// forward-only, so a late or repeated event never moves a sale backwards.
//
// An event counts as seen only once its effect is committed. Its row says 'processing' while the
// read of Stripe it started is in flight (so a concurrent redelivery costs nothing), turns 'applied'
// after that read has changed the sale, and is deleted if the read fails. A crash in between leaves
// 'processing', which the next start forgets: the event is then unseen and is applied again.
import type { LedgerDb } from '../ledger/open-ledger';
import type { StripeEventView } from '../stripe/stripe-event-view';
import { RECONCILED_EVENT_TYPES } from './reconciled-event-types';

const KEPT_TYPES: ReadonlySet<string> = new Set(RECONCILED_EVENT_TYPES);

/** `poll`: the watcher's own read of the event log (a change found there was missed by push). */
export type InboxVia = 'webhook' | 'relay' | 'event_log' | 'poll';
/** `applied`: the event concerns this till and was taken in (its effect may still be on its way). */
export type InboxOutcome = 'applied' | 'duplicate' | 'unrelated';

/**
 * What a handler did with an event: false = not ours; true = ours, done (nothing to change, or
 * changed already); a promise = ours, its effect (a read of Stripe, then the change) is committed
 * when it resolves, and failed when it rejects.
 */
export type StripeEventEffect = boolean | Promise<void>;

export interface StripeEventHandler {
  (event: StripeEventView, via: InboxVia): StripeEventEffect;
}

export class StripeEventInbox {
  private readonly handlers: StripeEventHandler[] = [];
  private readonly insertStmt;
  private readonly outcomeStmt;
  private readonly deleteStmt;

  constructor(
    private readonly db: LedgerDb,
    private readonly now: () => number = Date.now,
    /** Keeps an effect's bookkeeping until it is done, so the core's close waits for it. */
    private readonly track: (work: Promise<void>) => void = () => undefined,
  ) {
    this.insertStmt = db.prepare(
      'INSERT OR IGNORE INTO stripe_events (id, type, created, received_at, via, outcome) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.outcomeStmt = db.prepare('UPDATE stripe_events SET outcome = ? WHERE id = ?');
    this.deleteStmt = db.prepare('DELETE FROM stripe_events WHERE id = ?');
    this.forgetUnfinished();
  }

  /** Events whose effect a crash cut short were never seen: forget them so they apply when they come again. */
  forgetUnfinished(): void {
    this.db.prepare("DELETE FROM stripe_events WHERE outcome = 'processing'").run();
  }

  /** Registers a handler for some family of events (payment intents, refunds, …). */
  addHandler(handler: StripeEventHandler): void {
    this.handlers.push(handler);
  }

  /**
   * `replay`: hand the event to the handlers even if it was seen before (at start: a record that an
   * event was applied is not taken for the sale being right; the handlers cost nothing for an event
   * that would change nothing).
   */
  receive(event: StripeEventView, via: InboxVia, replay = false): InboxOutcome {
    // Only the types that can move a sale or a refund (those docs/GOING-LIVE.md subscribes to) are
    // kept. Any other (an endpoint sent every event) is answered without touching the ledger: its two
    // disk flushes would land just as a QR goes out, for payment_intent.created comes with Stripe's answer.
    if (!KEPT_TYPES.has(event.type)) return 'unrelated';
    const claimed = this.insertStmt.run(event.id, event.type, event.created, this.now(), via, 'processing');
    if (claimed.changes === 0) return replay ? this.replay(event, via) : 'duplicate';
    const pending: Promise<void>[] = [];
    let related = false;
    try {
      for (const handler of this.handlers) {
        const effect = handler(event, via);
        if (effect === false) continue;
        related = true;
        if (effect !== true) pending.push(effect);
      }
    } catch (error) {
      // Not processed after all: let Stripe's retry (or the event log) deliver it again.
      this.deleteStmt.run(event.id);
      throw error;
    }
    if (pending.length === 0) {
      this.outcomeStmt.run(related ? 'applied' : 'unrelated', event.id);
      return related ? 'applied' : 'unrelated';
    }
    // Seen once the change is in the ledger; unseen again if Stripe could not be asked.
    this.track(Promise.all(pending).then(
      () => void this.outcomeStmt.run('applied', event.id),
      () => void this.deleteStmt.run(event.id),
    ));
    return 'applied';
  }

  /** An event already recorded goes through the handlers again; its record stays as it is. */
  private replay(event: StripeEventView, via: InboxVia): InboxOutcome {
    let related = false;
    for (const handler of this.handlers) {
      const effect = handler(event, via);
      if (effect === false) continue;
      related = true;
      if (effect !== true) this.track(effect.catch(() => undefined));
    }
    return related ? 'applied' : 'unrelated';
  }
}
