// Connects out to the webhook relay (shops rarely have a public address), resumes from the last event
// it processed, and hands each event's raw body and Stripe-Signature to the same verification the
// local webhook endpoint uses. Reconnects with backoff; any reconnect or relay-announced gap triggers a
// catch-up from Stripe's event log, so nothing is missed. The relay is not trusted: its token only
// travels over TLS (or loopback), one message may not exceed a fixed size, and every event must carry
// Stripe's signature and is only a hint (the till asks Stripe before anything becomes final).
import { isIP } from 'node:net';
import { createParser, type EventSourceMessage, type ParseError } from 'eventsource-parser';
import type { PaymentPathStatus } from '../../../shared/pos-contract';
import type { PushCursors } from './push-cursors';

const CURSOR = 'relay.seq';

/**
 * The largest SSE message the till will buffer. The relay refuses webhook bodies over 1 MiB, and JSON
 * escaping of that body at most about doubles it; anything bigger is not from an honest relay.
 */
export const MAX_RELAY_MESSAGE_CHARS = 4 * 1024 * 1024;

export class RelayUrlError extends Error {}

/**
 * POS_RELAY_URL must be https, except on this machine (a relay under test, or behind a local TLS
 * tunnel): the till token would otherwise cross the network in clear text.
 */
export function checkRelayUrl(base: string): URL {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new RelayUrlError('POS_RELAY_URL is not a URL (expected e.g. https://relay.example.com).');
  }
  if (url.username || url.password) {
    throw new RelayUrlError('POS_RELAY_URL must not contain credentials; the till token goes in POS_RELAY_TOKEN.');
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  throw new RelayUrlError(
    `POS_RELAY_URL must start with https:// (got ${url.protocol}//${url.host}): the till token and the shop's ` +
      'payment events would cross the network unencrypted. Plain http:// is only accepted for 127.0.0.1, ::1 or localhost.',
  );
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

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
  /** Tests only: a smaller cap on one message. */
  maxMessageChars?: number;
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
  private disconnect: (() => void) | null = null;
  private readonly eventsUrl: URL;

  /** Throws RelayUrlError when the URL would send the token in clear text. */
  constructor(private readonly options: RelayClientOptions) {
    this.eventsUrl = relayEventsUrl(checkRelayUrl(options.url).href);
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    this.disconnect?.();
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
    const response = await fetch(this.eventsUrl, { headers, signal: this.abort.signal, redirect: 'error' });
    if (!response.ok || !response.body) {
      throw new Error(`the relay answered ${response.status}${response.status === 401 ? ' (check POS_RELAY_TOKEN)' : ''}`);
    }
    this.options.onState('connected');
    // Whatever happened while disconnected may not all be in the relay (e.g. it was down too).
    this.options.onGap();

    const reader = response.body.getReader();
    const signal = this.abort.signal;
    // Aborting the request alone does not always wake a read already waiting on the body (seen after
    // a large message): cancel the reader too, or stop() and the idle timeout could wait forever.
    const disconnect = () => {
      this.abort?.abort();
      reader.cancel().catch(() => undefined);
    };
    this.disconnect = disconnect;

    const maxChars = this.options.maxMessageChars ?? MAX_RELAY_MESSAGE_CHARS;
    let oversized = false;
    const parser = createParser({
      onEvent: (message) => this.handle(message),
      onError: (error: ParseError) => {
        if (error.type === 'max-buffer-size-exceeded') oversized = true;
      },
      // The parser stops buffering past this: a relay cannot make the till hold an endless message.
      maxBufferSize: maxChars,
    });
    const idleMs = this.options.idleTimeoutMs ?? 45_000;
    let idle = setTimeout(disconnect, idleMs);
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done || signal.aborted) break;
        clearTimeout(idle);
        idle = setTimeout(disconnect, idleMs);
        parser.feed(decoder.decode(value, { stream: true }));
        if (oversized) break;
      }
    } catch (error) {
      if (!signal.aborted) throw error;
    } finally {
      clearTimeout(idle);
      this.disconnect = null;
      disconnect();
    }
    if (oversized) {
      // Counted as a failed connection, so a relay that keeps doing it gets the growing backoff.
      throw new Error(`the relay sent a message larger than ${maxChars} characters; the connection was dropped`);
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

/**
 * Up to 10 s: a relay restart is the usual cause, and a till back on push sooner polls Stripe less.
 * Jitter spreads the tills out so they do not all knock at once when the relay comes back.
 */
function defaultBackoff(attempt: number): number {
  const ceiling = Math.min(10_000, 500 * 2 ** Math.min(attempt, 5));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
