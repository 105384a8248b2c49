// A sale's timeline as the detail screen shows it: who (a person, Stripe, the poller…), what, when.
import type { MessageKey } from '../../shared/i18n/translate';
import type { SaleTimelineEntry } from '../../shared/manager-types';

const SOURCE_KEYS: Record<string, MessageKey> = {
  stripe: 'timeline.source.stripe',
  poll: 'timeline.source.poll',
  webhook: 'timeline.source.webhook',
  relay: 'timeline.source.relay',
  reconcile: 'timeline.source.reconcile',
  api: 'timeline.source.api',
  system: 'timeline.source.system',
  till: 'timeline.source.till',
  create: 'timeline.source.create',
  cancel: 'timeline.source.cancel',
  demo: 'timeline.source.demo',
  event_log: 'timeline.source.eventLog',
};

/** A known machine source gets a translated name; anything else is a person's name, shown as is. */
export function sourceLabel(source: string): { key: MessageKey } | { text: string } {
  const key = SOURCE_KEYS[source.toLowerCase()];
  return key ? { key } : { text: source };
}

export function isMachineSource(source: string): boolean {
  return source.toLowerCase() in SOURCE_KEYS;
}

/** Stripe's event names stay exactly as Stripe spells them ("payment_intent.succeeded"); our own words lose underscores. */
export function kindLabel(kind: string): string {
  return kind.includes('.') ? kind : kind.replace(/_/g, ' ');
}

/** A one-line summary of the entry's detail: Stripe's ids and codes first, never more than ~120 chars. */
export function detailSummary(detail: unknown): string | null {
  if (detail === null || detail === undefined) return null;
  if (typeof detail === 'string') return truncate(detail);
  if (typeof detail !== 'object') return String(detail);
  const record = detail as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of ['note', 'eventId', 'event', 'type', 'paymentIntentId', 'paymentIntentStatus', 'status', 'code', 'failureCode', 'lastPaymentError', 'refundId', 'stripeRefundId', 'amount', 'email', 'reason', 'message']) {
    const value = record[key];
    if (value !== undefined && value !== null && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) parts.push(`${key}: ${value}`);
  }
  return parts.length > 0 ? truncate(parts.join(' · ')) : truncate(JSON.stringify(detail));
}

function truncate(text: string, max = 140): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Newest last, as a story; ties keep the ledger's order. */
export function orderedTimeline(entries: readonly SaleTimelineEntry[]): SaleTimelineEntry[] {
  return entries.map((entry, index) => ({ entry, index })).sort((a, b) => a.entry.at - b.entry.at || a.index - b.index).map(({ entry }) => entry);
}
