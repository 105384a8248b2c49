// Every Stripe event, whichever way it came (local webhook, relay, event log), enters here: it is
// deduplicated by event id (persisted, so a redelivery after a restart is still a duplicate) and
// routed to the same transition functions polling uses. Order does not matter: the transitions are
// forward-only, so a late or repeated event never moves a sale backwards.
import type { LedgerDb } from '../ledger/open-ledger';
import type { StripeEventView } from '../stripe/stripe-event-view';

/** `poll`: the watcher's own read of the event log (a change found there was missed by push). */
export type InboxVia = 'webhook' | 'relay' | 'event_log' | 'poll';
export type InboxOutcome = 'applied' | 'duplicate' | 'unrelated';

export interface StripeEventHandler {
  /** Returns true when the event concerned something this till knows (a sale, a refund). */
  (event: StripeEventView, via: InboxVia): boolean;
}

export class StripeEventInbox {
  private readonly handlers: StripeEventHandler[] = [];
  private readonly insertStmt;
  private readonly deleteStmt;

  constructor(
    private readonly db: LedgerDb,
    private readonly now: () => number = Date.now,
  ) {
    this.insertStmt = db.prepare(
      'INSERT OR IGNORE INTO stripe_events (id, type, created, received_at, via, outcome) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.deleteStmt = db.prepare('DELETE FROM stripe_events WHERE id = ?');
  }

  /** Registers a handler for some family of events (payment intents, refunds, …). */
  addHandler(handler: StripeEventHandler): void {
    this.handlers.push(handler);
  }

  receive(event: StripeEventView, via: InboxVia): InboxOutcome {
    const claimed = this.insertStmt.run(event.id, event.type, event.created, this.now(), via, 'processing');
    if (claimed.changes === 0) return 'duplicate';
    try {
      let related = false;
      for (const handler of this.handlers) related = handler(event, via) || related;
      const outcome: InboxOutcome = related ? 'applied' : 'unrelated';
      this.db.prepare('UPDATE stripe_events SET outcome = ? WHERE id = ?').run(outcome, event.id);
      return outcome;
    } catch (error) {
      // Not processed after all: let Stripe's retry (or the event log) deliver it again.
      this.deleteStmt.run(event.id);
      throw error;
    }
  }
}
