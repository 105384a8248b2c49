// Connects out to the webhook relay (shops rarely have a public address), resumes from the last event
// it processed, and hands each event's raw body and Stripe-Signature to the same verification the
// local webhook endpoint uses. Reconnects with backoff; any reconnect or relay-announced gap triggers a
// catch-up from Stripe's event log, so nothing is missed.
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { PaymentPathStatus } from '../../../shared/pos-contract';
import type { PushCursors } from './push-cursors';

const CURSOR = 'relay.seq';

export interface RelayClientOptions {
  url: string;
  token: string;
  cursors: PushCursors;
  /** Verify and apply one event: 'rejected' when Stripe's signature does not hold. Throws on local failure. */
  deliver(payload: string, signature: string): 'accepted' | 'rejected';
  onState(state: PaymentPathStatus['relay']): void;
  /** Called after (re)connecting and when the relay reports a gap. */
  onGap(): void;
  log?: (message: string) => void;
  /** Silence longer than this means the connection is dead (the relay heartbeats every 15 s). */
  idleTimeoutMs?: number;
  backoffMs?: (attempt: number) => number;
}

interface RelayEventData {
  seq: number;
  eventId: string;
  payload: string;
  signature: string;
}

export class RelayClient {
  private abort: AbortController | null = null;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly options: RelayClientOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      this.options.onState('connecting');
      const connected = await this.connectOnce().catch((error: unknown) => {
        this.options.log?.(`relay: ${error instanceof Error ? error.message : String(error)}`);
        return false;
      });
      if (this.stopped) break;
      this.options.onState('down');
      attempt = connected ? 0 : attempt + 1;
      await this.pause((this.options.backoffMs ?? defaultBackoff)(attempt));
    }
    this.options.onState('off');
  }

  /** One connection, until it ends. Resolves true if it got as far as streaming. */
  private async connectOnce(): Promise<boolean> {
    this.abort = new AbortController();
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.token}`, accept: 'text/event-stream' };
    const lastSeq = this.options.cursors.get(CURSOR);
    if (lastSeq !== null) headers['last-event-id'] = lastSeq;
    const response = await fetch(relayEventsUrl(this.options.url), { headers, signal: this.abort.signal });
    if (!response.ok || !response.body) {
      throw new Error(`the relay answered ${response.status}${response.status === 401 ? ' (check POS_RELAY_TOKEN)' : ''}`);
    }
    this.options.onState('connected');
    // Whatever happened while disconnected may not all be in the relay (e.g. it was down too).
    this.options.onGap();

    const parser = createParser({ onEvent: (message) => this.handle(message) });
    const idleMs = this.options.idleTimeoutMs ?? 45_000;
    let idle = setTimeout(() => this.abort?.abort(), idleMs);
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        clearTimeout(idle);
        idle = setTimeout(() => this.abort?.abort(), idleMs);
        parser.feed(decoder.decode(chunk, { stream: true }));
      }
    } catch (error) {
      if (!this.abort.signal.aborted) throw error;
    } finally {
      clearTimeout(idle);
    }
    return true;
  }

  private handle(message: EventSourceMessage): void {
    if (message.event === 'relay.gap') {
      this.options.onGap();
      return;
    }
    if (message.event !== 'stripe.event') return;
    let data: RelayEventData;
    try {
      data = JSON.parse(message.data) as RelayEventData;
    } catch {
      this.options.log?.('relay: an event that is not JSON was skipped');
      return;
    }
    // A local failure throws out of here and ends the connection without moving the cursor, so the
    // event is received again on reconnect. A body the relay altered never verifies: skip it, loudly.
    if (this.options.deliver(data.payload, data.signature) === 'rejected') {
      this.options.log?.(`relay: event ${data.eventId} rejected: Stripe's signature does not match`);
    }
    if (message.id) this.options.cursors.set(CURSOR, message.id);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref?.();
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/** `<POS_RELAY_URL>/events`, keeping any path the relay is mounted under (https://host/relay/ → /relay/events). */
export function relayEventsUrl(base: string): URL {
  return new URL('events', base.endsWith('/') ? base : `${base}/`);
}

function defaultBackoff(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
}
