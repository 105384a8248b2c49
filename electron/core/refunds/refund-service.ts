// Refunds through Stripe: save the refund row first (its id is the Idempotency-Key), checked against
// what is still refundable inside one transaction, then ask Stripe; follow its status with checks that
// back off (minutes, then hourly after a day) and stop once final, on the till's one watch scheduler.
// What the webhook/relay/event log feed into observeStripeRefund is a hint: the refund is read back
// from Stripe before it moves. Refunds of hand tenders (cash from the drawer, the shop's own PromptPay
// paid back by bank transfer) never reach Stripe: they are recorded as handed back, at once.
import type { Refund } from '../../../shared/manager-types';
import { satangToDecimal } from '../../../shared/money';
import { PosError } from '../../../shared/pos-error';
import { isStripeTender } from '../../../shared/tender';
import type { AuditLog } from '../ledger/audit-log';
import type { LedgerDb } from '../ledger/open-ledger';
import type { SaleRecord, SalesRepository } from '../ledger/sales-repository';
import { NO_SHIFT_FIELD, type CashDrawer } from '../payments/payment-service';
import { WatchScheduler } from '../payments/watch-scheduler';
import { GatewayError, isStoredServerError, type RefundSnapshot, type StripeGateway } from '../stripe/stripe-gateway';
import { newRefundId } from './refund-ids';
import type { RefundRepository } from './refund-repository';
import { decideRefundTransition, isFinalRefundStatus } from './refund-transitions';

export type RefundInputSource = 'create' | 'poll' | 'webhook' | 'relay' | 'event_log' | 'reconcile';

/** PromptPay refunds wait days for the customer's bank details: check briskly at first, then rarely. */
export function defaultRefundPollDelayMs(attempt: number): number {
  return [5_000, 15_000, 30_000, 60_000][attempt] ?? 5 * 60_000;
}

/** A refund still open after a day is checked hourly (Stripe's read allowance is per transaction). */
export const REFUND_HOURLY_AFTER_MS = 24 * 3600_000;
const HOUR_MS = 3600_000;

export interface RefundServiceOptions {
  db: LedgerDb;
  refunds: RefundRepository;
  sales: SalesRepository;
  gateway: StripeGateway;
  audit: AuditLog;
  tillId: string;
  pollDelayMs?: (attempt: number) => number;
  /** The till's one watch scheduler (its clock too); a service of its own when absent. */
  scheduler?: WatchScheduler;
  onRefundUpdated: (refund: Refund) => void;
  /** The till's drawer: cash refunds come out of its open shift. Without one, cash refunds are refused. */
  drawer?: CashDrawer;
}

export interface CreateRefundRequest {
  saleId: string;
  amount: number;
  email?: string;
  reason?: Refund['reason'];
}

export class RefundService {
  /** How many checks each open refund has had (its back-off step). */
  private readonly attempts = new Map<string, number>();
  /** Read-backs in flight by Stripe refund id: concurrent hints share one read. */
  private readonly reading = new Map<string, Promise<void>>();
  private readonly scheduler: WatchScheduler;

  constructor(private readonly options: RefundServiceOptions) {
    this.scheduler = options.scheduler ?? new WatchScheduler();
  }

  private now(): number {
    return this.scheduler.now();
  }

  private get repo(): RefundRepository {
    return this.options.refunds;
  }

  get(refundId: string): Refund {
    const refund = this.repo.get(refundId);
    if (!refund) throw new PosError('not_found', `No refund ${refundId}.`, 'refundId');
    return refund;
  }

  forSale(saleId: string): Refund[] {
    return this.repo.forSale(saleId);
  }

  /** What can still be refunded: a succeeded sale's amount minus refunds not failed or canceled. */
  refundable(saleId: string): number {
    const sale = this.options.sales.get(saleId);
    if (!sale || sale.status !== 'succeeded') return 0;
    return Math.max(0, sale.amount - this.repo.committedAmount(saleId));
  }

  async create(request: CreateRefundRequest, actor: string | null): Promise<Refund> {
    const tender = this.options.sales.get(request.saleId)?.tender;
    if (tender !== undefined && !isStripeTender(tender)) return this.recordHandRefund(request, actor);
    const now = this.now();
    // Checked and saved in one write transaction: two refunds racing cannot both fit the remainder.
    const { refund, paymentIntentId } = this.options.db.transaction(() => {
      const sale = this.refundableSale(request);
      const saved = this.repo.insert({
        id: newRefundId(now),
        saleId: sale.id,
        amount: request.amount,
        // PromptPay refunds need the customer's email: Stripe writes to it for bank details.
        email: request.email ?? sale.email,
        reason: request.reason ?? null,
        requestedBy: actor,
        tillId: this.options.tillId,
        createdAt: now,
      });
      this.repo.recordOnTimeline(sale.id, now, actor ?? 'api', 'refund.requested', true, { refundId: saved.id, amount: saved.amount });
      return { refund: saved, paymentIntentId: sale.paymentIntentId! };
    }).immediate();
    this.options.audit.record({ actor, action: 'refund.create', saleId: refund.saleId, detail: { refundId: refund.id, amount: refund.amount, reason: refund.reason } }, now);
    this.options.onRefundUpdated(refund);
    return this.sendToStripe(refund, paymentIntentId, true);
  }

  /**
   * A refund of a cash or hand-confirmed PromptPay sale: the money is handed back by the shop (cash from
   * the drawer of this till's open shift; a bank transfer for the shop's own PromptPay), so it is
   * recorded succeeded at once, checked against the remainder in the same transaction, and audited
   * with the manager who recorded it. No Stripe call: Stripe never saw this money.
   */
  private recordHandRefund(request: CreateRefundRequest, actor: string | null): Refund {
    const now = this.now();
    const refund = this.options.db.transaction(() => {
      const sale = this.refundableSale(request);
      const shiftId = sale.tender === 'cash' ? this.options.drawer?.openShiftId() ?? null : null;
      if (sale.tender === 'cash' && shiftId === null) {
        throw new PosError('conflict', 'Open a shift first: a cash refund is handed back from the drawer. Nothing was refunded.', NO_SHIFT_FIELD);
      }
      const saved = this.repo.insert({
        id: newRefundId(now),
        saleId: sale.id,
        amount: request.amount,
        email: request.email ?? null,
        reason: request.reason ?? null,
        requestedBy: actor,
        tillId: this.options.tillId,
        createdAt: now,
        tender: sale.tender,
        status: 'succeeded',
        shiftId,
      });
      const action = sale.tender === 'cash' ? 'refund.cash_recorded' : 'refund.manual_recorded';
      this.repo.recordOnTimeline(sale.id, now, actor ?? 'api', action, true, { refundId: saved.id, amount: saved.amount, tender: sale.tender });
      this.options.audit.record({ actor, action, saleId: sale.id, detail: { refundId: saved.id, amount: saved.amount, reason: saved.reason, tender: sale.tender, shiftId } }, now);
      return saved;
    }).immediate();
    this.options.onRefundUpdated(refund);
    if (refund.tender === 'cash') this.options.drawer?.changed();
    return refund;
  }

  /** The sale, if it is paid and the amount fits what is still refundable (call inside the write transaction). */
  private refundableSale(request: CreateRefundRequest): SaleRecord {
    const sale = this.options.sales.get(request.saleId);
    if (!sale) throw new PosError('not_found', `No sale ${request.saleId}.`, 'saleId');
    if (sale.status !== 'succeeded' || (isStripeTender(sale.tender) && !sale.paymentIntentId)) {
      throw new PosError('sale_not_refundable', `Only a paid sale can be refunded; this sale is ${sale.status.replace('_', ' ')}. Nothing was refunded.`, 'saleId');
    }
    const remaining = sale.amount - this.repo.committedAmount(sale.id);
    if (request.amount > remaining) {
      const message = remaining <= 0
        ? 'This sale has already been refunded in full. Nothing was refunded.'
        : `At most ฿${satangToDecimal(remaining)} can still be refunded on this sale (asked ฿${satangToDecimal(request.amount)}). Nothing was refunded.`;
      throw new PosError('refund_exceeds_remaining', message, 'amount');
    }
    return sale;
  }

  /** Creates (or, with the same Idempotency-Key, finds again) the Stripe refund for a saved row. */
  private async sendToStripe(refund: Refund, paymentIntentId: string, report: boolean): Promise<Refund> {
    try {
      const snapshot = await this.options.gateway.createRefund({
        refundId: refund.id,
        saleId: refund.saleId,
        paymentIntentId,
        amount: refund.amount,
        instructionsEmail: refund.email,
        reason: refund.reason,
      });
      const updated = this.apply(refund.id, snapshot, 'create');
      this.watch(updated);
      return updated;
    } catch (error) {
      const gatewayError = error instanceof GatewayError ? error : new GatewayError('unreachable', 'Stripe could not be reached.');
      const storedServerError = isStoredServerError(gatewayError);
      if ((gatewayError.kind === 'unreachable' || gatewayError.kind === 'rate_limited') && !storedServerError) {
        // Unknown outcome: keep it pending and retry with the same Idempotency-Key.
        this.repo.recordOnTimeline(refund.saleId, this.now(), 'stripe', 'refund.unreachable', false, { refundId: refund.id });
        this.watch(this.repo.get(refund.id)!);
        return this.repo.get(refund.id)!;
      }
      if (storedServerError) return this.settleStoredServerError(refund, paymentIntentId, gatewayError, report);
      return this.fail(refund, gatewayError.stripeCode ?? gatewayError.message, gatewayError, report ? `Stripe refused the refund: ${gatewayError.message}` : null);
    }
  }

  /**
   * Stripe stored a 500 for this refund's Idempotency-Key and replays it to every retry with that key,
   * so retrying can never get another answer. Stripe documents a 500's outcome as unknown ("reconcile
   * the request before starting another operation", docs.stripe.com/error-handling, server errors), so
   * before saying failed the till looks for a refund carrying our refund id on that PaymentIntent:
   * found, it is followed like any refund; none, nothing was refunded and the refund fails plainly
   * (stripe_server_error), so the manager may refund again — a new refund, with a new id and key,
   * which cannot refund twice because the first exists nowhere at Stripe. If Stripe cannot be asked
   * now, the refund stays pending and the check comes again with its next poll.
   */
  private async settleStoredServerError(refund: Refund, paymentIntentId: string, cause: GatewayError, report: boolean): Promise<Refund> {
    let found: RefundSnapshot | null;
    try {
      found = await this.options.gateway.findRefund(paymentIntentId, refund.id);
    } catch {
      this.repo.recordOnTimeline(refund.saleId, this.now(), 'stripe', 'refund.unreachable', false, { refundId: refund.id, note: 'stored server error; Stripe not asked yet whether the refund exists' });
      this.watch(this.repo.get(refund.id)!);
      if (report) throw new PosError('stripe_unreachable', 'Stripe failed on this refund and could not be asked whether it was made; the till checks again shortly.');
      return this.repo.get(refund.id)!;
    }
    if (found) {
      const updated = this.apply(refund.id, found, 'reconcile');
      this.watch(updated);
      return updated;
    }
    return this.fail(refund, 'stripe_server_error', cause, report ? 'Stripe failed on this refund and will not retry it; nothing was refunded. Refund again to try once more.' : null);
  }

  /** The refund ends failed with its reason, on the timeline and in the audit log. */
  private fail(refund: Refund, reason: string, cause: GatewayError, reportMessage: string | null): Refund {
    const failed = this.repo.update(refund.id, { status: 'failed', failureReason: reason }, this.now());
    this.repo.recordOnTimeline(refund.saleId, this.now(), 'stripe', 'refund.rejected', true, { refundId: refund.id, code: reason, message: cause.message });
    this.options.audit.record({ actor: 'stripe', action: 'refund.failed', saleId: refund.saleId, detail: { refundId: refund.id, code: reason } }, this.now());
    this.unwatch(refund.id);
    this.options.onRefundUpdated(failed);
    if (reportMessage !== null) throw new PosError('stripe_error', reportMessage);
    return failed;
  }

  /**
   * A webhook, the relay or the event log claims something about a refund: a hint (anyone with the
   * webhook secret can sign one). If the claim would change our refund, the refund is read from Stripe
   * with the till's own key and Stripe's answer applied; a claim that changes nothing costs nothing.
   */
  observeStripeRefund(claim: RefundSnapshot, via: RefundInputSource): Refund | null {
    const refund = this.repo.getByStripeId(claim.id) ?? (claim.localRefundId ? this.repo.get(claim.localRefundId) : null);
    if (!refund) return null;
    // Stripe never held a hand-tender refund: whatever an event claims about one changes nothing.
    if (!isStripeTender(refund.tender)) return refund;
    if (refund.stripeRefundId !== null && refund.stripeRefundId !== claim.id) return refund;
    const wouldMove = decideRefundTransition(refund.status, claim.status, refund.stripeRefundId !== null).applied;
    if (wouldMove && !this.reading.has(claim.id)) {
      const read = this.options.gateway.retrieveRefund(claim.id)
        .then((answer) => {
          // Stripe's own refund must be this refund of ours (an attacker may name another one).
          const ours = answer.id === refund.stripeRefundId || answer.localRefundId === refund.id;
          if (ours) this.apply(refund.id, answer, via);
          const latest = this.repo.get(refund.id);
          if (latest && isFinalRefundStatus(latest.status)) this.unwatch(latest.id);
        })
        .finally(() => this.reading.delete(claim.id));
      this.reading.set(claim.id, read);
      this.scheduler.track(read).catch(() => undefined);
    }
    return refund;
  }

  private apply(refundId: string, snapshot: RefundSnapshot, via: RefundInputSource): Refund {
    const refund = this.repo.get(refundId)!;
    const now = this.now();
    if (refund.stripeRefundId !== null && refund.stripeRefundId !== snapshot.id) {
      this.repo.recordOnTimeline(refund.saleId, now, via, `refund.${snapshot.status}`, false, { refundId, stripeRefundId: snapshot.id, note: 'a different Stripe refund' });
      return refund;
    }
    const decision = decideRefundTransition(refund.status, snapshot.status, refund.stripeRefundId !== null);
    const detail = { refundId, stripeRefundId: snapshot.id, failureReason: snapshot.failureReason, note: decision.note, ...(decision.reversal ? { reversal: true } : {}) };
    if (!decision.applied) {
      if (refund.stripeRefundId === null) this.repo.update(refundId, { stripeRefundId: snapshot.id }, now);
      this.repo.recordOnTimeline(refund.saleId, now, via, `refund.${snapshot.status}`, false, detail);
      return this.repo.get(refundId)!;
    }
    const updated = this.options.db.transaction(() => {
      this.repo.recordOnTimeline(refund.saleId, now, via, `refund.${snapshot.status}`, true, detail);
      return this.repo.update(refundId, { status: snapshot.status, stripeRefundId: snapshot.id, failureReason: snapshot.failureReason }, now);
    })();
    if (decision.reversal) {
      // The customer did not get this money after all: a person must follow up (refund again, or pay
      // out another way). The amount counts as refundable again and leaves the refunded totals.
      this.options.audit.record({
        actor: 'stripe',
        action: 'refund.failed_after_succeeded',
        saleId: updated.saleId,
        detail: { refundId, amount: updated.amount, failureReason: updated.failureReason, via, flagged: true },
      }, now);
    } else if (isFinalRefundStatus(updated.status)) {
      this.options.audit.record({ actor: 'stripe', action: `refund.${updated.status}`, saleId: updated.saleId, detail: { refundId, amount: updated.amount, via } }, now);
    }
    this.options.onRefundUpdated(updated);
    return updated;
  }

  /** Starts following every refund still in progress (at start, and after a restore). */
  resumeOpen(): void {
    for (const refund of this.repo.open()) this.watch(refund);
  }

  private watch(refund: Refund): void {
    if (isFinalRefundStatus(refund.status) || this.scheduler.has(`refund:${refund.id}`)) return;
    this.schedule(refund.id);
  }

  /** The next check: the back-off steps, then hourly once the refund is a day old. */
  private schedule(refundId: string): void {
    const refund = this.repo.get(refundId);
    if (!refund || isFinalRefundStatus(refund.status)) return;
    const attempt = this.attempts.get(refundId) ?? 0;
    this.attempts.set(refundId, attempt + 1);
    const step = (this.options.pollDelayMs ?? defaultRefundPollDelayMs)(attempt);
    const delay = this.now() - refund.createdAt >= REFUND_HOURLY_AFTER_MS ? Math.max(step, HOUR_MS) : step;
    this.scheduler.after(`refund:${refundId}`, delay, async () => {
      await this.poll(refundId).catch(() => undefined);
      this.schedule(refundId);
    });
  }

  private async poll(refundId: string): Promise<void> {
    const refund = this.repo.get(refundId);
    if (!refund || isFinalRefundStatus(refund.status)) return;
    if (refund.stripeRefundId === null) {
      const sale = this.options.sales.get(refund.saleId);
      if (sale?.paymentIntentId) await this.sendToStripe(refund, sale.paymentIntentId, false);
      return;
    }
    this.apply(refundId, await this.options.gateway.retrieveRefund(refund.stripeRefundId), 'poll');
  }

  private unwatch(refundId: string): void {
    this.scheduler.cancel(`refund:${refundId}`);
    this.attempts.delete(refundId);
  }

  async close(): Promise<void> {
    await this.scheduler.close();
  }
}
