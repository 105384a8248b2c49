// One timer for everything the till watches at Stripe: the event-log read, QR timeouts, retries of
// unanswered creates, refund checks. Jobs are keyed deadlines on an injectable clock, so tests move
// time forward instead of sleeping, and close() waits for work in flight.

export interface Clock {
  now(): number;
  /** Runs `run` after `ms`; returns the cancel function. Must not keep the process alive. */
  setTimer(ms: number, run: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, run) {
    const handle = setTimeout(run, ms);
    handle.unref?.();
    return () => clearTimeout(handle);
  },
};

type Job = () => Promise<unknown> | unknown;

export class WatchScheduler {
  private readonly jobs = new Map<string, { at: number; run: Job }>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private cancelTimer: (() => void) | null = null;
  private timerAt = Number.POSITIVE_INFINITY;
  private closed = false;

  constructor(readonly clock: Clock = systemClock) {}

  now(): number {
    return this.clock.now();
  }

  /** Runs `run` once at `at` (epoch ms); replaces any job with the same key. */
  at(key: string, at: number, run: Job): void {
    if (this.closed) return;
    this.jobs.set(key, { at, run });
    this.arm();
  }

  after(key: string, delayMs: number, run: Job): void {
    this.at(key, this.now() + Math.max(0, delayMs), run);
  }

  has(key: string): boolean {
    return this.jobs.has(key);
  }

  dueAt(key: string): number | null {
    return this.jobs.get(key)?.at ?? null;
  }

  cancel(key: string): void {
    if (this.jobs.delete(key)) this.arm();
  }

  /** Keeps `work` until it settles, so close() and settled() wait for it. Failures are the caller's. */
  track<T>(work: Promise<T>): Promise<T> {
    const guarded = work.then(() => undefined, () => undefined).finally(() => this.inFlight.delete(guarded));
    this.inFlight.add(guarded);
    return work;
  }

  /** Resolves once no job's work is running (new work started meanwhile is waited for too). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.jobs.clear();
    await this.settled();
  }

  private arm(): void {
    let next = Number.POSITIVE_INFINITY;
    for (const job of this.jobs.values()) next = Math.min(next, job.at);
    if (next === this.timerAt) return;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.timerAt = next;
    if (next === Number.POSITIVE_INFINITY || this.closed) return;
    this.cancelTimer = this.clock.setTimer(Math.max(0, next - this.now()), () => this.fire());
  }

  private fire(): void {
    this.cancelTimer = null;
    this.timerAt = Number.POSITIVE_INFINITY;
    const now = this.now();
    const due = [...this.jobs].filter(([, job]) => job.at <= now).sort((a, b) => a[1].at - b[1].at);
    for (const [key] of due) this.jobs.delete(key);
    for (const [, job] of due) this.track(Promise.resolve().then(job.run)).catch(() => undefined);
    this.arm();
  }
}
