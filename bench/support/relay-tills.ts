// Lightweight tills for the relay scale benchmark: one raw HTTP connection each reading the relay's
// server-sent events (eventsource-parser), noting when every Stripe event arrives and nothing else, so
// one process can hold a thousand of them. A dropped stream reconnects with Last-Event-ID, as the
// real till does, and is counted.
import http from 'node:http';
import { createParser } from 'eventsource-parser';

export interface TillCounters {
  received: number;
  duplicates: number;
  /** Events whose relay sequence number was not above the previous one on the same stream. */
  outOfOrder: number;
  reconnects: number;
  /** Connections refused or failed (status, socket error). */
  connectErrors: number;
  gaps: number;
}

export interface Arrival {
  /** The webhook's index in the benchmark's list of posted events. */
  event: number;
  at: number;
}

export interface RelayTill {
  readonly counters: TillCounters;
  readonly connected: boolean;
  /** Resolves once the stream's response head arrived (200). */
  ready: Promise<void>;
  close(): void;
}

export interface RelayTillOptions {
  url: string;
  token: string;
  /** Maps a Stripe event id to the benchmark's index for it (undefined: not one of ours). */
  indexOf(eventId: string): number | undefined;
  /** How many events the benchmark will post (sizes the seen-set). */
  capacity: number;
  onArrival(till: number, arrival: Arrival): void;
  id: number;
}

const EVENT_ID_KEY = '"eventId":"';

export function connectRelayTill(options: RelayTillOptions): RelayTill {
  const counters: TillCounters = { received: 0, duplicates: 0, outOfOrder: 0, reconnects: 0, connectErrors: 0, gaps: 0 };
  const seen = new Uint8Array(options.capacity);
  let lastSeq = 0;
  let connected = false;
  let closed = false;
  let request: http.ClientRequest | null = null;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const parser = createParser({
    onEvent: (message) => {
      if (message.event === 'relay.gap') {
        counters.gaps += 1;
        return;
      }
      if (message.event !== 'stripe.event') return;
      const at = performance.now();
      const seq = Number(message.id);
      if (seq <= lastSeq) counters.outOfOrder += 1;
      lastSeq = Math.max(lastSeq, seq);
      // The id sits near the start of the message; no need to parse the whole payload.
      const start = message.data.indexOf(EVENT_ID_KEY) + EVENT_ID_KEY.length;
      const index = options.indexOf(message.data.slice(start, message.data.indexOf('"', start)));
      if (index === undefined) return;
      if (seen[index]) {
        counters.duplicates += 1;
        return;
      }
      seen[index] = 1;
      counters.received += 1;
      options.onArrival(options.id, { event: index, at });
    },
  });

  const open = (): void => {
    if (closed) return;
    const headers: Record<string, string> = { accept: 'text/event-stream', authorization: `Bearer ${options.token}` };
    // Only the position of events already here: the relay replays from there (a new till gets all kept).
    if (lastSeq > 0) headers['last-event-id'] = String(lastSeq);
    // One reconnect per attempt, whichever of the request's and the response's ends reports first.
    let ended = false;
    const reopen = (): void => {
      connected = false;
      if (ended || closed) return;
      ended = true;
      counters.reconnects += 1;
      setTimeout(open, 1_000).unref(); // the relay's `retry: 1000`
    };
    request = http.get(`${options.url}/events`, { headers, agent: false }, (response) => {
      if (response.statusCode !== 200) {
        counters.connectErrors += 1;
        response.resume();
        response.on('end', reopen);
        return;
      }
      connected = true;
      markReady();
      parser.reset();
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => parser.feed(chunk));
      response.on('close', reopen);
    });
    request.on('error', () => {
      if (!ended && !connected) counters.connectErrors += 1;
      reopen();
    });
  };
  open();

  return {
    counters,
    get connected() {
      return connected;
    },
    ready,
    close: () => {
      closed = true;
      request?.destroy();
    },
  };
}
