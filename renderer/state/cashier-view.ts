// How the cashier screen presents a sale: which phase the till is in and what the status panel says.
import type { MessageKey } from '../../shared/i18n/translate';
import type { Sale } from '../../shared/sale';
import type { SaleStatus } from '../../shared/sale-status';
import { isFinalStatus } from '../../shared/sale-status';

/** entry: typing an amount · charging: waiting for the core to create the QR · awaiting · finished. */
export type CashierPhase = 'entry' | 'charging' | 'awaiting' | 'finished';

export function cashierPhase(sale: Sale | null, charging: boolean): CashierPhase {
  if (!sale) return charging ? 'charging' : 'entry';
  return isFinalStatus(sale.status) ? 'finished' : 'awaiting';
}

export type StatusTone = 'neutral' | 'waiting' | 'success' | 'danger' | 'muted';

export interface StatusView {
  tone: StatusTone;
  titleKey: MessageKey;
  detailKey: MessageKey;
}

export const STATUS_VIEW: Record<SaleStatus, StatusView> = {
  created: { tone: 'waiting', titleKey: 'status.created', detailKey: 'cashier.detail.created' },
  awaiting_payment: { tone: 'waiting', titleKey: 'status.awaiting_payment', detailKey: 'cashier.detail.awaiting_payment' },
  succeeded: { tone: 'success', titleKey: 'status.succeeded', detailKey: 'cashier.detail.succeeded' },
  expired: { tone: 'muted', titleKey: 'status.expired', detailKey: 'cashier.detail.expired' },
  failed: { tone: 'danger', titleKey: 'status.failed', detailKey: 'cashier.detail.failed' },
  canceled: { tone: 'muted', titleKey: 'status.canceled', detailKey: 'cashier.detail.canceled' },
};

/** The warning for a flagged sale; a payment that beat a cancel gets its own plain message. */
export function flagMessageKey(sale: Sale): MessageKey | null {
  if (!sale.flagged) return null;
  return sale.status === 'succeeded' ? 'cashier.flag.paidAfterCancel' : 'cashier.flag.generic';
}

/**
 * Whether "New QR" can help: the QR attempt ended (expired or failed) while Stripe keeps the
 * PaymentIntent alive for another confirm. A sale Stripe never accepted, or whose PaymentIntent was
 * canceled, needs a new sale instead.
 */
export function canRenew(sale: Sale | null): boolean {
  if (!sale || (sale.status !== 'expired' && sale.status !== 'failed')) return false;
  return sale.paymentIntentId !== null && sale.paymentIntentStatus !== 'canceled';
}

const STRIPE_ENDED: Record<string, MessageKey> = {
  payment_intent_payment_attempt_expired: 'cashier.ended.stripeExpired',
  payment_intent_payment_attempt_failed: 'cashier.ended.declined',
};

/** Why the last QR ended, for an expired or failed sale; null for other statuses. */
export function endedReason(sale: Sale): { key: MessageKey; code: string | null } | null {
  if (sale.status !== 'expired' && sale.status !== 'failed') return null;
  const code = sale.failureCode;
  if (code === null) return { key: sale.status === 'expired' ? 'cashier.ended.timeout' : 'cashier.ended.unknown', code: null };
  return { key: STRIPE_ENDED[code] ?? 'cashier.ended.other', code };
}
