// The one door for pushed Stripe events: the local webhook endpoint and the relay both hand over the
// raw body and Stripe-Signature; the signature is checked with the shop's own signing secret(s), then
// the event goes to the inbox (dedupe + transitions). Bad input changes nothing.
import { createWebhookVerifier, WebhookVerificationError, WEBHOOK_TOLERANCE_SECONDS } from '../stripe/stripe-webhooks';
import type { PaymentPathTracker } from './payment-path-status';
import type { InboxOutcome, StripeEventInbox } from './stripe-event-inbox';

/**
 * Events from the relay may be hours old when a till comes back online, so their (genuine) signature
 * timestamp is stale. Replaying an event is harmless here — events are deduplicated, sales only move
 * forward, and every event is only a hint that makes the till read Stripe's current state with its own
 * key — so relay events are checked for integrity without the 5-minute freshness rule.
 */
const RELAY_TOLERANCE_SECONDS = 30 * 24 * 3600;

export type WebhookReceipt =
  | { ok: true; outcome: InboxOutcome; eventId: string; type: string }
  | { ok: false; reason: WebhookVerificationError['reason']; message: string };

export interface StripeWebhookReceiver {
  readonly configured: boolean;
  receive(rawBody: Buffer | string, signature: string | undefined, via: 'webhook' | 'relay'): WebhookReceipt;
}

export function createStripeWebhookReceiver(
  secrets: readonly string[],
  inbox: StripeEventInbox,
  tracker: PaymentPathTracker,
  mode: { livemode: boolean; log?: (message: string) => void },
): StripeWebhookReceiver {
  const verifiers = {
    webhook: createWebhookVerifier(secrets, WEBHOOK_TOLERANCE_SECONDS),
    relay: createWebhookVerifier(secrets, RELAY_TOLERANCE_SECONDS),
  };
  return {
    configured: secrets.length > 0,
    receive(rawBody, signature, via) {
      let event;
      try {
        event = verifiers[via].verify(rawBody, signature);
      } catch (error) {
        if (error instanceof WebhookVerificationError) {
          // A setup mistake the shop must fix at Stripe: say it in the log too, not just to the sender.
          if (error.reason === 'thin_payload') mode.log?.(`Stripe ${via}: ${error.message}`);
          return { ok: false, reason: error.reason, message: error.message };
        }
        throw error;
      }
      if (event.livemode !== mode.livemode) {
        const [eventMode, tillMode] = event.livemode ? ['live', 'test'] : ['test', 'live'];
        const message = `A ${eventMode}-mode event for a ${tillMode}-mode till was refused. The webhook endpoint and the till's Stripe key must be of the same mode.`;
        mode.log?.(`Stripe ${via}: ${message}`);
        return { ok: false, reason: 'wrong_mode', message };
      }
      const outcome = inbox.receive(event, via);
      tracker.pushReceived(via);
      return { ok: true, outcome, eventId: event.id, type: event.type };
    },
  };
}
