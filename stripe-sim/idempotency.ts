import type { IdempotencyRecord, SimStore } from './sim-state';
import { stripeErrors } from './stripe-errors';

export interface ApiResponse {
  status: number;
  body: unknown;
}

export interface IdempotentOutcome {
  response: ApiResponse;
  replayed: boolean;
  originalRequestId: string;
}

const KEY_LIFETIME_SECONDS = 24 * 60 * 60; // Stripe prunes keys after at least 24 hours

/** Key order must not matter when comparing a retry's params with the original's. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Stripe's Idempotency-Key layer for POSTs: a key is bound to the endpoint and params it was
 * first used with; a retry replays the saved status and body. Only requests that got past
 * validation are saved (a 4xx is not; a 500 is), as Stripe documents. A request that arrives while
 * another with the same key is still running waits for it, so two PaymentIntents can never
 * come from one key.
 */
export class IdempotencyLayer {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: SimStore,
    private readonly nowSeconds: () => number,
  ) {}

  async run(
    key: string,
    endpoint: string,
    params: unknown,
    requestId: string,
    execute: () => Promise<ApiResponse>,
  ): Promise<IdempotentOutcome> {
    const fingerprint = canonicalJson(params);
    for (;;) {
      const saved = this.lookup(key);
      if (saved) {
        if (saved.endpoint !== endpoint) throw stripeErrors.idempotencyEndpointMismatch(key, saved.endpoint);
        if (saved.fingerprint !== fingerprint) throw stripeErrors.idempotencyParamsMismatch(key);
        return { response: { status: saved.status, body: structuredClone(saved.body) }, replayed: true, originalRequestId: saved.requestId };
      }
      const running = this.inFlight.get(key);
      if (!running) break;
      await running.catch(() => undefined); // then look again: saved, or free to run
    }

    const execution = execute();
    this.inFlight.set(key, execution);
    try {
      const response = await execution;
      // Stripe saves every result of a request that started executing, 500s included; a 4xx is a
      // refusal before execution and is not saved.
      if (response.status < 400 || response.status >= 500) {
        this.store.data.idempotency[key] = {
          endpoint,
          fingerprint,
          status: response.status,
          body: structuredClone(response.body),
          requestId,
          createdAt: this.nowSeconds(),
        };
        this.store.commit();
      }
      return { response, replayed: false, originalRequestId: requestId };
    } finally {
      this.inFlight.delete(key);
    }
  }

  private lookup(key: string): IdempotencyRecord | undefined {
    const saved = this.store.data.idempotency[key];
    if (saved && saved.createdAt < this.nowSeconds() - KEY_LIFETIME_SECONDS) {
      delete this.store.data.idempotency[key];
      return undefined;
    }
    return saved;
  }
}
