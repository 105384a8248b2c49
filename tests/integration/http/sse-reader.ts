// Reads a server-sent event stream with fetch, so tests can await the event they expect rather than
// sleep. Resolves once the server's preamble has arrived, i.e. once the server has subscribed.
export interface ServerSentEvent {
  event: string;
  data: string;
}

export interface EventStreamReader {
  response: Response;
  /** The first event (received or still to come) matching `predicate`. */
  next(predicate: (event: ServerSentEvent) => boolean, timeoutMs?: number): Promise<ServerSentEvent>;
  /** Everything received so far, raw. */
  text(): string;
  close(): void;
}

export async function openEventStream(url: string, init: RequestInit = {}): Promise<EventStreamReader> {
  const controller = new AbortController();
  const response = await fetch(url, { ...init, signal: controller.signal });
  if (!response.body) throw new Error('event stream has no body');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let raw = '';
  let buffer = '';
  const events: ServerSentEvent[] = [];
  const waiters = new Set<() => void>();
  let ended = false;

  const consume = (chunk: string) => {
    raw += chunk;
    buffer += chunk;
    let boundary: number;
    while ((boundary = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length > 0) events.push({ event, data: data.join('\n') });
    }
    for (const wake of waiters) wake();
  };

  const pump = async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        consume(decoder.decode(value, { stream: true }));
      }
    } catch {
      // aborted
    } finally {
      ended = true;
      for (const wake of waiters) wake();
    }
  };

  // Wait for the preamble (retry + comment) before handing the stream to the test.
  if (response.ok) {
    const first = await reader.read();
    if (!first.done) consume(decoder.decode(first.value, { stream: true }));
  }
  void pump();

  return {
    response,
    text: () => raw,
    close: () => controller.abort(),
    next(predicate, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(predicate);
          if (found) {
            cleanup();
            resolve(found);
          } else if (ended) {
            cleanup();
            reject(new Error(`event stream ended without the expected event; got:\n${raw}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching event within ${timeoutMs} ms; got:\n${raw}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}
