// The till's one watcher at Stripe: however many sales are open, each tick is one read of Stripe's
// event log (GET /v1/events, a page covers every sale), and only the PaymentIntents those events name
// are read back (that read is also the proof a push cannot give). Fast while a sale awaits payment and
// no push path is healthy, a slow safety net while one is, silent when nothing is open. A 429 slows
// it down with jitter; it never counts as "offline".
import { GatewayError } from '../stripe/stripe-gateway';
import { jittered } from '../payments/payment-service';
import { LATE_PAYMENT_POLL_MS, pushAwarePollSchedule, retryDelayMs, type PollSchedule } from '../payments/poll-schedule';
import type { WatchScheduler } from '../payments/watch-scheduler';

const JOB = 'watch:event-log';
/** The longest pause after repeated 429s (Stripe's limits are per second; a minute is plenty). */
const MAX_RATE_LIMIT_BACKOFF_MS = 60_000;
/** The pause after a first 429 (the normal pace is one read a second). */
const MIN_RATE_LIMIT_BACKOFF_MS = 2_000;
/**
 * Each answered read shortens the pause by this factor only. The limit is the account's, shared by
 * every till: a till that went back to full speed on its first answer (as it once did) took the
 * bucket's tokens from tills still backing off, and those could wait for minutes. Doubling on a 429
 * and easing off by a tenth per answer (as congestion control does) lets the fleet settle just under
 * the limit, every till with the same odds (tests/unit/core/stripe-watcher-fleet.test.ts).
 */
const RATE_LIMIT_RECOVERY = 0.9;

export interface StripeWatcherOptions {
  scheduler: WatchScheduler;
  /** One read of the event log (applied through the inbox). Throws GatewayError when Stripe did not answer. */
  readEventLog(): Promise<void>;
  /** Called every tick after the read: hints whose own read failed are retried. */
  afterRead?(): void;
  /** Whether any sale may still change at Stripe (awaiting payment, or expired with a live PaymentIntent). */
  hasSalesToWatch(): boolean;
  /** When the newest sale awaiting payment started, or null when only late payments are watched for. */
  newestAwaitingSince(): number | null;
  isPushHealthy(): boolean;
  /** Pace while a sale awaits payment and push is not healthy (elapsed → ms). */
  schedule: PollSchedule;
}

export class StripeWatcher {
  /** The pause the account's rate limit imposes on this till (ms); 0 when Stripe has not said 429 lately. */
  private pacedMs = 0;
  private failures = 0;
  private ticking = false;

  private readonly schedule: PollSchedule;

  constructor(private readonly options: StripeWatcherOptions) {
    this.schedule = pushAwarePollSchedule(options.schedule, options.isPushHealthy);
  }

  /** Something changed (a sale opened or closed, push came or went): pick the pace again. */
  poke(): void {
    if (this.ticking) return;
    const delay = this.nextDelayMs();
    const wanted = delay === null ? null : this.options.scheduler.now() + delay;
    const current = this.options.scheduler.dueAt(JOB);
    if (wanted === null) {
      if (current !== null) this.options.scheduler.cancel(JOB);
      return;
    }
    // Bring a far tick forward; never push a near one back (a steady stream of pokes must not starve it).
    if (current === null || wanted < current) this.options.scheduler.at(JOB, wanted, () => this.tick());
  }

  private nextDelayMs(): number | null {
    if (!this.options.hasSalesToWatch()) return null;
    if (this.failures > 0) return jittered(retryDelayMs(this.failures));
    const since = this.options.newestAwaitingSince();
    const delay = this.schedule.nextDelayMs(since === null ? 0 : this.options.scheduler.now() - since);
    const paced = since === null ? Math.max(LATE_PAYMENT_POLL_MS, delay) : delay;
    // Jittered even when the normal pace is longer (the 15 s safety net): tills that met a 429
    // together would otherwise stay in step and meet it together again at every tick.
    return this.pacedMs > 0 ? jittered(Math.max(paced, this.pacedMs)) : paced;
  }

  private async tick(): Promise<void> {
    this.ticking = true;
    try {
      await this.options.readEventLog();
      this.pacedMs = this.pacedMs * RATE_LIMIT_RECOVERY < 1_000 ? 0 : this.pacedMs * RATE_LIMIT_RECOVERY;
      this.failures = 0;
    } catch (error) {
      if (error instanceof GatewayError && error.kind === 'rate_limited') {
        this.pacedMs = Math.min(MAX_RATE_LIMIT_BACKOFF_MS, Math.max(MIN_RATE_LIMIT_BACKOFF_MS, this.pacedMs * 2));
      } else this.failures += 1;
    } finally {
      this.ticking = false;
    }
    this.options.afterRead?.();
    this.poke();
  }
}
