// The refund dialog: full or partial amount, the customer's email (PromptPay refunds through Stripe are
// completed by Stripe emailing the customer for bank details), a reason. A cash or hand-confirmed
// PromptPay sale is refunded by the shop itself (cash from the drawer, a bank transfer): no email.
// Checked here before any call.
import type { MessageKey } from '../../shared/i18n/translate';
import type { Refund, RefundStatus } from '../../shared/manager-types';
import { applyKeypadKey, parseBaht, type KeypadKey } from '../../shared/money';
import type { PosInput } from '../../shared/pos-contract';
import type { SaleStatus } from '../../shared/sale-status';
import { isStripeTender, type Tender } from '../../shared/tender';

export type RefundReason = 'requested_by_customer' | 'duplicate' | 'fraudulent';
export const REFUND_REASONS: readonly RefundReason[] = ['requested_by_customer', 'duplicate', 'fraudulent'];

export interface RefundForm {
  mode: 'full' | 'partial';
  /** Baht as typed on the keypad ("150.5"), used in partial mode. */
  entry: string;
  email: string;
  reason: RefundReason;
}

export const EMPTY_REFUND_FORM: RefundForm = { mode: 'full', entry: '', email: '', reason: 'requested_by_customer' };

export type RefundField = 'amount' | 'email' | 'sale';
export type RefundCheck =
  | { ok: true; input: PosInput<'refunds.create'> }
  | { ok: false; field: RefundField; key: MessageKey };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Baht text → satang without floats; null when it is not an amount. No minimum (unlike charges). */
export function entryToSatang(text: string): number | null {
  const parsed = parseBaht(text);
  return parsed.ok ? parsed.satang : null;
}

export function pressRefundKey(entry: string, key: KeypadKey): string {
  return applyKeypadKey(entry, key);
}

export function refundAmount(form: RefundForm, refundable: number): number | null {
  return form.mode === 'full' ? refundable : entryToSatang(form.entry);
}

/** Whether Stripe sends this sale's refund (and so needs the customer's email); hand tenders do not. */
export function refundNeedsEmail(sale: { tender?: Tender }): boolean {
  return isStripeTender(sale.tender ?? 'promptpay');
}

export function checkRefund(form: RefundForm, sale: { id: string; status: SaleStatus; tender?: Tender }, refundable: number): RefundCheck {
  if (sale.status !== 'succeeded') return { ok: false, field: 'sale', key: 'refund.error.notPaid' };
  if (refundable <= 0) return { ok: false, field: 'sale', key: 'refund.error.nothingLeft' };
  const amount = refundAmount(form, refundable);
  if (amount === null) return { ok: false, field: 'amount', key: form.entry.trim() === '' ? 'refund.error.amountEmpty' : 'error.amount_malformed' };
  if (amount <= 0) return { ok: false, field: 'amount', key: 'refund.error.amountZero' };
  if (amount > refundable) return { ok: false, field: 'amount', key: 'refund.error.overRefundable' };
  if (!refundNeedsEmail(sale)) return { ok: true, input: { saleId: sale.id, amount, reason: form.reason } };
  const email = form.email.trim();
  if (email === '') return { ok: false, field: 'email', key: 'refund.error.emailRequired' };
  if (!EMAIL.test(email) || email.length > 200) return { ok: false, field: 'email', key: 'refund.error.emailInvalid' };
  return { ok: true, input: { saleId: sale.id, amount, email, reason: form.reason } };
}

// pending and requires_action alternate (saved locally as pending, Stripe may answer requires_action,
// then pending once the customer gave bank details): between those the later update wins.
const REFUND_STAGE: Record<RefundStatus, number> = { pending: 0, requires_action: 0, succeeded: 1, failed: 1, canceled: 1 };

/** Refunds arrive from calls and events in any order: a final status wins, else the later update. */
export function mergeRefund(list: readonly Refund[], incoming: Refund): Refund[] {
  const existing = list.find((refund) => refund.id === incoming.id);
  if (!existing) return [...list, incoming].sort((a, b) => a.createdAt - b.createdAt);
  const diff = REFUND_STAGE[incoming.status] - REFUND_STAGE[existing.status];
  const keep = diff > 0 || (diff === 0 && incoming.updatedAt >= existing.updatedAt) ? incoming : existing;
  return list.map((refund) => (refund.id === incoming.id ? keep : refund));
}

export type RefundTone = 'waiting' | 'warning' | 'success' | 'danger' | 'muted';
export const REFUND_TONE: Record<RefundStatus, RefundTone> = {
  pending: 'waiting',
  requires_action: 'warning',
  succeeded: 'success',
  failed: 'danger',
  canceled: 'muted',
};

export type RefundState = 'none' | 'partial' | 'full';

/** How much of a paid sale has gone back (refunds not failed or canceled count, waiting ones too). */
export function refundState(amount: number, refunded: number): RefundState {
  if (refunded <= 0) return 'none';
  return refunded >= amount ? 'full' : 'partial';
}

/** Refunds that are or may become money back: everything but failed and canceled ones. */
export function refundedTotal(refunds: readonly Refund[]): number {
  return refunds.filter((refund) => refund.status !== 'failed' && refund.status !== 'canceled').reduce((sum, refund) => sum + refund.amount, 0);
}

/** Whether the dialog may send: a real amount within what is left (checked as the manager types). */
export function canSubmitRefund(form: RefundForm, refundable: number): boolean {
  const amount = refundAmount(form, refundable);
  return amount !== null && amount > 0 && amount <= refundable;
}
