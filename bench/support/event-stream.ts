// Reads the till's server-sent event stream (what the customer display renders from) in a benchmark.
import { createParser } from 'eventsource-parser';

export interface EventStream {
  on(listener: (type: string, data: unknown) => void): () => void;
  close(): void;
}

export async function openEventStream(url: string): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: abort.signal });
  if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
  const listeners = new Set<(type: string, data: unknown) => void>();
  const parser = createParser({
    onEvent: (message) => {
      const data = JSON.parse(message.data) as unknown;
      for (const listener of listeners) listener(message.event ?? 'message', data);
    },
  });
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }));
    } catch {
      // closed
    }
  })();
  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => abort.abort(),
  };
}

export function waitForSaleStatus(stream: EventStream, saleId: string, status: string): Promise<void> {
  return new Promise((resolve) => {
    const off = stream.on((type, data) => {
      const sale = data as { id?: string; status?: string };
      if (type === 'sale.updated' && sale.id === saleId && sale.status === status) {
        off();
        resolve();
      }
    });
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}
