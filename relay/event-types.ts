// Which Stripe event types the relay keeps. Tills act only on PaymentIntent and Refund news; storing and
// streaming anything else (customers, payouts, account changes) would hand tills data they never use.

/** Exact types, or a prefix ending in `.*` (`refund.*`). */
export const DEFAULT_RELAY_EVENT_TYPES: readonly string[] = [
  'payment_intent.*',
  'refund.*',
  'charge.refunded',
  'charge.refund.updated',
];

export const EVENT_TYPE_PATTERN = /^[a-z_]+(\.[a-z_]+)*(\.\*)?$/;

export function eventTypeMatcher(patterns: readonly string[]): (type: string) => boolean {
  const exact = new Set(patterns.filter((pattern) => !pattern.endsWith('.*')));
  const prefixes = patterns.filter((pattern) => pattern.endsWith('.*')).map((pattern) => pattern.slice(0, -1));
  return (type) => exact.has(type) || prefixes.some((prefix) => type.startsWith(prefix));
}
