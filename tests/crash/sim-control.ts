// The simulator's test controls (outside Stripe's namespace): the customer's side of a payment,
// injected faults, webhook endpoints and request counts.
export type PayerAction = 'succeed' | 'fail' | 'expire';
export type RefundAction = 'bank_details_submitted' | 'succeed' | 'fail';

export class SimControl {
  constructor(readonly baseUrl: string) {}

  private async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
  }

  private async ok(method: string, path: string, body?: unknown): Promise<unknown> {
    const answer = await this.call(method, path, body);
    if (answer.status >= 300) throw new Error(`stripe-sim ${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** The customer pays / the bank declines / the QR expires. False when the PI was no longer awaiting (409). */
  async payer(paymentIntentId: string, action: PayerAction): Promise<boolean> {
    const answer = await this.call('POST', `/_sim/payment_intents/${paymentIntentId}/${action}`);
    return answer.status === 200;
  }

  /** The customer's side of a PromptPay refund. False when the refund was not in a state that allows it. */
  async refund(refundId: string, action: RefundAction): Promise<boolean> {
    const answer = await this.call('POST', `/_sim/refunds/${refundId}/${action}`);
    return answer.status === 200;
  }

  /** Which fault kinds this simulator knows: each is queued once (refused if unknown), then all are cleared. */
  async supportedFaultKinds(candidates: readonly string[]): Promise<string[]> {
    const known: string[] = [];
    for (const kind of candidates) if ((await this.call('POST', '/_sim/faults', { count: 1, kind })).status === 200) known.push(kind);
    await this.clearFaults();
    return known;
  }

  async queueFault(kind: string, count: number): Promise<void> {
    await this.ok('POST', '/_sim/faults', { count, kind });
  }

  /** Faults queued and not yet fired. */
  async pendingFaults(): Promise<number> {
    const body = (await this.ok('GET', '/_sim/faults')) as { pending: { remaining: number }[] };
    return body.pending.reduce((sum, fault) => sum + fault.remaining, 0);
  }

  async clearFaults(): Promise<void> {
    await this.ok('DELETE', '/_sim/faults');
  }

  /** Stripe API requests the simulator has received (every /v1 request, faulted ones included). */
  async requestCount(): Promise<number> {
    return ((await this.ok('GET', '/_sim/stats')) as { total: number }).total;
  }

  async addWebhookEndpoint(url: string, secret: string): Promise<string> {
    return ((await this.ok('POST', '/_sim/webhook_endpoints', { url, secret, enabled_events: ['*'] })) as { id: string }).id;
  }

  async setWebhookEndpointEnabled(id: string, enabled: boolean): Promise<void> {
    await this.ok('POST', `/_sim/webhook_endpoints/${id}`, { disabled: !enabled });
  }

  /** Delays delivery of the next `next` events by `ms` (so the till can die while they are on the way). */
  async delayNextWebhooks(ms: number, next: number): Promise<void> {
    await this.ok('POST', '/_sim/webhook_faults', { delay_ms: { ms, next } });
  }

  async duplicateNextWebhooks(next: number): Promise<void> {
    await this.ok('POST', '/_sim/webhook_faults', { duplicate: { next } });
  }

  /** Delivery attempts to one endpoint, counted by outcome (succeeded, failed, network_error, …). */
  async deliveryOutcomes(endpointId: string): Promise<Record<string, number>> {
    const body = (await this.ok('GET', `/_sim/webhook_deliveries?endpoint_id=${endpointId}`)) as { data: { outcome: string }[] };
    const counts: Record<string, number> = {};
    for (const record of body.data) counts[record.outcome] = (counts[record.outcome] ?? 0) + 1;
    return counts;
  }

  async clearWebhookFaults(): Promise<void> {
    await this.ok('DELETE', '/_sim/webhook_faults');
  }
}
