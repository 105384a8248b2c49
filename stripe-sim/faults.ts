/**
 * Injected failures for resilience tests and demos of a flaky link:
 * - http500: answer the next /v1 request with Stripe's 500 api_error, without processing it. A POST
 *   with an Idempotency-Key stores that 500 under its key, and a retry with the key gets it again
 *   (like Stripe); use drop_connection for a failure the same key can recover from.
 * - drop_connection: destroy the socket of the next /v1 request, without processing it.
 * - drop_after_create: process the next POST /v1/payment_intents, then destroy the socket
 *   before answering, so the client cannot know whether it was created (retry with the same
 *   Idempotency-Key must not create a second PaymentIntent).
 */
export type FaultKind = 'http500' | 'drop_connection' | 'drop_after_create';

export const FAULT_KINDS: readonly FaultKind[] = ['http500', 'drop_connection', 'drop_after_create'];

export class FaultQueue {
  private pending: { kind: FaultKind; remaining: number }[] = [];

  failNext(count: number, kind: FaultKind): void {
    if (!Number.isInteger(count) || count < 0) throw new Error(`failNext: count must be a non-negative integer, got ${count}`);
    if (!FAULT_KINDS.includes(kind)) throw new Error(`failNext: unknown fault kind ${String(kind)}`);
    if (count > 0) this.pending.push({ kind, remaining: count });
  }

  clear(): void {
    this.pending = [];
  }

  snapshot(): { kind: FaultKind; remaining: number }[] {
    return this.pending.map((f) => ({ ...f }));
  }

  /** Consumes the first fault that applies to this request, if any. */
  take(isCreate: boolean): FaultKind | null {
    const index = this.pending.findIndex((f) => f.kind !== 'drop_after_create' || isCreate);
    if (index < 0) return null;
    const fault = this.pending[index];
    fault.remaining -= 1;
    if (fault.remaining === 0) this.pending.splice(index, 1);
    return fault.kind;
  }
}
