// Wires the push paths (local webhooks, the relay), the event-log catch-up and the till's one watcher
// to the payment service. Every pushed event is a hint: the payment service asks Stripe itself.
import type { PaymentPathStatus } from '../../../shared/pos-contract';
import type { CoreConfig } from '../config/core-config';
import type { LedgerDb } from '../ledger/open-ledger';
import type { PaymentService } from '../payments/payment-service';
import type { PollSchedule } from '../payments/poll-schedule';
import type { WatchScheduler } from '../payments/watch-scheduler';
import type { StripeGateway } from '../stripe/stripe-gateway';
import { EventLogCatchUp } from './event-log-catch-up';
import { PaymentPathTracker } from './payment-path-status';
import { PushCursors } from './push-cursors';
import { RelayClient } from './relay-client';
import { StripeEventInbox } from './stripe-event-inbox';
import { StripeWatcher } from './stripe-watcher';
import { createStripeWebhookReceiver, type StripeWebhookReceiver } from './stripe-webhook-receiver';

/** How often an offline till checks whether Stripe is back. */
export const STRIPE_PROBE_MS = 5_000;

export interface PushPaths {
  inbox: StripeEventInbox;
  receiver: StripeWebhookReceiver;
  tracker: PaymentPathTracker;
  catchUp: EventLogCatchUp;
  watcher: StripeWatcher;
  /**
   * Applies the event log since the last catch-up; false when Stripe could not be read. `replay` (at
   * start, after a restore): from the oldest sale Stripe may still move, seen events included.
   */
  catchUpNow(options?: { replay?: boolean }): Promise<boolean>;
  /** Connects to the relay (when configured). Call once the till has reconciled. */
  start(): void;
  close(): Promise<void>;
}

export interface PushDependencies {
  config: CoreConfig;
  db: LedgerDb;
  gateway: StripeGateway;
  /** Late-bound: the payment service is built with a schedule that reads the tracker. */
  payments: () => PaymentService;
  scheduler: WatchScheduler;
  /** The watcher's pace while a sale awaits payment and push is not healthy. */
  pollSchedule: PollSchedule;
  /** Whether the Stripe key is a live one: pushed events must say the same (`livemode`). */
  livemode: boolean;
  onPathChanged: (status: PaymentPathStatus) => void;
  log: (message: string) => void;
}

export function createPushPaths(deps: PushDependencies): PushPaths {
  const now = () => deps.scheduler.now();
  const inbox = new StripeEventInbox(deps.db, now, (work) => void deps.scheduler.track(work).catch(() => undefined));
  // A hint: the payment service reads the PaymentIntent from Stripe before anything moves.
  inbox.addHandler((event, via) => (event.paymentIntent ? deps.payments().notice(event.paymentIntent, via) : false));

  let stripeWas: PaymentPathStatus['stripe'] = 'unknown';
  const PROBE_JOB = 'watch:offline-probe';
  // Offline: knock on Stripe's door every few seconds so the till knows the moment it is back.
  const probe = (): void => {
    deps.scheduler.after(PROBE_JOB, STRIPE_PROBE_MS, async () => {
      await deps.gateway.listEvents({ createdGte: Math.floor(now() / 1000), types: ['payment_intent.succeeded'], limit: 1 }).catch(() => undefined);
      if (tracker.isStripeUnreachable()) probe();
    });
  };
  const tracker = new PaymentPathTracker(deps.config.stripeWebhookSecrets.length > 0, (status) => {
    deps.onPathChanged(status);
    watcher.poke();
    if (status.stripe === 'unreachable' && !deps.scheduler.has(PROBE_JOB)) probe();
    if (status.stripe === 'reachable' && stripeWas === 'unreachable') {
      // Back online: resume pending sales and apply whatever happened meanwhile.
      deps.scheduler.cancel(PROBE_JOB);
      void catchUpNow();
      watcher.poke();
    }
    stripeWas = status.stripe;
  }, now);
  const receiver = createStripeWebhookReceiver(deps.config.stripeWebhookSecrets, inbox, tracker, { livemode: deps.livemode, log: deps.log });
  const cursors = new PushCursors(deps.db);
  const catchUp = new EventLogCatchUp(deps.gateway, inbox, cursors, now);
  const watcher = new StripeWatcher({
    scheduler: deps.scheduler,
    readEventLog: async () => {
      await catchUp.run(deps.payments().oldestWatchedAt() ?? now(), 'poll');
    },
    afterRead: () => deps.payments().retryHints(),
    hasSalesToWatch: () => deps.payments().hasSalesToWatch(),
    newestAwaitingSince: () => deps.payments().newestAwaitingSince(),
    isPushHealthy: () => tracker.isPushHealthy(),
    schedule: deps.pollSchedule,
  });

  const catchUpNow = async (options: { replay?: boolean } = {}): Promise<boolean> => {
    try {
      const since = deps.payments().oldestWatchedAt() ?? now();
      const result = await catchUp.run(since - 60_000, 'event_log', options.replay ?? false);
      if (result.applied > 0) deps.log(`Stripe event log: applied ${result.applied} missed event(s).`);
      return true;
    } catch (error) {
      deps.log(`Stripe event log could not be read: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  };

  const relay = deps.config.relayUrl && deps.config.relayToken
    ? new RelayClient({
        url: deps.config.relayUrl,
        token: deps.config.relayToken,
        cursors,
        deliver: (payload, signature) => (receiver.receive(payload, signature, 'relay').ok ? 'accepted' : 'rejected'),
        onState: (state) => tracker.setRelay(state),
        onGap: () => void catchUpNow(),
        log: deps.log,
      })
    : null;

  return {
    inbox,
    receiver,
    tracker,
    catchUp,
    watcher,
    catchUpNow,
    start: () => relay?.start(),
    close: async () => {
      await relay?.stop();
    },
  };
}
