// Two tills of one chain (one Stripe account) for the till-scoped stream tests, on SQLite and on
// PostgreSQL: their tokens bound with RELAY_TILL_IDENTITIES, the Stripe objects each till creates (with
// the metadata the till puts on them), the ones nobody's till created, and a reader that collects a
// till's events up to a marker so that "nothing else arrived" is checked without waiting for silence.
import type { RelayOptions } from '../../relay/index';
import type { TillIdentity } from '../../relay/head-office/index';
import { eventData, TOKEN_OWN, type TestEventInput } from './relay-fixture';
import type { SseStream } from './sse-client';

export const TOKEN_BANGRAK = 'till-token-bangrak-till-1-0001';
export const TOKEN_SILOM = 'till-token-silom-till-1-000002';
export const BANGRAK: TillIdentity = { token: TOKEN_BANGRAK, shopId: 'bangrak', tillId: 'till-1' };
/** Same till id, other shop: only shop and till together name a till. */
export const SILOM: TillIdentity = { token: TOKEN_SILOM, shopId: 'silom', tillId: 'till-1' };

/** Both tills bound; TOKEN_OWN stays an unbound, account-wide token (a one-till shop's). */
export function chainOptions(): Partial<RelayOptions> {
  return {
    tillTokens: [
      { token: TOKEN_OWN, account: null },
      { token: TOKEN_BANGRAK, account: null },
      { token: TOKEN_SILOM, account: null },
    ],
    headOffice: { headOfficeTokens: [], tillIdentities: [BANGRAK, SILOM] },
  };
}

const tillMetadata = (till: TillIdentity) => ({ shop_id: till.shopId, till_id: till.tillId });

/** A PaymentIntent event as the till's own PaymentIntent carries it (sale_id, till_id, shop_id, …). */
export function paymentIntentEvent(id: string, paymentIntent: string, till: TillIdentity | null, type = 'payment_intent.succeeded'): TestEventInput {
  return {
    id,
    type,
    object: {
      id: paymentIntent,
      object: 'payment_intent',
      amount: 12_500,
      currency: 'thb',
      status: 'succeeded',
      receipt_email: 'customer@example.com',
      metadata: till ? { sale_id: `sale_${id}`, source: 'till', ...tillMetadata(till) } : {},
    },
  };
}

/** A refund event; `till` null: a refund without Chamra's metadata (made in the dashboard, or an older till). */
export function refundEvent(id: string, refund: string, paymentIntent: string, till: TillIdentity | null, type = 'refund.created'): TestEventInput {
  return {
    id,
    type,
    object: {
      id: refund,
      object: 'refund',
      amount: 2_500,
      currency: 'thb',
      status: 'pending',
      payment_intent: paymentIntent,
      metadata: till ? { refund_id: `rf_${id}`, sale_id: `sale_${id}`, ...tillMetadata(till) } : {},
    },
  };
}

/** A Charge event (charge.refunded): Stripe's Charge names its PaymentIntent and carries none of our metadata. */
export function chargeEvent(id: string, paymentIntent: string): TestEventInput {
  return {
    id,
    type: 'charge.refunded',
    object: { id: `ch_${id.slice(4)}`, object: 'charge', amount: 12_500, amount_refunded: 2_500, payment_intent: paymentIntent, metadata: {} },
  };
}

/**
 * The events a till receives up to and including `marker` (an event of its own sent last): anything
 * the relay wrongly sent it before the marker is in the list, so no test waits for "nothing".
 */
export async function eventsUntil(stream: SseStream, marker: string): Promise<{ eventId: string; seq: number }[]> {
  const events: { eventId: string; seq: number }[] = [];
  for (;;) {
    const message = await stream.next(15_000);
    if (message.event !== 'stripe.event') continue;
    const { eventId, seq } = eventData(message);
    events.push({ eventId, seq });
    if (eventId === marker) return events;
  }
}

export const idsOf = (events: readonly { eventId: string }[]) => events.map((event) => event.eventId);
