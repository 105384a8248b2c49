// The sale path: save the sale → create and confirm the PaymentIntent (Idempotency-Key = sale id)
// → show the QR → the till's one watcher follows it (Stripe's event log, the app's own QR timeout)
// → forward-only transitions. Only Stripe's answer to the till's own request moves a sale: a push
// or an event is a hint that makes the till ask (see notice()). On start, every unfinished sale is
// reconciled with Stripe before new sales are accepted. Hand tenders (cash, the shop's own PromptPay QR
// confirmed by the cashier) are recorded here too, through the same transition function, and never
// reach Stripe: the watcher and reconciliation look only at Stripe's tender.
import { checkChargeAmount } from '../../../shared/money';
import { PosError } from '../../../shared/pos-error';
import type { Sale } from '../../../shared/sale';
import { isStripeTender, type Tender } from '../../../shared/tender';
import type { AuditLog } from '../ledger/audit-log';
import { toPublicSale, type CancelIntent, type NewSale, type SaleLineInput, type SaleRecord, type SalesRepository } from '../ledger/sales-repository';
import { GatewayError, isStoredServerError, type PaymentIntentSnapshot, type StripeGateway } from '../stripe/stripe-gateway';
import { retryDelayMs } from './poll-schedule';
import { promptPayQrPayload } from './promptpay-qr';
import { newSaleId } from './sale-ids';
import { decideTransition, statusFromPaymentIntent, type SaleInput, type SaleInputSource } from './sale-transitions';
import { stripeMetadataFor } from './stripe-metadata';
import { WatchScheduler } from './watch-scheduler';

export interface PaymentServiceOptions {
  repository: SalesRepository;
  audit: AuditLog;
  gateway: StripeGateway;
  tillId: string;
  shopEmail: string;
  qrTimeoutMs: number;
  /** The till's one timer and clock (shared with the event-log watcher and refunds). */
  scheduler?: WatchScheduler;
  onSaleUpdated: (sale: Sale) => void;
  /** The watcher's own read moved a sale's status: push did not deliver it (first). */
  onPollFoundChange?: (saleId: string) => void;
  /** A sale started or stopped awaiting payment: the watcher picks its pace again. */
  onOpenSalesChanged?: () => void;
  /** Refuses new charges while it returns a reason (maintenance such as a restore). */
  chargesRefused?: ChargeGate;
  /** The till's cash drawer (its open shift): cash sales need one. */
  drawer?: CashDrawer;
  /** The shop's own PromptPay ID (settings), for hand-confirmed PromptPay QR codes; null when unset. */
  promptPayId?: () => string | null;
  /** Runs `work` in one ledger transaction (a hand sale is saved and moved together, or not at all). */
  atomically?: <T>(work: () => T) => T;
}

/** The till's drawer as the sale and refund paths see it (the shift side provides it). */
export interface CashDrawer {
  /** The till's open shift id, or null. */
  openShiftId(): string | null;
  /** The shift's cash changed (a cash sale or refund): tell the screens. */
  changed(): void;
}

/** A sale the till records itself: no Stripe minimum (the contract's schema checked the amount). */
export interface HandSaleOptions {
  amount: number;
  description?: string;
  orderRef?: string;
  cashier?: string | null;
  cashierId?: string | null;
  /** The till's request key (sales.cash / sales.manualQr requestId): a retry finds the same sale. */
  requestId?: string;
  /** The ticket (the contract's schema checked that it adds up to the amount). */
  lines?: readonly SaleLineInput[];
}

export interface CashSaleOptions extends HandSaleOptions {
  /** Cash handed over (satang), at least the amount. */
  tendered: number;
}

/** Why a cash sale is refused without an open shift (`field` lets the screen offer to open one). */
export const NO_SHIFT_FIELD = 'shift';
/** Why a hand-confirmed PromptPay sale is refused before a manager sets the shop's PromptPay ID. */
export const NO_PROMPTPAY_ID_FIELD = 'promptPayId';

export interface ChargeOptions {
  amount: number;
  description?: string;
  email?: string;
  orderRef?: string;
  metadata?: Record<string, string>;
  source: 'till' | 'api';
  cashier?: string | null;
  cashierId?: string | null;
  /**
   * The caller's idempotency key (REST: the Idempotency-Key header; till: sales.charge's requestId).
   * The same key with the same request finds the sale already made; with a different one it is refused.
   */
  requestId?: string;
  /** The ticket (the contract's schema checked that it adds up to the amount). */
  lines?: readonly SaleLineInput[];
}

/** Why new sales are refused right now (e.g. a restore is replacing the ledger); null when they are not. */
export type ChargeGate = () => ChargeRefusal | null;

/** Why charges are refused: `maintenance` (a restore) or `stripe_account` (an account change awaiting a manager, a key
 * without PaymentIntents write, or Stripe not yet asked about the key). The screens word it from `field`. */
export interface ChargeRefusal {
  field: 'maintenance' | 'stripe_account';
  message: string;
}

/** How long a finished sale stays on the customer display feed as "current". */
const CURRENT_SALE_GRACE_MS = 30_000;
/**
 * After our QR timeout the PaymentIntent stays alive at Stripe (Stripe keeps an unpaid PromptPay
 * PaymentIntent confirmable and publishes no QR lifetime), so a customer who scanned just before the
 * timeout can still pay. The watcher keeps reading Stripe's event log this long for such sales.
 */
export const LATE_PAYMENT_WATCH_MS = 60 * 60_000;

type ReadSource = Extract<SaleInputSource, 'poll' | 'webhook' | 'relay' | 'event_log' | 'demo' | 'reconcile' | 'cancel'>;

export class PaymentService {
  /** Creates in flight by sale id: a retry with the same key waits for the same answer. */
  private readonly creating = new Map<string, Promise<SaleRecord>>();
  /** PaymentIntent reads in flight by sale id: concurrent hints share one read. */
  private readonly reading = new Map<string, Promise<void>>();
  /** A hint that arrived while a read was in flight: read once more after it. */
  private readonly rereads = new Map<string, { claim: PaymentIntentSnapshot; via: ReadSource }>();
  /** Hints whose read Stripe did not answer: read again on the watcher's next tick. */
  private readonly unansweredHints = new Map<string, { claim: PaymentIntentSnapshot; via: ReadSource }>();
  /** Sales whose reconciling read Stripe did not answer: read on the watcher's next tick. */
  private readonly owedReads = new Set<string>();
  private readonly scheduler: WatchScheduler;

  constructor(private readonly options: PaymentServiceOptions) {
    this.scheduler = options.scheduler ?? new WatchScheduler();
  }

  private get repo(): SalesRepository {
    return this.options.repository;
  }

  private now(): number {
    return this.scheduler.now();
  }

  async charge(request: ChargeOptions): Promise<Sale> {
    const amount = checkChargeAmount(request.amount);
    if (!amount.ok) {
      throw new PosError(amount.problem === 'too_small' ? 'amount_too_small' : amount.problem === 'too_large' ? 'amount_too_large' : 'invalid_input', `amount is ${amount.problem.replace('_', ' ')}`, 'amount');
    }
    const refused = this.options.chargesRefused?.() ?? null;
    if (refused !== null) throw new PosError('conflict', refused.message, refused.field);
    const now = this.now();
    const wanted: NewSale = {
      id: newSaleId(now),
      amount: amount.satang,
      description: request.description?.trim() || null,
      orderRef: request.orderRef?.trim() || null,
      email: request.email ?? this.options.shopEmail,
      metadata: request.metadata ?? {},
      source: request.source,
      tillId: this.options.tillId,
      cashier: request.cashier ?? null,
      cashierId: request.cashierId ?? null,
      requestKey: request.requestId ? `${request.source === 'api' ? 'rest' : 'till'}:${request.requestId}` : null,
      lines: request.lines,
      createdAt: now,
    };
    // Saved before Stripe is called: whatever happens next, the ledger knows this sale exists. With a
    // caller key, the UNIQUE index makes this the one sale for that key, even under concurrent retries.
    // The sale and its audit entry are one transaction (one commit before Stripe is asked, not two).
    const { sale, inserted } = this.atomically(() => {
      const saved = this.repo.insertOnce(wanted);
      if (saved.inserted) this.options.audit.record({ actor: saved.sale.cashier, action: 'sale.charge', saleId: saved.sale.id, detail: { amount: saved.sale.amount, source: saved.sale.source } }, now);
      return saved;
    });
    if (!inserted) return this.toSale(await this.replayCharge(sale, wanted));
    // Stripe is asked first; the screens hear of the saved sale ("preparing") while Stripe works on it,
    // so telling them never delays the request (and with it the QR). The SDK builds and sends its
    // request over several promise turns, so the screens are told on the next turn of the event loop,
    // once it is on its way (told at once, their work went first: ~2.5 ms later to Stripe, measured).
    // Stripe's answer is applied no sooner than its reply arrives, so this always goes out first; a
    // sale already moved on (a create refused at once) is not shown as preparing again.
    const created = this.createOnce(sale, 'create', true);
    // Its failure is the caller's answer below, even if telling the screens throws first.
    created.catch(() => undefined);
    setImmediate(() => {
      if (this.repo.get(sale.id)?.status === 'created') this.publish(sale);
    });
    return this.toSale(await created);
  }

  /**
   * A cash sale: needs an open shift on this till (the cash goes into its drawer). Saved and moved to
   * succeeded in one transaction (the cashier's word; Stripe is not involved, so the Stripe-account
   * gate does not apply, but a restore does). The same requestId finds the same sale.
   */
  cash(request: CashSaleOptions): Sale {
    this.refuseDuringMaintenance();
    const shiftId = this.options.drawer?.openShiftId() ?? null;
    if (shiftId === null) {
      throw new PosError('conflict', 'Open a shift first: count the float into the drawer, then take cash. Nothing was recorded.', NO_SHIFT_FIELD);
    }
    const sale = this.recordHandSale(this.handSale(request, 'cash', { cashTendered: request.tendered, shiftId }), { kind: 'cash_received' }, 'sale.cash', {
      tendered: request.tendered,
      change: request.tendered - request.amount,
    });
    this.options.drawer?.changed();
    return sale;
  }

  /**
   * A sale paid to the shop's own PromptPay ID: its QR (EMVCo, the amount embedded) is built here, so it
   * works with Stripe unreachable or under Stripe's minimum. It awaits the cashier's confirmation.
   */
  manualQr(request: HandSaleOptions): Sale {
    this.refuseDuringMaintenance();
    const promptPayId = this.options.promptPayId?.() ?? null;
    if (promptPayId === null) {
      throw new PosError('conflict', 'Set the shop’s PromptPay ID first (Manager → Settings). Nothing was recorded.', NO_PROMPTPAY_ID_FIELD);
    }
    const qrData = promptPayQrPayload(promptPayId, request.amount);
    const shiftId = this.options.drawer?.openShiftId() ?? null;
    return this.recordHandSale(this.handSale(request, 'promptpay_manual', { shiftId }), { kind: 'manual_qr_shown', qrData }, 'sale.manual_qr', {});
  }

  /**
   * The cashier saw the bank's notification for a hand-confirmed PromptPay sale: paid, on their word
   * (audited with who said so; every screen and report marks the tender unverified).
   */
  confirmManual(saleId: string, by: string | null): Sale {
    const sale = this.repo.get(saleId);
    if (!sale) throw new PosError('not_found', `No sale ${saleId}.`, 'saleId');
    if (sale.tender !== 'promptpay_manual') {
      throw new PosError('conflict', 'Only a sale paid to the shop’s own PromptPay QR is confirmed by hand; Stripe confirms PromptPay through Stripe, and cash is recorded when taken.', 'saleId');
    }
    if (sale.status === 'succeeded') return this.toSale(sale);
    if (sale.status !== 'awaiting_payment') {
      throw new PosError('conflict', `The sale is ${sale.status.replace('_', ' ')}; only a sale awaiting payment can be confirmed.`, 'saleId');
    }
    const now = this.now();
    const updated = this.atomically(() => {
      const moved = this.apply(saleId, { kind: 'manual_confirmed', by }, 'cashier');
      if (moved.status === 'succeeded') this.options.audit.record({ actor: by, action: 'sale.manual_confirmed', saleId, detail: { amount: sale.amount, unverified: true } }, now);
      return moved;
    });
    return this.toSale(updated);
  }

  private refuseDuringMaintenance(): void {
    // Only a restore stops a hand sale: the Stripe-account gate is about Stripe, which is not involved.
    const refused = this.options.chargesRefused?.() ?? null;
    if (refused?.field === 'maintenance') throw new PosError('conflict', refused.message, refused.field);
  }

  private handSale(request: HandSaleOptions, tender: Tender, extra: { cashTendered?: number; shiftId: string | null }): NewSale {
    const now = this.now();
    return {
      id: newSaleId(now),
      amount: request.amount,
      description: request.description?.trim() || null,
      orderRef: request.orderRef?.trim() || null,
      email: this.options.shopEmail,
      metadata: {},
      source: 'till',
      tillId: this.options.tillId,
      cashier: request.cashier ?? null,
      cashierId: request.cashierId ?? null,
      requestKey: request.requestId ? `till:${request.requestId}` : null,
      tender,
      cashTendered: extra.cashTendered ?? null,
      shiftId: extra.shiftId,
      lines: request.lines,
      createdAt: now,
    };
  }

  /**
   * Saves a hand sale and applies its first move (cash received, or the shop's QR shown) in one
   * transaction, so no half-recorded hand sale is ever left. A retry with the same key finds it.
   */
  private recordHandSale(wanted: NewSale, first: SaleInput, action: string, detail: Record<string, unknown>): Sale {
    const now = this.now();
    const { sale, fresh } = this.atomically(() => {
      const { sale: saved, inserted } = this.repo.insertOnce(wanted);
      if (!inserted) return { sale: saved, fresh: false };
      this.options.audit.record({ actor: saved.cashier, action, saleId: saved.id, detail: { amount: saved.amount, tender: saved.tender, ...detail } }, now);
      return { sale: this.apply(saved.id, first, 'cashier'), fresh: true };
    });
    if (fresh) return this.toSale(sale);
    if (!sameChargeRequest(sale, wanted) || sale.tender !== wanted.tender || sale.cashTendered !== (wanted.cashTendered ?? null)) {
      throw new PosError('conflict', 'This request id already made a different sale. Nothing was recorded; use a new request id for a new sale.');
    }
    this.repo.recordIgnored(sale.id, now, sale.source, 'sale.charge_retried', sale.status, { note: 'same key and request: same sale' });
    return this.toSale(sale);
  }

  private atomically<T>(work: () => T): T {
    return this.options.atomically ? this.options.atomically(work) : work();
  }

  /**
   * A charge retried with a key already used: the same request gets the same sale (waiting for its
   * create if it is still in flight, or finishing a create Stripe never answered — also after a crash);
   * a different request is refused and nothing is created.
   */
  private async replayCharge(existing: SaleRecord, wanted: NewSale): Promise<SaleRecord> {
    if (!sameChargeRequest(existing, wanted)) {
      throw new PosError('conflict', 'Idempotency-Key reused with different parameters: this key already made a different charge. Nothing was charged; use a new key for a new charge.');
    }
    const latest = this.repo.get(existing.id)!;
    // On the timeline (changing nothing): the caller asked again with the same key.
    this.repo.recordIgnored(latest.id, this.now(), latest.source, 'sale.charge_retried', latest.status, { note: 'same key and request: same sale' });
    const inFlight = this.creating.get(latest.id);
    // Another create for this sale is in flight (the first caller's, or the restart's own quiet one):
    // wait for it, but never hand back a sale Stripe has not answered for (no QR).
    if (inFlight) return answerForRetry(await inFlight);
    if (latest.status === 'created' && latest.paymentIntentId === null) {
      // The first attempt's create never got an answer: ask again with the same Idempotency-Key
      // (Stripe returns the PaymentIntent it may already have made). The caller is here: show its QR.
      this.scheduler.cancel(`create:${latest.id}`);
      return this.createOnce(latest, 'create', true);
    }
    return answerForRetry(latest);
  }

  private createOnce(sale: SaleRecord, via: SaleInputSource, report: boolean): Promise<SaleRecord> {
    const running = this.createPaymentIntent(sale, via, report).finally(() => this.creating.delete(sale.id));
    this.creating.set(sale.id, running);
    return running;
  }

  /**
   * Creates (or, with the same Idempotency-Key, finds again) the PaymentIntent for a saved sale.
   * `report` makes failures throw for the caller; background retries resolve them quietly instead.
   */
  private async createPaymentIntent(sale: SaleRecord, via: SaleInputSource, report: boolean): Promise<SaleRecord> {
    let snapshot: PaymentIntentSnapshot;
    try {
      snapshot = await this.options.gateway.createPromptPayIntent({
        saleId: sale.id,
        amount: sale.amount,
        email: sale.email,
        // Stripe emails its own receipt to a customer who gave an address (never to the shop's own).
        receiptEmail: sale.email !== this.options.shopEmail ? sale.email : null,
        description: sale.description,
        metadata: stripeMetadataFor(sale),
      });
    } catch (error) {
      const gatewayError = asGatewayError(error);
      if ((gatewayError.kind === 'unreachable' || gatewayError.kind === 'rate_limited') && !isStoredServerError(gatewayError)) {
        // The PaymentIntent may or may not exist. Keep the sale 'created' and finish it later with the
        // same Idempotency-Key (or when the caller retries with its key): it then awaits payment until
        // the QR timeout like any sale. Never a new key, so never a second charge.
        this.repo.recordIgnored(sale.id, this.now(), via, gatewayError.kind === 'rate_limited' ? 'stripe.rate_limited' : 'stripe.unreachable', sale.status, { message: gatewayError.message });
        this.scheduleCreateRetry(sale.id);
        if (report) throw toPosError(gatewayError, 'The sale is kept: it shows its QR as soon as Stripe answers (retry with the same key, or cancel it).');
        return this.repo.get(sale.id)!;
      }
      // Refused, or a stored server error Stripe will replay for this key forever: the sale fails clearly.
      const code = isStoredServerError(gatewayError) ? 'stripe_server_error' : gatewayError.stripeCode ?? gatewayError.kind;
      const failed = this.apply(sale.id, { kind: 'create_rejected', code }, via);
      if (report) throw toPosError(gatewayError);
      return failed;
    }
    this.scheduler.cancel(`create:${sale.id}`);
    const cancelIntent = this.repo.get(sale.id)!.cancelIntent;
    if (cancelIntent !== null && statusFromPaymentIntent(snapshot, cancelIntent) === 'awaiting_payment') {
      // Canceled while the create was in flight: never show this QR.
      return this.cancelUnshownIntent(sale.id, snapshot, cancelIntent, via);
    }
    const updated = this.applyAndSettle(sale.id, snapshot, via);
    if (updated.status === 'awaiting_payment') this.follow(updated);
    return updated;
  }

  /** Finishes an unanswered create in the background, backing off (same Idempotency-Key every time). */
  private scheduleCreateRetry(saleId: string): void {
    const key = `create:${saleId}`;
    const attempt = (this.createRetries.get(saleId) ?? 0) + 1;
    this.createRetries.set(saleId, attempt);
    this.scheduler.after(key, jittered(retryDelayMs(attempt)), () => this.finishCreate(saleId));
  }

  private readonly createRetries = new Map<string, number>();

  /**
   * A sale saved whose create never got an answer (crash, dropped link). Finish it with the same
   * Idempotency-Key. A QR nobody saw is harmless (nobody can pay it), so the sale then awaits payment
   * until the QR timeout, counted from when it was charged: a caller retrying with its key finds it
   * alive. One that nobody can be waiting for any more is canceled before its QR is ever shown.
   */
  private async finishCreate(saleId: string): Promise<void> {
    const sale = this.repo.get(saleId);
    if (!sale || sale.status !== 'created' || sale.paymentIntentId !== null || this.creating.has(saleId)) return;
    if (sale.cancelIntent === null && sale.createdAt + this.options.qrTimeoutMs <= this.now()) {
      this.apply(saleId, { kind: 'cancel_requested', intent: 'timeout' }, 'reconcile');
    }
    await this.createOnce(this.repo.get(saleId)!, 'reconcile', false);
  }

  /**
   * Cancels a PaymentIntent whose QR must never be shown (someone gave up while its create was in
   * flight). Only Stripe's word goes through the transition function; while Stripe has not confirmed,
   * the sale stays 'created' with its cancel pending — no QR is stored or published — and the
   * resolution is retried later (same Idempotency-Key, then cancel again).
   */
  private async cancelUnshownIntent(saleId: string, snapshot: PaymentIntentSnapshot, cancelIntent: CancelIntent, via: SaleInputSource): Promise<SaleRecord> {
    let answer: PaymentIntentSnapshot | null = null;
    let problem: string | null = null;
    try {
      answer = await this.options.gateway.cancelPaymentIntent(snapshot.id, cancelIntent === 'cashier' ? 'requested_by_customer' : 'abandoned');
    } catch (error) {
      const gatewayError = asGatewayError(error);
      problem = gatewayError.message;
      // A lost race (it moved on at Stripe): read what Stripe says now.
      if (gatewayError.kind === 'unexpected_state') answer = await this.options.gateway.retrievePaymentIntent(snapshot.id).catch(() => null);
    }
    const latest = this.repo.get(saleId)!;
    if (answer && statusFromPaymentIntent(answer, latest.cancelIntent) !== 'awaiting_payment') return this.applyAndSettle(saleId, answer, via);
    // Not canceled yet: keep the QR away from every screen and try the whole resolution again.
    this.repo.recordIgnored(saleId, this.now(), via, `payment_intent.${snapshot.status}`, latest.status, {
      paymentIntentId: snapshot.id,
      note: 'QR withheld: cancel pending, Stripe has not confirmed it yet; retrying',
      message: problem,
    });
    this.scheduleCreateRetry(saleId);
    return latest;
  }

  async cancel(saleId: string, intent: CancelIntent = 'cashier'): Promise<Sale> {
    const sale = this.repo.get(saleId);
    if (!sale) throw new PosError('not_found', `No sale ${saleId}.`, 'saleId');
    if (sale.status === 'canceled') return this.toSale(sale);
    if (sale.status !== 'created' && sale.status !== 'awaiting_payment') {
      throw new PosError('conflict', `The sale has already ${sale.status === 'succeeded' ? 'been paid' : sale.status}; it cannot be canceled.`);
    }
    this.options.audit.record({ actor: sale.cashier, action: 'sale.cancel', saleId, detail: { intent } }, this.now());
    // A hand sale has nobody else to ask: canceled at once, without a word to Stripe.
    if (!isStripeTender(sale.tender)) return this.toSale(this.apply(saleId, { kind: 'cancel_requested', intent }, 'cancel'));
    // Without a PaymentIntent yet, the create in flight (or its later resolution) cancels it.
    if (sale.paymentIntentId === null) {
      const marked = this.apply(saleId, { kind: 'cancel_requested', intent }, 'cancel');
      // Nothing in flight (the create is waiting for its retry): resolve it now rather than later.
      if (!this.creating.has(saleId) && this.scheduler.has(`create:${saleId}`)) {
        this.scheduler.cancel(`create:${saleId}`);
        this.scheduler.track(this.finishCreate(saleId)).catch(() => undefined);
      }
      return this.toSale(marked);
    }
    return this.toSale(await this.cancelWithStripe(sale, intent, true));
  }

  private async cancelWithStripe(sale: SaleRecord, intent: CancelIntent, report: boolean): Promise<SaleRecord> {
    const paymentIntentId = sale.paymentIntentId!;
    // Record why first: it decides whether Stripe's "canceled" reads as expired or canceled.
    this.apply(sale.id, { kind: 'cancel_requested', intent }, 'cancel');
    try {
      const snapshot = await this.options.gateway.cancelPaymentIntent(paymentIntentId, intent === 'cashier' ? 'requested_by_customer' : 'abandoned');
      return this.applyAndSettle(sale.id, snapshot, 'cancel');
    } catch (error) {
      const gatewayError = asGatewayError(error);
      if (gatewayError.kind === 'unexpected_state') {
        // The cancel lost a race (usually: the customer just paid). Stripe's word decides.
        const snapshot = await this.options.gateway.retrievePaymentIntent(paymentIntentId).catch(() => null);
        if (snapshot) return this.applyAndSettle(sale.id, snapshot, 'cancel');
      }
      // Try again later; the watcher keeps following the sale meanwhile.
      this.scheduler.after(`cancel:${sale.id}`, jittered(retryDelayMs(1)), async () => {
        const latest = this.repo.get(sale.id);
        if (latest?.status === 'awaiting_payment' && latest.cancelIntent !== null) await this.cancelWithStripe(latest, latest.cancelIntent, false);
      });
      if (report) throw toPosError(gatewayError);
      return this.repo.get(sale.id)!;
    }
  }

  /**
   * New QR: the same sale, amount, note and PaymentIntent, confirmed again at Stripe for a fresh QR
   * and a fresh QR timeout. Only after an expired or failed QR whose PaymentIntent Stripe keeps alive.
   */
  async renew(saleId: string): Promise<Sale> {
    const sale = this.repo.get(saleId);
    if (!sale) throw new PosError('not_found', `No sale ${saleId}.`, 'saleId');
    if (sale.status === 'awaiting_payment') return this.toSale(sale);
    if ((sale.status !== 'expired' && sale.status !== 'failed') || sale.paymentIntentId === null) {
      throw new PosError('conflict', `Only an expired or failed QR can be renewed; this sale is ${sale.status.replace('_', ' ')}.`);
    }
    if (sale.paymentIntentStatus === 'canceled') {
      throw new PosError('conflict', 'This sale’s PaymentIntent was canceled at Stripe, so it cannot show a new QR. Charge the amount again as a new sale.');
    }
    const attempt = this.repo.qrAttempt(saleId).attempt + 1;
    this.options.audit.record({ actor: sale.cashier, action: 'sale.renew', saleId, detail: { attempt } }, this.now());
    let snapshot: PaymentIntentSnapshot;
    try {
      snapshot = await this.options.gateway.confirmPromptPayIntent({ paymentIntentId: sale.paymentIntentId, email: sale.email, idempotencyKey: `${sale.id}:qr${attempt}` });
    } catch (error) {
      const gatewayError = asGatewayError(error);
      if (gatewayError.kind === 'unexpected_state') {
        // It moved on at Stripe (e.g. the customer paid the old QR after all): Stripe's word decides.
        await this.refresh(saleId, 'reconcile');
        const latest = this.repo.get(saleId)!;
        if (latest.status === 'succeeded') return this.toSale(latest);
      }
      throw toPosError(gatewayError);
    }
    const latest = this.repo.get(saleId)!;
    const now = this.now();
    const input: SaleInput = { kind: 'qr_renewed', snapshot, qrTimeoutMs: this.options.qrTimeoutMs };
    const decision = decideTransition(latest, input, now, this.repo.qrAttempt(saleId));
    if (!decision.applied) {
      this.repo.recordIgnored(saleId, now, 'create', 'sale.qr_renewed', latest.status, { note: decision.note });
      // Stripe's answer may still say something (e.g. paid): apply it the ordinary way.
      return this.toSale(this.applyAndSettle(saleId, snapshot, 'create'));
    }
    const updated = this.repo.startQrAttempt(saleId, attempt, decision.patch, now, {
      source: 'create', kind: 'sale.qr_renewed', fromStatus: latest.status, detail: { paymentIntentId: snapshot.id, attempt, note: decision.note },
    });
    this.publish(updated);
    this.follow(updated);
    return this.toSale(updated);
  }

  get(saleId: string): Sale {
    const sale = this.repo.get(saleId);
    if (!sale) throw new PosError('not_found', `No sale ${saleId}.`, 'saleId');
    return this.toSale(sale);
  }

  find(idOrPaymentIntentId: string): SaleRecord | null {
    return idOrPaymentIntentId.startsWith('pi_') ? this.repo.getByPaymentIntent(idOrPaymentIntentId) : this.repo.get(idOrPaymentIntentId);
  }

  list(limit = 20): Sale[] {
    return this.repo.recent(this.options.tillId, limit).map((sale) => this.toSale(sale));
  }

  /** The sale the customer display should show, or null for the idle screen. */
  current(): Sale | null {
    const [latest] = this.repo.recent(this.options.tillId, 1);
    if (!latest) return null;
    const active = latest.status === 'created' || latest.status === 'awaiting_payment';
    return active || this.now() - latest.updatedAt < CURRENT_SALE_GRACE_MS ? this.toSale(latest) : null;
  }

  /**
   * Something (a webhook, the relay, Stripe's event log) claims a PaymentIntent is in some state. A
   * claim is a hint, never proof: whoever holds the webhook secret can sign one. If the claim would
   * change the sale, the till reads the PaymentIntent with its own key and applies Stripe's answer —
   * the same path a poll takes. A claim that would change nothing (a duplicate, a sale already final,
   * a QR the till already shows) costs no request. Returns false when the PaymentIntent is not ours.
   */
  notice(claim: PaymentIntentSnapshot, via: ReadSource): boolean | Promise<void> {
    const sale = this.repo.getByPaymentIntent(claim.id);
    if (!sale) return false;
    if (!this.claimWouldMove(sale, claim)) return true;
    const running = this.reading.get(sale.id);
    if (running) {
      this.rereads.set(sale.id, { claim, via });
      // The read started when this one ends answers the hint (none is started if it no longer would move).
      return running.catch(() => undefined).then(() => this.reading.get(sale.id));
    }
    const read = this.read(sale.id, via, claim);
    this.scheduler.track(read).catch(() => undefined);
    // Resolves once Stripe's answer is in the ledger (the inbox counts the event as seen only then).
    return read;
  }

  /** Reads the sale's PaymentIntent from Stripe now and applies the answer (demo, tests, renew). */
  async refresh(saleId: string, via: ReadSource): Promise<Sale> {
    const running = this.reading.get(saleId);
    if (running) await running;
    else await this.read(saleId, via, null);
    return this.get(saleId);
  }

  private claimWouldMove(sale: SaleRecord, claim: PaymentIntentSnapshot): boolean {
    const input: SaleInput = { kind: 'payment_intent', snapshot: claim, via: 'event_log', qrTimeoutMs: this.options.qrTimeoutMs };
    return decideTransition(sale, input, this.now(), this.repo.qrAttempt(sale.id)).applied;
  }

  /** One read of one PaymentIntent at a time; a hint that arrives meanwhile gets one more read after. */
  private read(saleId: string, via: ReadSource, claim: PaymentIntentSnapshot | null): Promise<void> {
    const run = (async () => {
      const sale = this.repo.get(saleId);
      if (!sale?.paymentIntentId) return;
      const observedAt = this.now();
      try {
        const snapshot = await this.options.gateway.retrievePaymentIntent(sale.paymentIntentId);
        this.applyAndSettle(saleId, snapshot, via, observedAt);
      } catch (error) {
        // Stripe did not answer: keep the hint; the watcher's next tick asks again.
        if (claim) this.unansweredHints.set(saleId, { claim, via });
        throw error;
      }
    })().finally(() => {
      this.reading.delete(saleId);
      const next = this.rereads.get(saleId);
      this.rereads.delete(saleId);
      const latest = this.repo.get(saleId);
      if (next && latest && this.claimWouldMove(latest, next.claim)) this.scheduler.track(this.read(saleId, next.via, next.claim)).catch(() => undefined);
    });
    this.reading.set(saleId, run);
    return run;
  }

  /** The watcher's tick: hints whose read Stripe did not answer get their read now (one per sale). */
  retryHints(): void {
    for (const saleId of [...this.owedReads]) {
      this.owedReads.delete(saleId);
      if (this.reading.has(saleId)) continue;
      this.scheduler.track(this.read(saleId, 'reconcile', null)).catch((error: unknown) => this.oweRead(saleId, error));
    }
    for (const [saleId, { claim, via }] of [...this.unansweredHints]) {
      this.unansweredHints.delete(saleId);
      const sale = this.repo.get(saleId);
      if (!sale || !this.claimWouldMove(sale, claim)) continue;
      if (this.reading.has(saleId)) this.rereads.set(saleId, { claim, via });
      else this.scheduler.track(this.read(saleId, via, claim)).catch(() => undefined);
    }
  }

  /** When the newest sale still awaiting payment began awaiting (ms), or null: the watcher's pace. */
  newestAwaitingSince(): number | null {
    const awaiting = this.stripeUnfinished().filter((sale) => sale.status === 'awaiting_payment').map((sale) => sale.updatedAt);
    return awaiting.length > 0 ? Math.max(...awaiting) : null;
  }

  /** Whether Stripe may still tell about a sale: awaiting payment, or recently expired with a live PaymentIntent. */
  hasSalesToWatch(): boolean {
    return this.stripeUnfinished().some((sale) => sale.paymentIntentId !== null) || this.repo.closedWithLivePaymentIntent(this.now() - LATE_PAYMENT_WATCH_MS).length > 0;
  }

  /**
   * When the oldest sale Stripe may still move was created (epoch ms), or null: where an event-log
   * catch-up starts. Unfinished sales, and those closed by our QR timeout whose PaymentIntent lives on.
   */
  oldestWatchedAt(): number | null {
    const created = [...this.stripeUnfinished(), ...this.repo.closedWithLivePaymentIntent(this.now() - LATE_PAYMENT_WATCH_MS)].map((sale) => sale.createdAt);
    return created.length > 0 ? Math.min(...created) : null;
  }

  /**
   * Brings every sale Stripe may still move up to date: every unfinished sale, and every sale our own
   * QR timeout (or a failed attempt) closed within the late-payment watch while its PaymentIntent was
   * still alive. Run at start and after a restore, before the till accepts new sales. When Stripe's
   * event log has just been replayed for them (`eventLogReplayed`: every event since the oldest of
   * them, seen before or not, so no dedupe record stood in for Stripe's answer), they are current and
   * only resumed; otherwise each PaymentIntent is read back, and a read Stripe does not answer is
   * owed: the watcher's next tick asks again.
   */
  async reconcileUnfinished(options: { eventLogReplayed?: boolean } = {}): Promise<void> {
    const closedButAlive = this.repo.closedWithLivePaymentIntent(this.now() - LATE_PAYMENT_WATCH_MS);
    for (const sale of [...this.stripeUnfinished(), ...closedButAlive]) {
      if (sale.paymentIntentId === null) {
        // Interrupted create: finished in the background, so a caller retrying right after a restart
        // meets the same create (not a second one) and gets its sale alive with its QR.
        this.scheduler.after(`create:${sale.id}`, 0, () => this.finishCreate(sale.id));
        continue;
      }
      if (!options.eventLogReplayed) {
        try {
          await (this.reading.get(sale.id) ?? this.read(sale.id, 'reconcile', null));
        } catch (error) {
          this.oweRead(sale.id, error);
        }
      }
      const latest = this.repo.get(sale.id)!;
      if (latest.status !== 'awaiting_payment') continue;
      if (latest.cancelIntent !== null && latest.cancelIntent !== 'timeout') await this.cancelWithStripe(latest, latest.cancelIntent, false).catch(() => undefined);
      else this.follow(latest);
    }
    this.options.onOpenSalesChanged?.();
  }

  /**
   * Unfinished sales Stripe can tell about: hand sales (cash, the shop's own QR) have nothing at Stripe,
   * so the watcher never paces for them and reconciliation never asks (nor creates) anything for them.
   */
  private stripeUnfinished(): SaleRecord[] {
    return this.repo.unfinished().filter((sale) => isStripeTender(sale.tender));
  }

  /** A read Stripe did not answer (unreachable, busy) is asked again on the watcher's next tick. */
  private oweRead(saleId: string, error: unknown): void {
    const kind = error instanceof GatewayError ? error.kind : 'unreachable';
    if (kind === 'unreachable' || kind === 'rate_limited') this.owedReads.add(saleId);
  }

  /** A sale awaits payment: arm its QR timeout and let the watcher know. */
  private follow(sale: SaleRecord): void {
    if (sale.status !== 'awaiting_payment' || sale.paymentIntentId === null) return;
    if (sale.qrExpiresAt !== null) {
      this.scheduler.at(`qr:${sale.id}`, sale.qrExpiresAt, () => {
        const latest = this.repo.get(sale.id);
        if (latest?.status === 'awaiting_payment') this.apply(sale.id, { kind: 'qr_timeout' }, 'timeout');
      });
    }
    this.options.onOpenSalesChanged?.();
  }

  private applyAndSettle(saleId: string, snapshot: PaymentIntentSnapshot, via: SaleInputSource, observedAt?: number): SaleRecord {
    return this.apply(saleId, { kind: 'payment_intent', snapshot, via, qrTimeoutMs: this.options.qrTimeoutMs, observedAt }, via);
  }

  /** Runs the transition function and persists its decision (applied or ignored) atomically. */
  private apply(saleId: string, input: SaleInput, via: SaleInputSource): SaleRecord {
    const sale = this.repo.get(saleId)!;
    const now = this.now();
    const decision = decideTransition(sale, input, now, this.repo.qrAttempt(saleId));
    const kind = input.kind === 'payment_intent' ? `payment_intent.${input.snapshot.status}` : input.kind;
    const detail = input.kind === 'payment_intent'
      ? { paymentIntentId: input.snapshot.id, lastPaymentError: input.snapshot.lastPaymentErrorCode, note: decision.note }
      : { note: decision.note };
    if (!decision.applied) {
      this.repo.recordIgnored(saleId, now, via, kind, sale.status, detail);
      return sale;
    }
    const updated = this.repo.update(saleId, decision.patch, now, { source: via, kind, fromStatus: sale.status, detail });
    if (updated.status !== 'awaiting_payment') {
      this.scheduler.cancel(`qr:${saleId}`);
      this.scheduler.cancel(`cancel:${saleId}`);
    }
    if (updated.flagged && !sale.flagged) {
      // Money arrived for a sale the till had given up on (expired, canceled or failed): a person must
      // know — the customer may have paid twice or left. On the timeline, in the audit log, on screen.
      this.options.audit.record({ actor: 'stripe', action: 'sale.paid_after_giving_up', saleId, detail: { reason: updated.flagReason, amount: updated.amount, via } }, now);
    }
    this.publish(updated);
    // A poll that learns of a change first means push (webhook/relay) missed it: tell the path tracker.
    if (via === 'poll' && updated.status !== sale.status) this.options.onPollFoundChange?.(updated.id);
    if (updated.status !== sale.status) this.options.onOpenSalesChanged?.();
    return updated;
  }

  private publish(sale: SaleRecord): void {
    this.options.onSaleUpdated(this.toSale(sale));
  }

  /** The public sale with its QR attempt, so screens can tell a new QR from a stale update. */
  private toSale(record: SaleRecord): Sale {
    const lines = this.repo.lines(record.id);
    return { ...toPublicSale(record), qrAttempt: this.repo.qrAttempt(record.id).attempt, ...(lines.length > 0 ? { lines } : {}) };
  }

  /** Stops timers and waits for Stripe calls in flight, so a restart never leaves half-written work. */
  async close(): Promise<void> {
    await this.scheduler.close();
    await Promise.all([...this.creating.values()].map((run) => run.catch(() => undefined)));
  }
}

/**
 * What a caller retrying with its key gets from a create that was already in flight: its sale with
 * the QR, a definite end (refused, canceled), or a retryable error — never a sale Stripe has not
 * answered for yet (no PaymentIntent, no QR), which would look like a success without a QR.
 */
function answerForRetry(sale: SaleRecord): SaleRecord {
  if (sale.status === 'created' && sale.qrData === null && sale.cancelIntent === null) {
    throw new PosError('stripe_unreachable', 'Stripe has not answered this charge yet. The sale is kept: retry with the same key to get its QR (or cancel it).');
  }
  if (sale.status === 'failed' && sale.paymentIntentId === null) {
    // Stripe refused the first create: the retry gets the same refusal, not a second attempt.
    throw toPosError(new GatewayError('rejected', `Stripe refused this charge (${sale.failureCode ?? 'rejected'}).`, sale.failureCode));
  }
  return sale;
}

/** Whether a retried charge asks for exactly what the key's first charge asked for. */
function sameChargeRequest(existing: SaleRecord, wanted: NewSale): boolean {
  return (
    existing.amount === wanted.amount &&
    existing.description === wanted.description &&
    existing.orderRef === wanted.orderRef &&
    existing.email === wanted.email &&
    existing.source === wanted.source &&
    (existing.cashierId ?? null) === (wanted.cashierId ?? null) &&
    canonicalJson(existing.metadata) === canonicalJson(wanted.metadata)
  );
}

function canonicalJson(record: Record<string, string>): string {
  return JSON.stringify(Object.keys(record).sort().map((key) => [key, record[key]]));
}

/** Spreads retries so tills (and sales) that failed together do not retry together. */
export function jittered(ms: number): number {
  return Math.round(ms * (0.5 + Math.random() / 2));
}

function asGatewayError(error: unknown): GatewayError {
  return error instanceof GatewayError ? error : new GatewayError('unreachable', 'Stripe could not be reached.');
}

function toPosError(error: GatewayError, kept?: string): PosError {
  if (error.stripeCode === 'amount_too_small') return new PosError('amount_too_small', 'Stripe: the amount is below the minimum for THB.', 'amount');
  if (error.stripeCode === 'amount_too_large') return new PosError('amount_too_large', 'Stripe: the amount is above the maximum.', 'amount');
  if (error.kind === 'rate_limited') return new PosError('stripe_unreachable', `Stripe is busy right now (rate limit).${kept ? ` ${kept}` : ''}`);
  if (isStoredServerError(error)) return new PosError('stripe_error', 'Stripe failed on this charge and will not retry it; the sale failed and nothing was charged. Charge again as a new sale.');
  if (error.kind === 'unreachable') return new PosError('stripe_unreachable', `Stripe could not be reached. Check the internet connection.${kept ? ` ${kept}` : ''}`);
  if (error.kind === 'not_found') return new PosError('not_found', error.message);
  return new PosError('stripe_error', error.message);
}
