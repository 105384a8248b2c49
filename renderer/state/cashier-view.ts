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
