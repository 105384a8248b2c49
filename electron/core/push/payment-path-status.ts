// Which path confirms payments right now. The cashier sees it; polling slows to a safety net while a
// push path is healthy and returns to full speed the moment it is not.
import { CLOCK_SKEW_WARNING_SECONDS, type PaymentPathStatus } from '../../../shared/pos-contract';

/** A local webhook counts as live while events keep arriving; Stripe sends none while nothing happens. */
export const WEBHOOK_FRESH_MS = 15 * 60_000;

export class PaymentPathTracker {
  private relay: PaymentPathStatus['relay'] = 'off';
  private lastWebhookAt: number | null = null;
  private lastRelayEventAt: number | null = null;
  private lastPushAt: number | null = null;
  /** When a poll last found a change that no push had delivered. */
  private lastMissAt: number | null = null;
  private stripe: PaymentPathStatus['stripe'] = 'unknown';
  private clockSkewSeconds: number | null = null;
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
    else this.lastRelayEventAt = at;
    this.publish();
  }

  /**
   * Polling found a payment change before any push did: the push path is not delivering (a dead
   * `stripe listen`, a relay whose Stripe endpoint is misconfigured). Fall back to full-speed polling
   * until push proves itself again with a new event.
   */
  pushMissed(): void {
    this.lastMissAt = this.now();
    this.publish();
  }

  /** Every Stripe request reports here: reachable or not, and the time on Stripe's clock. */
  stripeLink(reachable: boolean, serverDate: string | null): void {
    this.stripe = reachable ? 'reachable' : 'unreachable';
    const serverMs = serverDate ? Date.parse(serverDate) : Number.NaN;
    // The Date header has one-second resolution: round so the value does not flicker.
    if (Number.isFinite(serverMs)) this.clockSkewSeconds = Math.round((this.now() - serverMs) / 1000);
    this.publish();
  }

  isStripeUnreachable(): boolean {
    return this.stripe === 'unreachable';
  }

  isPushHealthy(): boolean {
    return this.status().live !== 'polling';
  }

  status(): PaymentPathStatus {
    const sinceMiss = (at: number | null) => at !== null && (this.lastMissAt === null || at > this.lastMissAt);
    const webhookLive = this.webhookConfigured && sinceMiss(this.lastWebhookAt) && this.now() - this.lastWebhookAt! < WEBHOOK_FRESH_MS;
    // A connected relay is trusted until a poll shows it missed something; then until it delivers again.
    const relayLive = this.relay === 'connected' && (this.lastMissAt === null || sinceMiss(this.lastRelayEventAt));
    return {
      live: relayLive ? 'relay' : webhookLive ? 'webhook' : 'polling',
      relay: this.relay,
      webhook: this.webhookConfigured ? 'ready' : 'off',
      lastPushAt: this.lastPushAt,
      stripe: this.stripe,
      clockSkewSeconds: this.clockSkewSeconds,
    };
  }

  private publish(): void {
    const status = this.status();
    // Skew is published when it crosses the warning line, not on every second of drift.
    const skewed = status.clockSkewSeconds !== null && Math.abs(status.clockSkewSeconds) > CLOCK_SKEW_WARNING_SECONDS;
    const key = `${status.live}|${status.relay}|${status.webhook}|${status.stripe}|${skewed ? status.clockSkewSeconds : 'ok'}`;
    if (key === this.published) return;
    this.published = key;
    this.onChange(status);
  }
}
