// The one forward-only transition function. Every input about a sale — Stripe's answer to create,
// a poll, a webhook, a relay event, reconciliation, a cashier's cancel — is decided here, and
// anything stale or backward is ignored (and recorded as ignored by the caller).
import { SALE_STAGE, type SaleStatus } from '../../../shared/sale-status';
import type { CancelIntent, SalePatch, SaleRecord } from '../ledger/sales-repository';
import type { PaymentIntentSnapshot } from '../stripe/stripe-gateway';

export const QR_EXPIRED_CODE = 'payment_intent_payment_attempt_expired';
/** Our own QR timeout ran out (the PaymentIntent is left alive at Stripe, see qr_timeout below). */
export const QR_TIMEOUT_CODE = 'qr_timeout';

export type SaleInputSource = 'create' | 'poll' | 'webhook' | 'relay' | 'reconcile' | 'cancel' | 'timeout' | 'event_log' | 'demo';

export type SaleInput =
  /**
   * Stripe's answer about the PaymentIntent. `observedAt` is when we asked: an answer asked for before
   * the sale's current QR attempt began belongs to an earlier attempt and never moves this one.
   */
  | { kind: 'payment_intent'; snapshot: PaymentIntentSnapshot; via: SaleInputSource; qrTimeoutMs: number; observedAt?: number }
  /**
   * The app's QR timeout ran out. The sale ends expired here; the PaymentIntent stays alive at Stripe
   * so a payment that still arrives succeeds it (and is flagged), and the sale can get a New QR.
   */
  | { kind: 'qr_timeout' }
  /**
   * A new QR attempt on the same PaymentIntent (Stripe confirmed it again). Allowed only from expired or
   * failed: the one explicit step that starts a new attempt; within an attempt, everything moves forward.
   */
  | { kind: 'qr_renewed'; snapshot: PaymentIntentSnapshot; qrTimeoutMs: number }
  /** Stripe definitely refused to create the PaymentIntent. */
  | { kind: 'create_rejected'; code: string | null }
  /** Someone asked to stop waiting; the status changes only when Stripe confirms the cancel. */
  | { kind: 'cancel_requested'; intent: CancelIntent };

export interface TransitionDecision {
  applied: boolean;
  patch: SalePatch;
  /** Short words for the timeline: why it was applied or ignored. */
  note: string;
}

const RANK = SALE_STAGE;

/** What a PaymentIntent's state means for the sale; null when it says nothing new (e.g. a fresh PI). */
export function statusFromPaymentIntent(snapshot: PaymentIntentSnapshot, cancelIntent: CancelIntent | null): SaleStatus | null {
  switch (snapshot.status) {
    case 'succeeded':
      return 'succeeded';
    case 'canceled':
      // Our own QR timeout cancels the PaymentIntent; to the customer that is an expired QR.
      return cancelIntent === 'timeout' ? 'expired' : 'canceled';
    case 'requires_payment_method':
      if (snapshot.lastPaymentErrorCode === null) return null;
      return snapshot.lastPaymentErrorCode === QR_EXPIRED_CODE ? 'expired' : 'failed';
    case 'requires_action':
    case 'processing':
    case 'requires_confirmation':
    case 'requires_capture':
      return 'awaiting_payment';
  }
}

/** The sale's current QR attempt: 1 for the create's QR, +1 for each New QR. */
export interface QrAttempt {
  attempt: number;
  startedAt: number;
}

export function decideTransition(sale: SaleRecord, input: SaleInput, now: number, attempt: QrAttempt | null = null): TransitionDecision {
  const ignore = (note: string): TransitionDecision => ({ applied: false, patch: {}, note });

  if (input.kind === 'qr_timeout') {
    if (sale.status !== 'awaiting_payment') return ignore(`QR timeout when ${sale.status}`);
    return { applied: true, patch: { status: 'expired', failureCode: QR_TIMEOUT_CODE }, note: 'awaiting_payment → expired (QR timeout)' };
  }

  if (input.kind === 'qr_renewed') {
    const { snapshot } = input;
    if (sale.status !== 'expired' && sale.status !== 'failed') return ignore(`a new QR only follows an expired or failed one (sale is ${sale.status})`);
    if (sale.paymentIntentId !== snapshot.id) return ignore('a different PaymentIntent');
    if (statusFromPaymentIntent(snapshot, null) !== 'awaiting_payment' || snapshot.qrData === null) return ignore(`Stripe did not show a new QR (${snapshot.status})`);
    return {
      applied: true,
      patch: {
        status: 'awaiting_payment', paymentIntentStatus: snapshot.status, qrData: snapshot.qrData, qrImageUrl: snapshot.qrImageUrl,
        qrExpiresAt: now + input.qrTimeoutMs, failureCode: null, cancelIntent: null,
      },
      note: `${sale.status} → awaiting_payment (new QR, attempt ${(attempt?.attempt ?? 1) + 1})`,
    };
  }

  if (input.kind === 'cancel_requested') {
    if (RANK[sale.status] === 2) return ignore(`already ${sale.status}`);
    if (sale.cancelIntent !== null) return ignore('cancel already requested');
    return { applied: true, patch: { cancelIntent: input.intent }, note: `cancel requested (${input.intent})` };
  }

  if (input.kind === 'create_rejected') {
    if (sale.status !== 'created') return ignore(`create rejection arrived when ${sale.status}`);
    return { applied: true, patch: { status: 'failed', failureCode: input.code }, note: 'Stripe refused to create the PaymentIntent' };
  }

  const { snapshot } = input;
  if (sale.paymentIntentId !== null && sale.paymentIntentId !== snapshot.id) return ignore('a different PaymentIntent');
  // Money that arrived is never "stale"; anything else read before this attempt began is.
  const fromEarlierAttempt = attempt !== null && input.observedAt !== undefined && input.observedAt < attempt.startedAt;
  if (fromEarlierAttempt && snapshot.status !== 'succeeded') return ignore(`from QR attempt ${attempt.attempt - 1}: ${snapshot.status}`);
  if (snapshot.amount !== sale.amount || snapshot.currency !== sale.currency) return ignore('amount or currency differ from the sale');

  const target = statusFromPaymentIntent(snapshot, sale.cancelIntent);
  const patch: SalePatch = {};
  if (sale.paymentIntentId === null) patch.paymentIntentId = snapshot.id;

  if (target === null || target === sale.status) {
    // Same status: only fill in what we did not know yet (the PI id, the QR on a replayed create).
    if (target === 'awaiting_payment' && sale.qrData === null && snapshot.qrData !== null) {
      Object.assign(patch, { qrData: snapshot.qrData, qrImageUrl: snapshot.qrImageUrl });
    }
    if (target === sale.status && sale.paymentIntentStatus !== snapshot.status) patch.paymentIntentStatus = snapshot.status;
    if (target === 'succeeded' && snapshot.fee !== null && (sale.stripeFee ?? null) === null) patch.stripeFee = snapshot.fee;
    return Object.keys(patch).length > 0 ? { applied: true, patch, note: 'details updated' } : ignore(`no change (${snapshot.status})`);
  }

  const paidAfterGivingUp = target === 'succeeded' && (RANK[sale.status] === 2 || sale.cancelIntent !== null);
  // Forward only — except that money which actually arrived always wins, and is flagged for a person.
  if (RANK[target] <= RANK[sale.status] && !paidAfterGivingUp) return ignore(`stale: ${snapshot.status} after ${sale.status}`);

  patch.status = target;
  patch.paymentIntentStatus = snapshot.status;
  if (target === 'awaiting_payment') {
    patch.qrData = snapshot.qrData;
    patch.qrImageUrl = snapshot.qrImageUrl;
    patch.qrExpiresAt = now + input.qrTimeoutMs;
  }
  if (target === 'failed' || target === 'expired') patch.failureCode = snapshot.lastPaymentErrorCode;
  if (target === 'succeeded' && snapshot.fee !== null) patch.stripeFee = snapshot.fee;
  if (paidAfterGivingUp) {
    patch.flagged = true;
    patch.flagReason = RANK[sale.status] === 2 ? `paid_after_${sale.status}` : 'paid_after_cancel_requested';
  }
  return { applied: true, patch, note: `${sale.status} → ${target} (${input.via})` };
}
