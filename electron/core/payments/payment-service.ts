// The sale path: save the sale → create and confirm the PaymentIntent (Idempotency-Key = sale id)
// → show the QR → watch it (adaptive polling, the app's own QR timeout) → forward-only transitions.
// On start, every unfinished sale is reconciled with Stripe before new sales are accepted.
import { checkChargeAmount } from '../../../shared/money';
import { PosError } from '../../../shared/pos-error';
import type { Sale } from '../../../shared/sale';
import type { AuditLog } from '../ledger/audit-log';
import { toPublicSale, type CancelIntent, type NewSale, type SaleRecord, type SalesRepository } from '../ledger/sales-repository';
import { GatewayError, type PaymentIntentSnapshot, type StripeGateway } from '../stripe/stripe-gateway';
import { adaptivePollSchedule, retryDelayMs, type PollSchedule } from './poll-schedule';
import { newSaleId } from './sale-ids';
import { decideTransition, statusFromPaymentIntent, type SaleInput, type SaleInputSource } from './sale-transitions';
import { stripeMetadataFor } from './stripe-metadata';

export interface PaymentServiceOptions {
  repository: SalesRepository;
  audit: AuditLog;
  gateway: StripeGateway;
  tillId: string;
  shopEmail: string;
  qrTimeoutMs: number;
  pollSchedule?: PollSchedule;
  now?: () => number;
  onSaleUpdated: (sale: Sale) => void;
  /** A poll moved a sale's status: push did not deliver it (first). */
  onPollFoundChange?: (saleId: string) => void;
  /** Refuses new charges while it returns a reason (maintenance such as a restore). */
  chargesRefused?: ChargeGate;
}

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
}

/** Why new sales are refused right now (e.g. a restore is replacing the ledger); null when they are not. */
export type ChargeGate = () => string | null;

interface Watch {
  poll?: NodeJS.Timeout;
  expiry?: NodeJS.Timeout;
  since: number;
  failures: number;
}

/** How long a finished sale stays on the customer display feed as "current". */
const CURRENT_SALE_GRACE_MS = 30_000;

export class PaymentService {
  private readonly watches = new Map<string, Watch>();
  private readonly pending = new Set<Promise<unknown>>();
  /** Creates in flight by sale id: a retry with the same key waits for the same answer. */
  private readonly creating = new Map<string, Promise<SaleRecord>>();
  private readonly now: () => number;
  private readonly schedule: PollSchedule;
  private closed = false;

  constructor(private readonly options: PaymentServiceOptions) {
    this.now = options.now ?? Date.now;
    this.schedule = options.pollSchedule ?? adaptivePollSchedule;
  }

  private get repo(): SalesRepository {
    return this.options.repository;
  }

  async charge(request: ChargeOptions): Promise<Sale> {
    const amount = checkChargeAmount(request.amount);
    if (!amount.ok) {
      throw new PosError(amount.problem === 'too_small' ? 'amount_too_small' : amount.problem === 'too_large' ? 'amount_too_large' : 'invalid_input', `amount is ${amount.problem.replace('_', ' ')}`, 'amount');
    }
    const refused = this.options.chargesRefused?.() ?? null;
    if (refused !== null) throw new PosError('conflict', refused, 'maintenance');
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
      createdAt: now,
    };
    // Saved before Stripe is called: whatever happens next, the ledger knows this sale exists. With a
    // caller key, the UNIQUE index makes this the one sale for that key, even under concurrent retries.
    const { sale, inserted } = this.repo.insertOnce(wanted);
    if (!inserted) return toPublicSale(await this.replayCharge(sale, wanted));
    this.options.audit.record({ actor: sale.cashier, action: 'sale.charge', saleId: sale.id, detail: { amount: sale.amount, source: sale.source } }, now);
    this.publish(sale);
    return toPublicSale(await this.createOnce(sale, 'create', true));
  }

  /**
   * A charge retried with a key already used: the same request gets the same sale (waiting for its
   * create if it is still in flight, or finishing a create Stripe never answered); a different request
   * is refused and nothing is created.
   */
  private async replayCharge(existing: SaleRecord, wanted: NewSale): Promise<SaleRecord> {
    if (!sameChargeRequest(existing, wanted)) {
      throw new PosError('conflict', 'Idempotency-Key reused with different parameters: this key already made a different charge. Nothing was charged; use a new key for a new charge.');
    }
    const latest = this.repo.get(existing.id)!;
    // On the timeline (changing nothing): the caller asked again with the same key.
    this.repo.recordIgnored(latest.id, this.now(), latest.source, 'sale.charge_retried', latest.status, { note: 'same key and request: same sale' });
    const inFlight = this.creating.get(latest.id);
    if (inFlight) return inFlight;
    if (latest.status === 'created' && latest.paymentIntentId === null && latest.cancelIntent === null) {
      // The first attempt's create never got an answer and nobody has given up on it: ask again with
      // the same Idempotency-Key (Stripe returns the PaymentIntent it may already have made).
      this.unwatch(latest.id);
      return this.createOnce(latest, 'create', true);
    }
    if (latest.status === 'failed' && latest.paymentIntentId === null) {
      // Stripe refused the first create: the retry gets the same refusal, not a second attempt.
      throw toPosError(new GatewayError('rejected', `Stripe refused this charge (${latest.failureCode ?? 'rejected'}).`, latest.failureCode));
    }
    return latest;
  }

  private createOnce(sale: SaleRecord, via: SaleInputSource, report: boolean): Promise<SaleRecord> {
    const running = this.createPaymentIntent(sale, via, report).finally(() => this.creating.delete(sale.id));
    this.creating.set(sale.id, running);
    return running;
  }

  /**
   * Creates (or, with the same Idempotency-Key, finds again) the PaymentIntent for a saved sale.
   * `report` makes failures throw for the caller; reconciliation resolves them quietly instead.
   */
  private async createPaymentIntent(sale: SaleRecord, via: SaleInputSource, report: boolean): Promise<SaleRecord> {
    let snapshot: PaymentIntentSnapshot;
    try {
      snapshot = await this.options.gateway.createPromptPayIntent({
        saleId: sale.id,
        amount: sale.amount,
        email: sale.email,
        description: sale.description,
        metadata: stripeMetadataFor(sale),
      });
    } catch (error) {
      const gatewayError = asGatewayError(error);
      if (gatewayError.kind === 'unreachable') {
        // The PaymentIntent may or may not exist. Keep the sale 'created'; a retry with the same
        // Idempotency-Key will find it, and since no QR was shown it is then canceled.
        this.repo.recordIgnored(sale.id, this.now(), via, 'stripe.unreachable', sale.status, { message: gatewayError.message });
        this.scheduleInterruptedCreateResolution(sale.id, 1);
        if (report) throw new PosError('stripe_unreachable', 'Stripe could not be reached; the sale was not charged.');
        return this.repo.get(sale.id)!;
      }
      const failed = this.apply(sale.id, { kind: 'create_rejected', code: gatewayError.stripeCode ?? gatewayError.kind }, via);
      if (report) throw toPosError(gatewayError);
      return failed;
    }
    const cancelIntent = this.repo.get(sale.id)!.cancelIntent;
    if (cancelIntent !== null && statusFromPaymentIntent(snapshot, cancelIntent) === 'awaiting_payment') {
      // Canceled while the create was in flight (or an interrupted create): never show this QR.
      return this.cancelUnshownIntent(sale.id, snapshot, cancelIntent, via);
    }
    const updated = this.applyAndSettle(sale.id, snapshot, via);
    if (updated.status === 'awaiting_payment') this.watch(updated);
    return updated;
  }

  /**
   * Cancels a PaymentIntent whose QR must never be shown (someone gave up while its create was in
   * flight, or the create was interrupted). Only Stripe's word goes through the transition function;
   * while Stripe has not confirmed, the sale stays 'created' with its cancel pending — no QR is stored
   * or published — and the resolution is retried later (same Idempotency-Key, then cancel again).
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
    const watch = this.watchFor(saleId);
    watch.failures += 1;
    this.scheduleInterruptedCreateResolution(saleId, watch.failures);
    return latest;
  }

  async cancel(saleId: string, intent: CancelIntent = 'cashier'): Promise<Sale> {
    const sale = this.repo.get(saleId);
    if (!sale) throw new PosError('not_found', `No sale ${saleId}.`, 'saleId');
    if (sale.status === 'canceled') return toPublicSale(sale);
    if (sale.status !== 'created' && sale.status !== 'awaiting_payment') {
      throw new PosError('conflict', `The sale has already ${sale.status === 'succeeded' ? 'been paid' : sale.status}; it cannot be canceled.`);
    }
    this.options.audit.record({ actor: sale.cashier, action: 'sale.cancel', saleId, detail: { intent } }, this.now());
    // Without a PaymentIntent yet, the create in flight (or its later resolution) cancels it.
    if (sale.paymentIntentId === null) return toPublicSale(this.apply(saleId, { kind: 'cancel_requested', intent }, 'cancel'));
    return toPublicSale(await this.cancelWithStripe(sale, intent, true));
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
      // Keep watching: the next poll or the QR timeout tries again.
      this.watch(this.repo.get(sale.id)!);
      if (report) throw toPosError(gatewayError);
      return this.repo.get(sale.id)!;
    }
  }

  get(saleId: string): Sale {
    const sale = this.repo.get(saleId);
    if (!sale) throw new PosError('not_found', `No sale ${saleId}.`, 'saleId');
    return toPublicSale(sale);
  }

  find(idOrPaymentIntentId: string): SaleRecord | null {
    return idOrPaymentIntentId.startsWith('pi_') ? this.repo.getByPaymentIntent(idOrPaymentIntentId) : this.repo.get(idOrPaymentIntentId);
  }

  list(limit = 20): Sale[] {
    return this.repo.recent(this.options.tillId, limit).map(toPublicSale);
  }

  /** The sale the customer display should show, or null for the idle screen. */
  current(): Sale | null {
    const [latest] = this.repo.recent(this.options.tillId, 1);
    if (!latest) return null;
    const active = latest.status === 'created' || latest.status === 'awaiting_payment';
    return active || this.now() - latest.updatedAt < CURRENT_SALE_GRACE_MS ? toPublicSale(latest) : null;
  }

  /** Feeds what Stripe says about a PaymentIntent (from a webhook, relay or event log) into the sale. */
  observePaymentIntent(snapshot: PaymentIntentSnapshot, via: SaleInputSource): Sale | null {
    const sale = this.repo.getByPaymentIntent(snapshot.id);
    if (!sale) return null;
    return toPublicSale(this.applyAndSettle(sale.id, snapshot, via));
  }

  /** When the oldest unfinished sale was created (epoch ms), or null: where an event-log catch-up starts. */
  oldestUnfinishedAt(): number | null {
    return this.repo.unfinished()[0]?.createdAt ?? null;
  }

  /**
   * Brings every unfinished sale up to date with Stripe. Run before the till accepts new sales.
   * When Stripe's event log has just been applied (`eventLogCaughtUp`), awaiting sales are already
   * current and are only resumed; otherwise each PaymentIntent is read back.
   */
  async reconcileUnfinished(options: { eventLogCaughtUp?: boolean } = {}): Promise<void> {
    for (const sale of this.repo.unfinished()) {
      const fromLog = options.eventLogCaughtUp === true && sale.paymentIntentId !== null;
      await this.reconcile(sale, fromLog).catch(() => this.scheduleRetryWatch(sale.id));
    }
  }

  /** Push went away: bring every watched sale's next poll forward to the full-speed schedule. */
  rescheduleWatches(): void {
    for (const [saleId, watch] of this.watches) {
      // Only polls: the same timer slot may hold the retry of an interrupted create, which must stay.
      const sale = watch.poll ? this.repo.get(saleId) : null;
      if (sale?.status === 'awaiting_payment' && sale.paymentIntentId !== null) this.schedulePoll(saleId);
    }
  }

  private async reconcile(sale: SaleRecord, currentFromEventLog = false): Promise<void> {
    if (sale.paymentIntentId === null) {
      await this.resolveInterruptedCreate(sale.id);
      return;
    }
    const updated = currentFromEventLog
      ? this.repo.get(sale.id)!
      : this.applyAndSettle(sale.id, await this.options.gateway.retrievePaymentIntent(sale.paymentIntentId), 'reconcile');
    if (updated.status === 'awaiting_payment') {
      if (updated.cancelIntent !== null || (updated.qrExpiresAt !== null && updated.qrExpiresAt <= this.now())) {
        await this.cancelWithStripe(updated, updated.cancelIntent ?? 'timeout', false);
      } else {
        this.watch(updated);
      }
    }
  }

  /**
   * A sale saved but whose create never got an answer (crash, dropped link). Its QR was never shown,
   * so nobody can have paid it: find the PaymentIntent with the same Idempotency-Key and cancel it.
   */
  private async resolveInterruptedCreate(saleId: string): Promise<void> {
    const sale = this.repo.get(saleId);
    if (!sale || sale.status !== 'created' || sale.paymentIntentId !== null) return;
    const marked = this.apply(saleId, { kind: 'cancel_requested', intent: sale.cancelIntent ?? 'interrupted' }, 'reconcile');
    await this.createPaymentIntent(marked, 'reconcile', false);
  }

  private scheduleInterruptedCreateResolution(saleId: string, attempt: number): void {
    this.later(saleId, 'poll', retryDelayMs(attempt), async () => {
      const sale = this.repo.get(saleId);
      if (!sale || sale.status !== 'created') return;
      await this.resolveInterruptedCreate(saleId);
    });
  }

  private scheduleRetryWatch(saleId: string): void {
    const watch = this.watchFor(saleId);
    watch.failures += 1;
    this.later(saleId, 'poll', retryDelayMs(watch.failures), () => {
      const sale = this.repo.get(saleId);
      return sale && (sale.status === 'created' || sale.status === 'awaiting_payment') ? this.reconcile(sale) : undefined;
    });
  }

  /** Polls an awaiting sale and enforces the app's QR timeout. */
  private watch(sale: SaleRecord): void {
    if (this.closed || sale.status !== 'awaiting_payment' || sale.paymentIntentId === null) return;
    const watch = this.watchFor(sale.id);
    if (!watch.expiry && sale.qrExpiresAt !== null) {
      watch.expiry = this.timer(Math.max(0, sale.qrExpiresAt - this.now()), () => {
        watch.expiry = undefined;
        const latest = this.repo.get(sale.id);
        if (latest?.status === 'awaiting_payment') this.track(this.cancelWithStripe(latest, 'timeout', false));
      });
    }
    if (!watch.poll) this.schedulePoll(sale.id);
  }

  private schedulePoll(saleId: string): void {
    const watch = this.watchFor(saleId);
    const delay = watch.failures > 0 ? retryDelayMs(watch.failures) : this.schedule.nextDelayMs(this.now() - watch.since);
    this.later(saleId, 'poll', delay, async () => {
      const sale = this.repo.get(saleId);
      if (!sale || sale.status !== 'awaiting_payment' || !sale.paymentIntentId) return this.unwatch(saleId);
      try {
        const snapshot = await this.options.gateway.retrievePaymentIntent(sale.paymentIntentId);
        watch.failures = 0;
        this.applyAndSettle(saleId, snapshot, 'poll');
      } catch {
        watch.failures += 1;
      }
      const latest = this.repo.get(saleId);
      if (latest?.status === 'awaiting_payment') this.schedulePoll(saleId);
    });
  }

  private later(saleId: string, slot: 'poll', delay: number, run: () => Promise<unknown> | unknown): void {
    const watch = this.watchFor(saleId);
    if (watch[slot]) clearTimeout(watch[slot]);
    watch[slot] = this.timer(delay, () => {
      watch[slot] = undefined;
      this.track(Promise.resolve().then(run));
    });
  }

  private timer(delay: number, run: () => void): NodeJS.Timeout | undefined {
    if (this.closed) return undefined;
    const handle = setTimeout(run, delay);
    handle.unref?.();
    return handle;
  }

  private track(work: Promise<unknown>): void {
    const guarded = work.catch(() => undefined).finally(() => this.pending.delete(guarded));
    this.pending.add(guarded);
  }

  private watchFor(saleId: string): Watch {
    let watch = this.watches.get(saleId);
    if (!watch) {
      watch = { since: this.now(), failures: 0 };
      this.watches.set(saleId, watch);
    }
    return watch;
  }

  private unwatch(saleId: string): void {
    const watch = this.watches.get(saleId);
    if (!watch) return;
    clearTimeout(watch.poll);
    clearTimeout(watch.expiry);
    this.watches.delete(saleId);
  }

  private applyAndSettle(saleId: string, snapshot: PaymentIntentSnapshot, via: SaleInputSource): SaleRecord {
    const updated = this.apply(saleId, { kind: 'payment_intent', snapshot, via, qrTimeoutMs: this.options.qrTimeoutMs }, via);
    if (updated.status !== 'awaiting_payment' && updated.status !== 'created') this.unwatch(saleId);
    return updated;
  }

  /** Runs the transition function and persists its decision (applied or ignored) atomically. */
  private apply(saleId: string, input: SaleInput, via: SaleInputSource): SaleRecord {
    const sale = this.repo.get(saleId)!;
    const now = this.now();
    const decision = decideTransition(sale, input, now);
    const kind = input.kind === 'payment_intent' ? `payment_intent.${input.snapshot.status}` : input.kind;
    const detail = input.kind === 'payment_intent'
      ? { paymentIntentId: input.snapshot.id, lastPaymentError: input.snapshot.lastPaymentErrorCode, note: decision.note }
      : { note: decision.note };
    if (!decision.applied) {
      this.repo.recordIgnored(saleId, now, via, kind, sale.status, detail);
      return sale;
    }
    const updated = this.repo.update(saleId, decision.patch, now, { source: via, kind, fromStatus: sale.status, detail });
    this.publish(updated);
    // A poll that learns of a change first means push (webhook/relay) missed it: tell the path tracker.
    if (via === 'poll' && updated.status !== sale.status) this.options.onPollFoundChange?.(updated.id);
    return updated;
  }

  private publish(sale: SaleRecord): void {
    this.options.onSaleUpdated(toPublicSale(sale));
  }

  /** Stops timers and waits for Stripe calls in flight, so a restart never leaves half-written work. */
  async close(): Promise<void> {
    this.closed = true;
    for (const saleId of [...this.watches.keys()]) this.unwatch(saleId);
    await Promise.all([...this.pending]);
  }
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

function asGatewayError(error: unknown): GatewayError {
  return error instanceof GatewayError ? error : new GatewayError('unreachable', 'Stripe could not be reached.');
}

function toPosError(error: GatewayError): PosError {
  if (error.stripeCode === 'amount_too_small') return new PosError('amount_too_small', 'Stripe: the amount is below the minimum for THB.', 'amount');
  if (error.stripeCode === 'amount_too_large') return new PosError('amount_too_large', 'Stripe: the amount is above the maximum.', 'amount');
  if (error.kind === 'unreachable') return new PosError('stripe_unreachable', 'Stripe could not be reached. Check the internet connection.');
  if (error.kind === 'not_found') return new PosError('not_found', error.message);
  return new PosError('stripe_error', error.message);
}
