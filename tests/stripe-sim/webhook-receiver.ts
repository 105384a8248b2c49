/** A local HTTP endpoint that records what the simulator's webhook deliveries look like. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  body: string; // raw bytes as text: exactly what was signed
  headers: IncomingHttpHeaders;
  eventId: string;
  eventType: string;
  at: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Status codes to answer with, one per request, then 200. */
  respondWith(statuses: number[]): void;
  /** Hold the next `count` requests this long before answering (to provoke timeouts). */
  stall(count: number, ms: number): void;
  /** Resolves once `count` requests have arrived (rejects after timeoutMs). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let statuses: number[] = [];
  let stalls: { count: number; ms: number } = { count: 0, ms: 0 };
  let waiters: (() => void)[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let eventId = '';
      let eventType = '';
      try {
        ({ id: eventId, type: eventType } = JSON.parse(body) as { id: string; type: string });
      } catch {
        // not JSON: leave blank
      }
      received.push({ body, headers: request.headers, eventId, eventType, at: Date.now() });
      for (const wake of waiters) wake();
      const status = statuses.shift() ?? 200;
      const answer = () => response.writeHead(status, { 'Content-Type': 'text/plain' }).end(status < 300 ? 'ok' : 'nope');
      if (stalls.count > 0) {
        stalls = { count: stalls.count - 1, ms: stalls.ms };
        setTimeout(answer, stalls.ms).unref();
      } else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/payments/webhook`,
    received,
    respondWith: (next) => {
      statuses = [...next];
    },
    stall: (count, ms) => {
      stalls = { count, ms };
    },
    waitFor: (count, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < count) return false;
          clearTimeout(timer);
          waiters = waiters.filter((w) => w !== check);
          resolve(received.slice(0, count));
          return true;
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== check);
          reject(new Error(`expected ${count} webhook deliveries, got ${received.length}: ${received.map((r) => r.eventType).join(', ')}`));
        }, timeoutMs);
        if (!check()) waiters.push(check);
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
