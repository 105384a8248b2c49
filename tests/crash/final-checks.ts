// The end-of-run verdict: the till's ledger (the real SQLite file) against Stripe's records (asked
// through the official SDK, as anyone auditing the account would).
import Database from 'better-sqlite3';
import Stripe from 'stripe';

export interface LedgerSale {
  id: string;
  status: string;
  paymentIntentId: string | null;
}

export interface LedgerRefund {
  id: string;
  saleId: string;
  stripeRefundId: string | null;
  status: string;
}

/** A sale's receipt number (migration 011: given in the transaction that makes the sale paid). */
export interface LedgerReceipt {
  saleId: string;
  tillId: string;
  status: string;
  receiptNo: number | null;
}

export interface LedgerView {
  sales: Map<string, LedgerSale>;
  refunds: LedgerRefund[];
  /** Every sale's receipt number and each till's counter (absent: a ledger read without them). */
  receipts?: LedgerReceipt[];
  receiptCounters?: Map<string, number>;
}

export interface StripeIntent {
  id: string;
  saleId: string | null;
  status: string;
  lastErrorCode: string | null;
}

export interface StripeRefund {
  id: string;
  refundId: string | null;
  status: string;
}

export interface StripeView {
  intents: StripeIntent[];
  refunds: StripeRefund[];
}

/** Reads sales and refunds; the till may be running (SQLite readers do not block its writes). */
export function readLedger(file: string): LedgerView {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const sales = db.prepare('SELECT id, status, payment_intent_id AS paymentIntentId FROM sales').all() as LedgerSale[];
    const refunds = db.prepare('SELECT id, sale_id AS saleId, stripe_refund_id AS stripeRefundId, status FROM refunds').all() as LedgerRefund[];
    const receipts = db.prepare('SELECT id AS saleId, till_id AS tillId, status, receipt_no AS receiptNo FROM sales').all() as LedgerReceipt[];
    const counters = db.prepare('SELECT till_id AS tillId, last_no AS lastNo FROM receipt_counters').all() as { tillId: string; lastNo: number }[];
    return { sales: new Map(sales.map((sale) => [sale.id, sale])), refunds, receipts, receiptCounters: new Map(counters.map((row) => [row.tillId, row.lastNo])) };
  } finally {
    db.close();
  }
}

/** `PRAGMA integrity_check` on the ledger after the till's last SIGKILL (opening it recovers the WAL). */
export function integrityCheck(file: string): string {
  const db = new Database(file, { fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

export function stripeClient(simUrl: string): Stripe {
  const url = new URL(simUrl);
  return new Stripe('sk_test_crash_harness', { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 3 });
}

/**
 * Every PaymentIntent ever created on the account (from `payment_intent.created` in the event log,
 * since the simulator, like the account here, has no other way to list them), each as it is now.
 */
export async function readStripe(stripe: Stripe): Promise<StripeView> {
  const created = await stripe.events.list({ type: 'payment_intent.created', limit: 100 }).autoPagingToArray({ limit: 10_000 });
  const ids = [...new Set(created.map((event) => (event.data.object as { id: string }).id))];
  const intents: StripeIntent[] = [];
  for (const id of ids) {
    const intent = await stripe.paymentIntents.retrieve(id);
    intents.push({ id, saleId: intent.metadata.sale_id ?? null, status: intent.status, lastErrorCode: intent.last_payment_error?.code ?? null });
  }
  const refunds = (await stripe.refunds.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 })).map((refund) => ({
    id: refund.id,
    refundId: refund.metadata?.refund_id ?? null,
    status: refund.status ?? 'unknown',
  }));
  return { intents, refunds };
}

/** Every event on the account, oldest first, reduced to what a post-mortem reads. */
export async function listAllEvents(stripe: Stripe): Promise<{ id: string; type: string; created: number; object: string; status: unknown }[]> {
  const events = await stripe.events.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
  return events.reverse().map((event) => {
    const object = event.data.object as { id?: string; status?: unknown };
    return { id: event.id, type: event.type, created: event.created, object: object.id ?? '', status: object.status };
  });
}

const QR_EXPIRED = 'payment_intent_payment_attempt_expired';

/**
 * Whether the till's sale status says what Stripe's PaymentIntent says. The harness's own reading
 * of the two vocabularies (README, Stripe's docs), deliberately not the product's mapping.
 */
export function saleAgreesWithStripe(status: string, intent: StripeIntent | undefined): boolean {
  switch (status) {
    case 'succeeded':
      return intent?.status === 'succeeded';
    case 'awaiting_payment':
      return intent?.status === 'requires_action' || intent?.status === 'processing';
    case 'canceled':
      return !intent || intent.status === 'canceled';
    case 'expired':
      // Stripe expired the QR attempt, the till canceled it, or (README: POS_QR_TIMEOUT_SECONDS) the
      // till's own QR timeout ran out and left the PaymentIntent alive for New QR or a late payment.
      return (
        !!intent &&
        (intent.status === 'canceled' ||
          intent.status === 'requires_action' ||
          (intent.status === 'requires_payment_method' && intent.lastErrorCode === QR_EXPIRED))
      );
    case 'failed':
      return !intent || intent.status === 'canceled' || (intent.status === 'requires_payment_method' && intent.lastErrorCode !== null);
    case 'created':
      // Still unresolved on the till: acceptable only while Stripe has nothing for it either.
      return !intent;
    default:
      return false;
  }
}

export interface Disagreement {
  saleId: string;
  saleStatus: string;
  paymentIntentId: string | null;
  stripeStatus: string | null;
  why: string;
}

export interface Verdict {
  /** Sale ids a caller was given that the ledger does not hold. */
  lostSales: string[];
  /** Sale ids with more than one PaymentIntent at Stripe. */
  duplicatePaymentIntents: { saleId: string; paymentIntentIds: string[] }[];
  /** PaymentIntents whose sale is not in the ledger (money the till would never know about). */
  orphanPaymentIntents: string[];
  disagreements: Disagreement[];
  /** Sales still 'created' with nothing at Stripe: not contradicting Stripe, but stuck (no QR, never final). */
  unresolvedSales: number;
  unresolvedSaleIds: string[];
  refundProblems: string[];
  /** Receipt numbers of paid sales that are not exactly 1..N per till, numbers on unpaid sales, counters that disagree. */
  receiptProblems: string[];
  /** Paid sales whose receipt numbers were checked. */
  paidSalesNumbered: number;
  salesChecked: number;
  paymentIntents: number;
  refundsChecked: number;
}

export function judge(callerSaleIds: ReadonlySet<string>, ledger: LedgerView, stripe: StripeView): Verdict {
  const lostSales = [...callerSaleIds].filter((id) => !ledger.sales.has(id));
  const bySale = new Map<string, StripeIntent[]>();
  const orphanPaymentIntents: string[] = [];
  for (const intent of stripe.intents) {
    if (!intent.saleId || !ledger.sales.has(intent.saleId)) {
      orphanPaymentIntents.push(intent.id);
      continue;
    }
    bySale.set(intent.saleId, [...(bySale.get(intent.saleId) ?? []), intent]);
  }
  const duplicatePaymentIntents = [...bySale]
    .filter(([, intents]) => intents.length > 1)
    .map(([saleId, intents]) => ({ saleId, paymentIntentIds: intents.map((intent) => intent.id) }));

  const disagreements: Disagreement[] = [];
  const unresolvedSaleIds: string[] = [];
  for (const sale of ledger.sales.values()) {
    const intents = bySale.get(sale.id) ?? [];
    const intent = intents.find((candidate) => candidate.id === sale.paymentIntentId) ?? intents[0];
    const report = (why: string) =>
      disagreements.push({ saleId: sale.id, saleStatus: sale.status, paymentIntentId: sale.paymentIntentId, stripeStatus: intent?.status ?? null, why });
    if (sale.paymentIntentId !== null && !intents.some((candidate) => candidate.id === sale.paymentIntentId)) {
      report('the ledger names a PaymentIntent Stripe does not have for this sale');
    } else if (sale.paymentIntentId === null && intent) {
      report('Stripe has a PaymentIntent the ledger never recorded');
    } else if (!saleAgreesWithStripe(sale.status, intent)) {
      report('statuses differ');
    }
    if (sale.status === 'created' && !intent) unresolvedSaleIds.push(sale.id);
  }

  const refundProblems: string[] = [];
  const stripeByRefundId = new Map<string, StripeRefund[]>();
  for (const refund of stripe.refunds) {
    if (!refund.refundId) continue;
    stripeByRefundId.set(refund.refundId, [...(stripeByRefundId.get(refund.refundId) ?? []), refund]);
  }
  const ledgerRefunds = new Map(ledger.refunds.map((refund) => [refund.id, refund]));
  for (const refund of stripe.refunds) {
    if (!refund.refundId || !ledgerRefunds.has(refund.refundId)) refundProblems.push(`Stripe refund ${refund.id} is not in the ledger`);
  }
  for (const [refundId, found] of stripeByRefundId) {
    if (found.length > 1) refundProblems.push(`refund ${refundId} has ${found.length} Stripe refunds`);
  }
  for (const refund of ledger.refunds) {
    const found = stripeByRefundId.get(refund.id)?.[0];
    if (!found) {
      // Never reached Stripe: fine once the till has given it up, wrong while it still says "in progress".
      if (refund.status !== 'failed' && refund.status !== 'canceled') refundProblems.push(`refund ${refund.id} is ${refund.status} on the till but Stripe has none`);
    } else if (refund.stripeRefundId !== null && refund.stripeRefundId !== found.id) {
      refundProblems.push(`refund ${refund.id} names ${refund.stripeRefundId}, Stripe made ${found.id}`);
    } else if (refund.status !== found.status) {
      refundProblems.push(`refund ${refund.id} is ${refund.status} on the till, ${found.status} at Stripe`);
    }
  }

  return {
    lostSales,
    receiptProblems: receiptNumberProblems(ledger),
    paidSalesNumbered: (ledger.receipts ?? []).filter((sale) => sale.status === 'succeeded').length,
    duplicatePaymentIntents,
    orphanPaymentIntents,
    disagreements,
    unresolvedSales: unresolvedSaleIds.length,
    unresolvedSaleIds,
    refundProblems,
    salesChecked: ledger.sales.size,
    paymentIntents: stripe.intents.length,
    refundsChecked: ledger.refunds.length,
  };
}

/**
 * Receipt numbers, per till: the paid sales hold exactly 1..N (no gap, no duplicate, none missing),
 * no unpaid sale holds one, and the till's counter says N. A crash between a sale turning paid and its
 * number would show here as a paid sale without one or a gap.
 */
export function receiptNumberProblems(ledger: LedgerView): string[] {
  const problems: string[] = [];
  const paidByTill = new Map<string, number[]>();
  for (const sale of ledger.receipts ?? []) {
    if (sale.status === 'succeeded') {
      if (sale.receiptNo === null) problems.push(`paid sale ${sale.saleId} on ${sale.tillId} has no receipt number`);
      else paidByTill.set(sale.tillId, [...(paidByTill.get(sale.tillId) ?? []), sale.receiptNo]);
    } else if (sale.receiptNo !== null) {
      problems.push(`${sale.status} sale ${sale.saleId} on ${sale.tillId} holds receipt number ${sale.receiptNo}`);
    }
  }
  for (const [tillId, numbers] of paidByTill) {
    const sorted = [...numbers].sort((a, b) => a - b);
    const wrong = sorted.findIndex((number, index) => number !== index + 1);
    if (wrong !== -1) problems.push(`till ${tillId}: receipt numbers of its ${sorted.length} paid sales are not 1..${sorted.length} (at position ${wrong + 1}: ${sorted[wrong]})`);
    const counter = ledger.receiptCounters?.get(tillId);
    if (ledger.receiptCounters && counter !== sorted.length) problems.push(`till ${tillId}: its receipt counter says ${counter ?? 'nothing'}, ${sorted.length} sales are paid`);
  }
  for (const [tillId, counter] of ledger.receiptCounters ?? []) {
    if (!paidByTill.has(tillId) && counter !== 0) problems.push(`till ${tillId}: its receipt counter says ${counter}, no sale is paid`);
  }
  return problems;
}
