// A sale's timeline as the detail screen shows it: who (a person, Stripe, the poller…), what, when.
import { en } from '../../shared/i18n/en';
import type { MessageKey } from '../../shared/i18n/translate';
import { REFUND_STATUSES, type SaleTimelineEntry, type TimelineNote } from '../../shared/manager-types';
import { SALE_STATUSES, type SaleStatus } from '../../shared/sale-status';
import { STATUS_VIEW } from './cashier-view';

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
  cashier: 'timeline.source.cashier',
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
  if (parts.length > 0) return truncate(parts.join(' · '));
  // The English note is shown as words from its code (noteText), never as raw text.
  const { note: _note, ...rest } = record;
  return Object.keys(rest).length > 0 ? truncate(JSON.stringify(rest)) : null;
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

/** A status named in a note, in words: a refund's first on refund entries, else a sale's; unknown ones as they are. */
function statusLabel(status: string, refund: boolean): { key: MessageKey } | { text: string } {
  if (refund && (REFUND_STATUSES as readonly string[]).includes(status)) return { key: `refund.status.${status}` as MessageKey };
  if ((SALE_STATUSES as readonly string[]).includes(status)) return { key: STATUS_VIEW[status as SaleStatus].titleKey };
  if ((REFUND_STATUSES as readonly string[]).includes(status)) return { key: `refund.status.${status}` as MessageKey };
  return { text: status.replace(/_/g, ' ') };
}

/**
 * Why an entry was applied or ignored, in the screen's language; null when the line already says it
 * (a plain move from → to) or there are no words for it. Amounts are satang, shown as money.
 */
export function noteText(
  note: TimelineNote | null | undefined,
  kind: string,
  t: (key: MessageKey, vars?: Record<string, string | number>) => string,
  formatAmount: (satang: number) => string,
): string | null {
  if (!note) return null;
  const status = (value: string) => labelText(t, statusLabel(value, kind.startsWith('refund.')));
  switch (note.code) {
    case 'moved':
    case 'other':
      return null;
    case 'cash_received':
      return t('timeline.note.cash_received', { received: formatAmount(note.received), change: formatAmount(note.change) });
    case 'confirmed_by_hand':
      return note.by ? t('timeline.note.confirmed_by_hand', { name: note.by }) : t('timeline.note.confirmed_by_hand_unnamed');
    case 'new_qr':
      return t('timeline.note.new_qr', { attempt: note.attempt });
    case 'earlier_qr_attempt':
      return t('timeline.note.earlier_qr_attempt', { attempt: note.attempt, status: status(note.status) });
    case 'stale':
      return t('timeline.note.stale', { status: status(note.status), after: status(note.after) });
    case 'no_change':
    case 'already':
    case 'too_late':
    case 'no_new_qr':
    case 'stripe_said':
      return t(`timeline.note.${note.code}`, { status: status(note.status) });
    default:
      return t(`timeline.note.${note.code}`);
  }
}
