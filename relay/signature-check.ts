// Verifies a Stripe webhook delivery with the official SDK before the relay stores it. This only keeps
// junk out: tills re-verify the same raw body and Stripe-Signature themselves, so the relay's word is
// never what makes a sale paid.
import Stripe from 'stripe';
import { type EventRoute, routeOfEvent } from './event-routing';

/** Stripe's own default: a signature older than this is refused (replay protection). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export interface VerifiedEvent {
  eventId: string;
  type: string;
  account: string | null;
  /** null when the event does not say (Stripe's always do). */
  livemode: boolean | null;
  created: number;
  /** Which till the event's object belongs to, as far as the event itself says. */
  route: EventRoute;
}

export type WebhookRejection =
  | 'missing_signature'
  | 'invalid_signature'
  | 'stale_signature'
  | 'malformed_body'
  | 'not_an_event';

export type SignatureCheckResult =
  | { ok: true; event: VerifiedEvent }
  | { ok: false; error: WebhookRejection; message: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Tries each configured secret (several during rotation). `nowMs` is the receive time used for the
 * tolerance check.
 */
export function checkStripeWebhook(
  rawBody: Buffer,
  signatureHeader: string | undefined,
  secrets: readonly string[],
  nowMs: number,
): SignatureCheckResult {
  if (!signatureHeader) {
    return reject('missing_signature', 'The Stripe-Signature header is missing.');
  }
  if (rawBody.length === 0) return reject('malformed_body', 'The body is empty.');
  try {
    // The SDK decodes the body as UTF-8 to compute the HMAC; bytes that are not UTF-8 would be
    // replaced, and the till could not re-verify what we forward. Stripe only sends UTF-8 JSON.
    strictUtf8.decode(rawBody);
  } catch {
    return reject('malformed_body', 'The body is not UTF-8 JSON.');
  }

  let stale = false;
  for (const secret of secrets) {
    let parsed: unknown;
    try {
      parsed = Stripe.webhooks.constructEvent(
        rawBody,
        signatureHeader,
        secret,
        SIGNATURE_TOLERANCE_SECONDS,
        undefined,
        nowMs,
      );
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
        if (/tolerance/i.test(error.message)) stale = true;
        continue;
      }
      // The signature matched (the SDK verifies before parsing) but the body is not JSON, or is a
      // thin v2 event notification rather than a snapshot event.
      if (error instanceof SyntaxError) return reject('malformed_body', 'The body is not valid JSON.');
      return reject('not_an_event', 'The body is not a Stripe snapshot event.');
    }
    return toVerifiedEvent(parsed);
  }
  if (stale) {
    return reject(
      'stale_signature',
      `The Stripe-Signature timestamp is more than ${SIGNATURE_TOLERANCE_SECONDS} s old (or this server's clock is wrong).`,
    );
  }
  return reject(
    'invalid_signature',
    'The Stripe-Signature does not match the body for any configured webhook secret (check STRIPE_WEBHOOK_SECRET).',
  );
}

function toVerifiedEvent(parsed: unknown): SignatureCheckResult {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return reject('not_an_event', 'The body is not a Stripe event object.');
  }
  const event = parsed as Record<string, unknown>;
  const { id, type, created, account, livemode } = event;
  if (event.object !== 'event' || typeof id !== 'string' || !id || typeof type !== 'string' || !type) {
    return reject('not_an_event', 'The body is not a Stripe event (needs object "event", an id and a type).');
  }
  if (typeof created !== 'number' || !Number.isInteger(created)) {
    return reject('not_an_event', 'The event has no integer "created" timestamp.');
  }
  if (account != null && typeof account !== 'string') {
    return reject('not_an_event', 'The event\'s "account" is not a string.');
  }
  if (livemode != null && typeof livemode !== 'boolean') {
    return reject('not_an_event', 'The event\'s "livemode" is not true or false.');
  }
  return {
    ok: true,
    event: { eventId: id, type, created, account: account ?? null, livemode: livemode ?? null, route: routeOfEvent(event) },
  };
}

function reject(error: WebhookRejection, message: string): SignatureCheckResult {
  return { ok: false, error, message };
}
