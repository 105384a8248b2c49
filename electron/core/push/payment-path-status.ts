// Which path confirms payments right now. The cashier sees it; polling slows to a safety net while a
// push path is healthy and returns to full speed the moment it is not.
import type { PaymentPathStatus } from '../../../shared/pos-contract';

/** A local webhook counts as live while events keep arriving; Stripe sends none while nothing happens. */
export const WEBHOOK_FRESH_MS = 15 * 60_000;

export class PaymentPathTracker {
  private relay: PaymentPathStatus['relay'] = 'off';
  private lastWebhookAt: number | null = null;
  private lastPushAt: number | null = null;
  private published: string | null = null;

  constructor(
    private readonly webhookConfigured: boolean,
    private readonly onChange: (status: PaymentPathStatus) => void,
    private readonly now: () => number = Date.now,
  ) {}

  setRelay(state: PaymentPathStatus['relay']): void {
    this.relay = state;
    this.publish();
  }

  pushReceived(via: 'relay' | 'webhook'): void {
    const at = this.now();
    this.lastPushAt = at;
    if (via === 'webhook') this.lastWebhookAt = at;
    this.publish();
  }

  isPushHealthy(): boolean {
    return this.status().live !== 'polling';
  }

  status(): PaymentPathStatus {
    const webhookLive = this.webhookConfigured && this.lastWebhookAt !== null && this.now() - this.lastWebhookAt < WEBHOOK_FRESH_MS;
    return {
      live: this.relay === 'connected' ? 'relay' : webhookLive ? 'webhook' : 'polling',
      relay: this.relay,
      webhook: this.webhookConfigured ? 'ready' : 'off',
      lastPushAt: this.lastPushAt,
    };
  }

  private publish(): void {
    const status = this.status();
    const key = `${status.live}|${status.relay}|${status.webhook}`;
    if (key === this.published) return;
    this.published = key;
    this.onChange(status);
  }
}
