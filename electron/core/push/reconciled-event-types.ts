// The Stripe events the till keeps: those that can move a sale or a refund on (what the event-log
// read asks for, what the inbox keeps, and what docs/GOING-LIVE.md has a shop's endpoint subscribe to).

/**
 * The event types that can move a sale or a refund on. Not `payment_intent.requires_action` (the till
 * learns of its QR from its own create/confirm) nor `charge.refunded` (it carries a Charge, not the
 * Refund): leaving them out keeps a read of 200 open sales to one page.
 */
export const RECONCILED_EVENT_TYPES = [
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'refund.created',
  'refund.updated',
  'refund.failed',
] as const;
