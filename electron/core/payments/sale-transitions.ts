// The one forward-only transition function. Every input about a sale — Stripe's answer to create,
// a poll, a webhook, a relay event, reconciliation, a cashier's cancel, the cashier's word on a hand
// tender — is decided here, and anything stale or backward is ignored (and recorded as ignored by the
// caller). Stripe's inputs move only Stripe's tender; the cashier's word moves only the hand tenders.
import { satangToDecimal } from '../../../shared/money';
import { SALE_STAGE, type SaleStatus } from '../../../shared/sale-status';
import { isStripeTender } from '../../../shared/tender';
import type { CancelIntent, SalePatch, SaleRecord } from '../ledger/sales-repository';
import type { PaymentIntentSnapshot } from '../stripe/stripe-gateway';

export const QR_EXPIRED_CODE = 'payment_intent_payment_attempt_expired';
/** Our own QR timeout ran out (the PaymentIntent is left alive at Stripe, see qr_timeout below). */
export const QR_TIMEOUT_CODE = 'qr_timeout';

export type SaleInputSource = 'create' | 'poll' | 'webhook' | 'relay' | 'reconcile' | 'cancel' | 'timeout' | 'event_log' | 'demo' | 'cashier';

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
  /**
   * Someone asked to stop waiting. A Stripe sale's status changes only when Stripe confirms the cancel;
   * a hand-tender sale has nobody else to ask, so it ends canceled at once.
   */
  | { kind: 'cancel_requested'; intent: CancelIntent }
  /** A cash sale: the cashier took the cash (the cashier's word; Stripe is not involved). */
  | { kind: 'cash_received' }
  /** A hand-confirmed PromptPay sale shows the shop's own QR: no PaymentIntent, no QR timeout. */
  | { kind: 'manual_qr_shown'; qrData: string }
  /** The cashier saw the bank's notification: paid on their word (unverified, by its tender). */
  | { kind: 'manual_confirmed'; by: string | null };

/** Inputs that only Stripe (or the till's own Stripe timeout) gives: they move only a Stripe sale. */
const STRIPE_INPUTS: ReadonlySet<SaleInput['kind']> = new Set(['payment_intent', 'qr_renewed', 'create_rejected', 'qr_timeout']);

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

  if (!isStripeTender(sale.tender)) return decideHandTender(sale, input, ignore);
  if (!STRIPE_INPUTS.has(input.kind) && input.kind !== 'cancel_requested') {
    // Only Stripe says a Stripe sale is paid: never the cashier's word.
    return ignore(`${input.kind} does not apply to a PromptPay sale through Stripe`);
  }

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

  if (input.kind !== 'payment_intent') return ignore(`${input.kind} does not apply to a PromptPay sale through Stripe`);
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

/**
 * A cash or hand-confirmed PromptPay sale: the till records it and nobody else can move it. Stripe's
 * inputs (a forged or misrouted event, a stray poll) are ignored; cash is received once, from created;
 * the shop's QR is shown, then confirmed by the cashier or canceled.
 */
function decideHandTender(sale: SaleRecord, input: SaleInput, ignore: (note: string) => TransitionDecision): TransitionDecision {
  if (STRIPE_INPUTS.has(input.kind)) return ignore(`Stripe does not move a ${sale.tender} sale (${input.kind})`);
  switch (input.kind) {
    case 'cash_received': {
      if (sale.tender !== 'cash') return ignore(`cash received on a ${sale.tender} sale`);
      if (sale.status !== 'created') return ignore(`cash received when ${sale.status}`);
      const change = (sale.cashTendered ?? sale.amount) - sale.amount;
      return {
        applied: true,
        patch: { status: 'succeeded' },
        note: `created → succeeded (cash received ฿${satangToDecimal(sale.cashTendered ?? sale.amount)}, change ฿${satangToDecimal(change)})`,
      };
    }
    case 'manual_qr_shown':
      if (sale.tender !== 'promptpay_manual') return ignore(`a shop QR on a ${sale.tender} sale`);
      if (sale.status !== 'created') return ignore(`shop QR shown when ${sale.status}`);
      return {
        applied: true,
        patch: { status: 'awaiting_payment', qrData: input.qrData, qrImageUrl: null, qrExpiresAt: null },
        note: 'created → awaiting_payment (the shop’s own PromptPay QR)',
      };
    case 'manual_confirmed':
      if (sale.tender !== 'promptpay_manual') return ignore(`a ${sale.tender} sale is not confirmed by hand`);
      if (sale.status !== 'awaiting_payment') return ignore(`confirmed by hand when ${sale.status}`);
      return {
        applied: true,
        patch: { status: 'succeeded', confirmedBy: input.by },
        note: `awaiting_payment → succeeded (confirmed by ${input.by ?? 'the cashier'} from the bank’s notification; unverified)`,
      };
    case 'cancel_requested':
      if (RANK[sale.status] === 2) return ignore(`already ${sale.status}`);
      return { applied: true, patch: { status: 'canceled', cancelIntent: input.intent }, note: `${sale.status} → canceled (${input.intent}; no Stripe)` };
    default:
      return ignore(`${input.kind} does not apply to a ${sale.tender} sale`);
  }
}
