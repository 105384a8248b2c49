// A sale's timeline as the detail screen shows it: who (a person, Stripe, the poller…), what, when.
import { en } from '../../shared/i18n/en';
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

/** The event in words: a known kind gets a translated sentence; an unknown one loses its underscores. */
export function kindLabel(kind: string): { key: MessageKey } | { text: string } {
  const key = `timeline.kind.${kind}`;
  return isMessageKey(key) ? { key } : { text: kind.replace(/_/g, ' ') };
}

/** An audit action code ("auth.sign_in") in words, or the code without underscores when unknown. */
export function auditActionLabel(action: string): { key: MessageKey } | { text: string } {
  const key = `audit.action.${action}`;
  return isMessageKey(key) ? { key } : { text: action.replace(/_/g, ' ') };
}

/**
 * A one-line summary of the entry's detail: Stripe's ids and codes first, never more than ~140 chars.
 * Amounts are satang in the ledger and shown as money (`formatAmount`).
 */
export function detailSummary(detail: unknown, formatAmount: (satang: number) => string): string | null {
  if (detail === null || detail === undefined) return null;
  if (typeof detail === 'string') return truncate(detail);
  if (typeof detail !== 'object') return String(detail);
  const record = detail as Record<string, unknown>;
  const parts: string[] = [];
  // The core's English 'note' repeats the status move the line already shows in words: left out.
  for (const key of ['eventId', 'event', 'type', 'paymentIntentId', 'paymentIntentStatus', 'status', 'code', 'failureCode', 'lastPaymentError', 'refundId', 'stripeRefundId', 'amount', 'email', 'reason', 'message']) {
    const value = record[key];
    if (key === 'amount' && typeof value === 'number') parts.push(formatAmount(value));
    else if (value !== undefined && value !== null && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) parts.push(`${key}: ${value}`);
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

/** A label from this module as text in the screen's language. */
export function labelText(t: (key: MessageKey) => string, label: { key: MessageKey } | { text: string }): string {
  return 'key' in label ? t(label.key) : label.text;
}

function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
