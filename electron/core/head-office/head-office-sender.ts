// Sends the outbox to head office: `POST {POS_RELAY_URL}/head-office/sales` with the till's relay token,
// a bounded batch at a time, oldest change first. A batch leaves the outbox only after a 2xx; anything
// else (relay down, a proxy's 502, a refusal) keeps it and retries with a growing, capped backoff, so a
// till offline for days catches up by itself, in batches, holding one batch in memory at a time. The
// relay keeps the highest version of each sale, so a batch sent twice (an answer lost on the way back)
// changes nothing.
//
// A refusal for good (400 or 403: a sale the relay will never take, e.g. one rung up under an earlier
// POS_TILL_ID) must not hold the rest back: the batch is halved until the sale refused alone is found,
// and that version is parked (logged, kept in the outbox, tried again at the next start or when the
// sale changes).
//
// The loop wakes when the till's sales or refunds change (the core's events) and every half minute
// anyway (a settings change re-queues sales without an event); it never retries faster than its backoff.
import type { LedgerDb } from '../ledger/open-ledger';
import { checkRelayUrl } from '../push/relay-client';
import { HeadOfficeOutbox, type QueuedSale } from './head-office-outbox';
import { readHeadOfficeSales, type HeadOfficeSale, type ShopDay } from './head-office-payload';

/** Sales per POST: a few hundred KB at most, well inside the relay's 1 MiB body limit. */
export const HEAD_OFFICE_BATCH = 200;
/** Longest wait between attempts while head office is unreachable. */
export const HEAD_OFFICE_MAX_BACKOFF_MS = 5 * 60_000;
const IDLE_CHECK_MS = 30_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** A change is usually followed by another within moments (paid, then the fee): send them together. */
const WAKE_DELAY_MS = 150;

export interface HeadOfficeSenderOptions {
  db: LedgerDb;
  relayUrl: string;
  token: string;
  shopId: string;
  /** The shop's zone and business-day start, read at each send (a manager may change them). */
  shopDay: () => ShopDay;
  log: (message: string) => void;
  batchSize?: number;
  /** attempt (1, 2, …) → wait before the next try. */
  backoffMs?: (attempt: number) => number;
  idleCheckMs?: number;
}

export interface HeadOfficeSenderStatus {
  queued: number;
  /** Sales the relay refused for good, set aside until the next start or their next change. */
  parked: number;
  /** Consecutive failed attempts (0 while head office takes what is sent). */
  failures: number;
  lastError: string | null;
  lastSentAt: number | null;
  sent: number;
}

export class HeadOfficeSender {
  private readonly outbox: HeadOfficeOutbox;
  private readonly salesUrl: URL;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private wakeIdle: (() => void) | null = null;
  private wakeAny: (() => void) | null = null;
  private abort: AbortController | null = null;
  private drainedWaiters: (() => void)[] = [];
  private failures = 0;
  private lastError: string | null = null;
  private lastSentAt: number | null = null;
  private sent = 0;
  /** Halved while the relay refuses a batch for good, to find the sale it refuses. */
  private batchLimit: number;

  /** Throws RelayUrlError when the URL would send the token in clear text (as the relay client does). */
  constructor(private readonly options: HeadOfficeSenderOptions) {
    this.outbox = new HeadOfficeOutbox(options.db);
    const base = checkRelayUrl(options.relayUrl).href;
    this.salesUrl = new URL('head-office/sales', base.endsWith('/') ? base : `${base}/`);
    this.batchLimit = options.batchSize ?? HEAD_OFFICE_BATCH;
  }

  start(): void {
    if (this.loop) return;
    // What was refused before may go through now (the relay's or this till's configuration fixed).
    this.outbox.unparkAll();
    this.loop = this.run();
  }

  /** Something changed: send soon (never sooner than a running backoff allows). */
  poke(): void {
    const wake = this.wakeIdle;
    if (wake) setTimeout(wake, WAKE_DELAY_MS).unref?.();
  }

  /** Resolves the next time the sender finds the outbox empty (everything queued so far was taken). */
  drained(): Promise<void> {
    const done = new Promise<void>((resolve) => this.drainedWaiters.push(resolve));
    this.wakeIdle?.();
    return done;
  }

  /** Tries again now, skipping a running backoff (e.g. a test bringing the relay back). */
  retryNow(): void {
    this.wakeAny?.();
  }

  status(): HeadOfficeSenderStatus {
    return { queued: this.outbox.size(), parked: this.outbox.parked(), failures: this.failures, lastError: this.lastError, lastSentAt: this.lastSentAt, sent: this.sent };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    this.wakeAny?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const batch = this.outbox.next(this.batchLimit);
      if (batch.length === 0) {
        for (const resolve of this.drainedWaiters.splice(0)) resolve();
        await this.pause(this.options.idleCheckMs ?? IDLE_CHECK_MS, true);
        continue;
      }
      try {
        await this.send(batch);
        if (this.failures > 0) this.options.log(`head office: reachable again after ${this.failures} failed attempt(s)`);
        this.failures = 0;
        this.lastError = null;
        this.batchLimit = this.options.batchSize ?? HEAD_OFFICE_BATCH;
      } catch (error) {
        if (this.stopped) break;
        if (error instanceof RefusedBatch) {
          if (batch.length > 1) {
            this.batchLimit = Math.max(1, Math.floor(batch.length / 2));
          } else if (this.outbox.park(batch[0])) {
            this.options.log(`head office: sale ${batch[0].saleId} set aside, the relay refuses it (${error.message}); it is tried again at the next start or when it changes`);
          }
          continue;
        }
        this.failures += 1;
        const message = error instanceof Error ? error.message : String(error);
        // Once per kind of trouble, not once per retry over a week offline.
        if (message !== this.lastError) this.options.log(`head office: ${message}; ${this.outbox.size()} sale(s) wait in the outbox`);
        this.lastError = message;
        await this.pause((this.options.backoffMs ?? defaultBackoff)(this.failures), false);
      }
    }
  }

  private async send(batch: QueuedSale[]): Promise<void> {
    const sales: HeadOfficeSale[] = readHeadOfficeSales(this.options.db, batch, this.options.shopId, this.options.shopDay());
    if (sales.length > 0) {
      this.abort = new AbortController();
      const timeout = setTimeout(() => this.abort?.abort(), REQUEST_TIMEOUT_MS);
      let response: Response;
      try {
        response = await fetch(this.salesUrl, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.options.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ sales }),
          signal: this.abort.signal,
          redirect: 'error',
        });
      } catch (error) {
        throw new Error(`head office is unreachable (${error instanceof Error ? error.message : String(error)})`, { cause: error });
      } finally {
        clearTimeout(timeout);
      }
      const text = await response.text().catch(() => '');
      const message = `the relay answered ${response.status}${relayMessage(text)}`;
      if (response.status === 400 || response.status === 403 || response.status === 413) throw new RefusedBatch(message);
      if (!response.ok) throw new Error(message);
      this.sent += sales.length;
      this.lastSentAt = Date.now();
    }
    // Acknowledged (or gone from the ledger: a restore from an older backup): these versions are done.
    this.outbox.remove(batch);
  }

  private pause(ms: number, idle: boolean): Promise<void> {
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = (): void => {
        clearTimeout(timer);
        this.wakeIdle = null;
        this.wakeAny = null;
        resolve();
      };
      timer = setTimeout(done, ms);
      timer.unref?.();
      this.wakeIdle = idle ? done : null;
      this.wakeAny = done;
    });
  }
}

/** The relay will not take this batch as it is, however often it is sent. */
class RefusedBatch extends Error {}

/** The relay's own words for a refusal (it never echoes a token), kept short for one log line. */
function relayMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    return typeof body.message === 'string' ? `: ${body.message.slice(0, 300)}` : '';
  } catch {
    return '';
  }
}

/** 1 s, 2 s, 4 s … up to 5 minutes, with jitter so a chain's tills do not all knock at once. */
function defaultBackoff(attempt: number): number {
  const ceiling = Math.min(HEAD_OFFICE_MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempt - 1, 20));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
