import type { EventLog } from './events';
import { newObjectId } from './ids';
import type { SimStore } from './sim-state';
import type { StripeEvent } from './stripe-objects';
import type { WebhookEndpoints } from './webhook-endpoints';
import type { WebhookFaults } from './webhook-faults';

/** Stripe retries for days; tests pass short delays. Attempt n+1 waits delays[n-1] after attempt n failed. */
export const DEFAULT_WEBHOOK_RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000, 600_000];
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
export const WEBHOOK_USER_AGENT = 'Stripe/1.0 (+https://stripe.com/docs/webhooks)';
const MAX_DELIVERY_RECORDS = 5_000;

/** One delivery attempt (or a dropped event), as `GET /_sim/webhook_deliveries` shows it. */
export interface WebhookDeliveryRecord {
  id: string;
  event_id: string;
  event_type: string;
  endpoint_id: string;
  url: string;
  /** 1 for the first try; 0 for an event the drop fault swallowed. */
  attempt: number;
  /** true for the second copy sent by the duplicate fault. */
  duplicate: boolean;
  /** HTTP status of the endpoint's answer, or null when there was none. */
  status: number | null;
  outcome: 'succeeded' | 'failed' | 'timeout' | 'network_error' | 'dropped';
  error: string | null;
  /** When the attempt started (or the event was dropped), epoch milliseconds. */
  at: number;
  duration_ms: number;
  /** When the next attempt is due (epoch ms), or null: succeeded, dropped, or out of retries. */
  next_retry_at: number | null;
}

export interface WebhookDeliveryConfig {
  retryDelaysMs: number[];
  timeoutMs: number;
  nowMs: () => number;
}

interface Job {
  event: StripeEvent;
  endpointId: string;
  delayMs: number;
  duplicate: boolean;
  attempt: number;
}

/**
 * Sends every event to the matching endpoints, asynchronously (never inside the API request),
 * retrying with backoff until a 2xx. Pending retries live in memory only: after a restart
 * nothing is redelivered (reconcile through GET /v1/events, as after a long Stripe outage).
 */
export class WebhookDispatcher {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly cancellers = new Map<NodeJS.Timeout, () => void>();
  private readonly gates = new Set<Promise<void>>(); // reorder batch events waiting for their turn
  private reorderChain: Promise<void> = Promise.resolve();
  private readonly succeeded = new Set<string>(); // `${event.id} ${endpoint.id}` that got a 2xx
  private readonly records: WebhookDeliveryRecord[] = [];
  private idleWaiters: (() => void)[] = [];
  private readonly closeController = new AbortController();
  private closed = false;

  constructor(
    private readonly store: SimStore,
    events: EventLog,
    private readonly endpoints: WebhookEndpoints,
    private readonly faults: WebhookFaults,
    private readonly config: WebhookDeliveryConfig,
  ) {
    events.subscribe((event) => this.onEvent(event));
  }

  deliveries(filter: { eventId?: string; endpointId?: string } = {}): WebhookDeliveryRecord[] {
    return this.records
      .filter((r) => (!filter.eventId || r.event_id === filter.eventId) && (!filter.endpointId || r.endpoint_id === filter.endpointId))
      .map((r) => ({ ...r }));
  }

  /** Resolves once no attempt is running or scheduled (retries included; events still held by reorder excluded). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops every timer and aborts in-flight requests; resolves when they have unwound. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const cancel of this.cancellers.values()) cancel();
    this.cancellers.clear();
    this.faults.discardHeld();
    this.closeController.abort();
    await Promise.allSettled([...this.inFlight]);
    this.notifyIdle();
  }

  /** Called synchronously by EventLog.record, before the store is committed. */
  private onEvent(event: StripeEvent): void {
    if (this.closed) return;
    const endpointIds = this.endpoints.matching(event.type);
    event.pending_webhooks = endpointIds.length;
    if (endpointIds.length === 0) return;
    const decision = this.faults.decide();
    if (decision.drop) {
      for (const endpointId of endpointIds) this.recordDropped(event, endpointId);
      return;
    }
    const send = () => {
      if (this.closed) return Promise.resolve();
      const firstAttempts: Promise<void>[] = [];
      for (const endpointId of endpointIds) {
        firstAttempts.push(this.schedule({ event, endpointId, delayMs: decision.delayMs, duplicate: false, attempt: 1 }, decision.delayMs));
        if (decision.duplicate)
          firstAttempts.push(this.schedule({ event, endpointId, delayMs: decision.delayMs, duplicate: true, attempt: 1 }, decision.delayMs));
      }
      return Promise.all(firstAttempts).then(() => undefined);
    };
    // A released reorder batch goes out one event at a time (newest first), each after the
    // previous one's first attempts finished, so the endpoint sees exactly the reversed order.
    const release = (position: number) => {
      const previous = position === 0 ? Promise.resolve() : this.reorderChain;
      const gate = previous.then(send);
      this.reorderChain = gate;
      this.gates.add(gate);
      void gate.finally(() => {
        this.gates.delete(gate);
        this.notifyIdle();
      });
    };
    if (!this.faults.hold(release)) void send();
  }

  /** Runs one attempt after `waitMs`; resolves when it has finished (or was cancelled by close()). */
  private schedule(job: Job, waitMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.cancellers.delete(timer);
        const run = this.attempt(job).finally(() => {
          this.inFlight.delete(run);
          resolve();
          this.notifyIdle();
        });
        this.inFlight.add(run);
      }, waitMs);
      this.timers.add(timer);
      this.cancellers.set(timer, resolve);
    });
  }

  private async attempt(job: Job): Promise<void> {
    if (this.closed) return;
    const { event, endpointId } = job;
    const target = this.endpoints.prepare(endpointId, event, Math.floor(this.config.nowMs() / 1000));
    if (!target) return; // endpoint deleted or disabled since: Stripe stops sending to it
    const { payload } = target;

    const startedAt = this.config.nowMs();
    const started = performance.now();
    let status: number | null = null;
    let outcome: WebhookDeliveryRecord['outcome'];
    let error: string | null = null;
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        body: payload,
        redirect: 'manual', // Stripe treats a redirect as a failed delivery
        signal: AbortSignal.any([this.closeController.signal, AbortSignal.timeout(this.config.timeoutMs)]),
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'Stripe-Signature': target.signature,
          'User-Agent': WEBHOOK_USER_AGENT,
          Accept: '*/*; q=0.5, application/xml',
          'Cache-Control': 'no-cache',
        },
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
      outcome = status >= 200 && status < 300 ? 'succeeded' : 'failed';
    } catch (caught) {
      if (this.closed) return; // aborted by close(): not an attempt worth recording
      const timedOut = (caught as Error).name === 'TimeoutError';
      outcome = timedOut ? 'timeout' : status === null ? 'network_error' : 'failed';
      error = timedOut ? `no response within ${this.config.timeoutMs} ms` : describeError(caught);
    }
    if (this.closed) return;

    let nextRetryAt: number | null = null;
    if (outcome === 'succeeded') {
      this.markSucceeded(event, endpointId);
    } else {
      const wait = this.config.retryDelaysMs[job.attempt - 1];
      if (wait !== undefined) {
        nextRetryAt = this.config.nowMs() + wait + job.delayMs;
        this.schedule({ ...job, attempt: job.attempt + 1 }, wait + job.delayMs);
      }
    }
    this.pushRecord({
      id: newObjectId('whdel'),
      event_id: event.id,
      event_type: event.type,
      endpoint_id: endpointId,
      url: target.url,
      attempt: job.attempt,
      duplicate: job.duplicate,
      status,
      outcome,
      error,
      at: startedAt,
      duration_ms: Math.round(performance.now() - started),
      next_retry_at: nextRetryAt,
    });
  }

  /** pending_webhooks counts endpoints that have not yet answered 2xx, as on Stripe. */
  private markSucceeded(event: StripeEvent, endpointId: string): void {
    const key = `${event.id} ${endpointId}`;
    if (this.succeeded.has(key)) return;
    this.succeeded.add(key);
    event.pending_webhooks = Math.max(0, event.pending_webhooks - 1);
    this.store.commit();
  }

  private recordDropped(event: StripeEvent, endpointId: string): void {
    this.pushRecord({
      id: newObjectId('whdel'),
      event_id: event.id,
      event_type: event.type,
      endpoint_id: endpointId,
      url: this.endpoints.get(endpointId)?.url ?? '',
      attempt: 0,
      duplicate: false,
      status: null,
      outcome: 'dropped',
      error: 'dropped by the webhook drop fault',
      at: this.config.nowMs(),
      duration_ms: 0,
      next_retry_at: null,
    });
  }

  private pushRecord(record: WebhookDeliveryRecord): void {
    this.records.push(record);
    if (this.records.length > MAX_DELIVERY_RECORDS) this.records.splice(0, this.records.length - MAX_DELIVERY_RECORDS);
  }

  private isIdle(): boolean {
    return this.timers.size === 0 && this.inFlight.size === 0 && this.gates.size === 0;
  }

  private notifyIdle(): void {
    if (!this.isIdle() && !this.closed) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function describeError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}
