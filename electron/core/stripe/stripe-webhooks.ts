// Verifies Stripe's webhook signatures with the official SDK. Used for the local webhook endpoint and
// for events that arrive through the relay: the relay forwards Stripe's raw body and Stripe-Signature
// unchanged, and the till checks them itself, so a relay cannot alter an event. A valid signature only
// proves someone with the signing secret sent it (the relay host has it too): the payment service
// still reads the PaymentIntent from Stripe before a sale moves.
import Stripe from 'stripe';
import { toStripeEventView, type StripeEventView } from './stripe-event-view';

/** Stripe's default: a signature older than five minutes is refused (replay protection). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export class WebhookVerificationError extends Error {
  constructor(
    readonly reason: 'no_secret' | 'missing_signature' | 'bad_signature' | 'malformed' | 'thin_payload' | 'wrong_mode',
    message: string,
  ) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

export interface WebhookVerifier {
  verify(rawBody: Buffer | string, signatureHeader: string | undefined): StripeEventView;
}

/**
 * `secrets` may hold more than one signing secret while a secret is being rolled: an event signed
 * with the previous secret still verifies until that secret is removed from the configuration.
 */
export function createWebhookVerifier(secrets: readonly string[], toleranceSeconds: number = WEBHOOK_TOLERANCE_SECONDS): WebhookVerifier {
  return {
    verify(rawBody, signatureHeader) {
      if (secrets.length === 0) throw new WebhookVerificationError('no_secret', 'STRIPE_WEBHOOK_SECRET is not configured.');
      if (!signatureHeader) throw new WebhookVerificationError('missing_signature', 'Missing Stripe-Signature header.');
      let event: Stripe.Event | null = null;
      let lastError: unknown = null;
      for (const secret of secrets) {
        try {
          event = Stripe.webhooks.constructEvent(rawBody, signatureHeader, secret, toleranceSeconds);
          break;
        } catch (error) {
          lastError = error;
        }
      }
      if (!event && lastError instanceof Error && /thin event/i.test(lastError.message)) {
        // Signed correctly, but a thin event ("v2.core.event"): it carries no object, so it cannot work.
        throw new WebhookVerificationError(
          'thin_payload',
          'This is a thin event. Chamra POS needs snapshot events: in the Stripe Dashboard, set this event destination’s payload style to "Snapshot".',
        );
      }
      if (!event) {
        const malformed = lastError instanceof SyntaxError;
        throw new WebhookVerificationError(
          malformed ? 'malformed' : 'bad_signature',
          malformed ? 'The body is not valid JSON.' : 'The Stripe-Signature does not match (wrong secret, altered body or stale timestamp).',
        );
      }
      if (typeof event.id !== 'string' || typeof event.type !== 'string') {
        throw new WebhookVerificationError('malformed', 'The body is not a Stripe event.');
      }
      return toStripeEventView(event);
    },
  };
}
