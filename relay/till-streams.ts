// Server-sent event streams to the tills. Each till has its own cursor (the last seq it was sent) and
// pulls from the event store at its own pace: a new event only wakes the streams up, so a slow till
// never holds memory for, or delays, the others. A till whose connection stops draining for too long
// is dropped; it reconnects with Last-Event-ID and misses nothing.
import type { ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import type { EventLog } from './event-log';
import type { EventScope, StoredEvent } from './event-store';

export const STRIPE_EVENT_SSE_TYPE = 'stripe.event';
export const GAP_SSE_TYPE = 'relay.gap';
export const CLIENT_RETRY_MS = 1_000;
export const DEFAULT_HEARTBEAT_MS = 15_000;
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;
/** Events read from the store per step while a till catches up. */
const PAGE_SIZE = 50;

export interface StripeEventMessage {
  seq: number;
  eventId: string;
  type: string;
  account: string | null;
  /** The Stripe-Signature header exactly as Stripe sent it. */
  signature: string;
  /** The webhook body exactly as Stripe sent it: verify `signature` against this string. */
  payload: string;
}

export type GapReason = 'pruned' | 'unknown_position';

export interface GapMessage {
  reason: GapReason;
  /** The position the till asked to resume after. */
  requestedAfter: number;
  /** Every event up to this seq has been deleted by retention (0 if none). */
  prunedThrough: number;
  message: string;
}

export function formatStripeEvent(event: StoredEvent): string {
  const data: StripeEventMessage = {
    seq: event.seq,
    eventId: event.eventId,
    type: event.type,
    account: event.account,
    signature: event.signature,
    payload: event.body.toString('utf8'),
  };
  return `id: ${event.seq}\nevent: ${STRIPE_EVENT_SSE_TYPE}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** No `id:` field, so the till's Last-Event-ID stays on the last real event. */
export function formatGap(gap: GapMessage): string {
  return `event: ${GAP_SSE_TYPE}\ndata: ${JSON.stringify(gap)}\n\n`;
}

/** The one timer the stall decision needs; injectable so tests decide when time has passed. */
export interface StallTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: StallTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface TillStreamsOptions {
  store: EventLog;
  heartbeatMs?: number;
  /** How long a till's connection may refuse more bytes (no 'drain') before it is dropped. */
  stallTimeoutMs?: number;
  /** Streams one holder (till token) may have open; a new one beyond this ends its oldest. */
  maxStreamsPerHolder?: number;
  timers?: StallTimers;
}

export interface OpenStreamRequest {
  /** Whose events this till may see. */
  scope: EventScope;
  /** Which credential opened it (a label, never the token): the per-token stream cap counts by it. */
  holder: string;
  /** The seq to resume after (Last-Event-ID); null when the till gave none: it gets everything kept. */
  after: number | null;
}

export class TillStreams {
  private readonly clients = new Set<TillStream>();
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: TillStreamsOptions) {
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) client.heartbeat();
    }, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  open(res: ServerResponse, request: OpenStreamRequest): void {
    if (this.closed) {
      res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
      res.end(JSON.stringify({ error: 'shutting_down', message: 'The relay is shutting down; retry shortly.' }));
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // A stream owns its connection: when it ends, the connection goes too.
      connection: 'close',
      'x-accel-buffering': 'no',
    });
    this.stream(res, request);
  }

  /**
   * Streams events into `connection` (the response once its head is written). Any Node Writable will
   * do: whether a till keeps up is decided from the stream's own backpressure ('drain'), never from
   * how much a kernel happens to buffer.
   */
  stream(connection: Writable, request: OpenStreamRequest): void {
    const client = new TillStream(
      connection,
      request,
      this.options.store,
      this.options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
      this.options.timers ?? realTimers,
    );
    this.endOldestBeyondCap(request.holder);
    this.clients.add(client);
    connection.on('close', () => {
      client.stop();
      this.clients.delete(client);
    });
    client.start();
  }

  /**
   * Keeps one token from holding unbounded connections. The oldest goes rather than the newcomer: a
   * till that reconnects while its old connection is silently dead must get in.
   */
  private endOldestBeyondCap(holder: string): void {
    const max = this.options.maxStreamsPerHolder ?? Number.POSITIVE_INFINITY;
    const own = [...this.clients].filter((client) => client.holder === holder);
    for (const client of own.slice(0, Math.max(0, own.length - max + 1))) {
      this.clients.delete(client);
      client.end();
    }
  }

  /** New events were stored: let every till pull what it has not seen. */
  notify(): void {
    for (const client of this.clients) client.pump();
  }

  /** Ends every stream (tills reconnect with Last-Event-ID) and refuses new ones. */
  closeAll(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}

class TillStream {
  private cursor: number;
  private gapReportedThrough = 0;
  private pumping = false;
  private pumpAgain = false;
  private stopped = false;
  private waitingForDrain = false;
  readonly holder: string;

  constructor(
    private readonly connection: Writable,
    private readonly request: OpenStreamRequest,
    private readonly store: EventLog,
    private readonly stallTimeoutMs: number,
    private readonly timers: StallTimers,
  ) {
    this.cursor = request.after ?? 0;
    this.holder = request.holder;
  }

  start(): void {
    this.connection.write(`retry: ${CLIENT_RETRY_MS}\n: connected\n\n`);
    // Wake-ups before the position is checked must not pump yet: hold them as a pending pump.
    this.pumping = true;
    this.checkPosition()
      .then(() => {
        this.pumping = false;
        this.pump();
      })
      .catch(() => this.connection.destroy());
  }

  private async checkPosition(): Promise<void> {
    const { after } = this.request;
    const prunedThrough = await this.store.prunedThrough();
    if (this.stopped) return;
    // Any instance may have issued it: the counter is shared, so this asks the shared log.
    if (after !== null && after > (await this.store.highestSeqAssigned())) {
      if (this.stopped) return;
      // An id this database never issued: the relay's data was reset. Replay what is kept and say so.
      this.connection.write(
        formatGap({
          reason: 'unknown_position',
          requestedAfter: after,
          prunedThrough,
          message: 'The relay does not know this Last-Event-ID (its data was reset): reconcile with Stripe.',
        }),
      );
      this.cursor = 0;
      this.gapReportedThrough = prunedThrough;
    } else if (after === null) {
      // A till with no position asks for what is kept; it reconciles with Stripe on start anyway.
      this.gapReportedThrough = prunedThrough;
    }
  }

  pump(): void {
    if (this.stopped) return;
    if (this.pumping) {
      // A wake-up while reading: read once more afterwards, or an event stored meanwhile would wait
      // for the next one.
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    this.pumpAgain = false;
    this.drainStore()
      .catch(() => this.connection.destroy())
      .finally(() => {
        this.pumping = false;
        if (this.pumpAgain) this.pump();
      });
  }

  heartbeat(): void {
    if (this.stopped || this.waitingForDrain) return;
    this.connection.write(': heartbeat\n\n');
  }

  end(): void {
    this.stop();
    // A till that is not reading could never receive the end: cut it off instead of waiting.
    if (this.connection.writableNeedDrain) this.connection.destroy();
    else this.connection.end();
  }

  stop(): void {
    this.stopped = true;
  }

  private async drainStore(): Promise<void> {
    while (!this.stopped) {
      const { events, prunedThrough } = await this.store.readAfter(this.cursor, this.request.scope, PAGE_SIZE);
      if (this.stopped) return;
      this.reportPrunedGap(prunedThrough);
      if (events.length === 0) return;
      for (const event of events) {
        if (this.stopped) return;
        this.cursor = event.seq;
        if (!this.connection.write(formatStripeEvent(event))) await this.drained();
      }
    }
  }

  private reportPrunedGap(prunedThrough: number): void {
    if (prunedThrough <= this.cursor || prunedThrough <= this.gapReportedThrough) return;
    this.gapReportedThrough = prunedThrough;
    this.connection.write(
      formatGap({
        reason: 'pruned',
        requestedAfter: this.cursor,
        prunedThrough,
        message: 'Events after your Last-Event-ID were deleted by retention: reconcile with Stripe\'s event log.',
      }),
    );
  }

  private drained(): Promise<void> {
    this.waitingForDrain = true;
    return new Promise<void>((resolve) => {
      const done = () => {
        this.timers.clearTimeout(timer);
        this.connection.off('drain', done);
        this.connection.off('close', done);
        this.waitingForDrain = false;
        resolve();
      };
      // Too far behind: drop it; it resumes from its Last-Event-ID when it reconnects.
      const timer = this.timers.setTimeout(() => {
        this.stop();
        this.connection.destroy();
        done();
      }, this.stallTimeoutMs);
      this.connection.on('drain', done);
      this.connection.on('close', done);
    });
  }
}
