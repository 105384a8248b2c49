// A small server-sent events reader over fetch streaming, for relay tests: it awaits messages as
// they arrive (no sleeps) and parses the stream the way an EventSource does.
export interface SseMessage {
  /** The `id:` of this message, if it had one. */
  id: string | undefined;
  event: string;
  data: string;
}

export interface SseStream {
  status: number;
  headers: Headers;
  /** The last `retry:` value received. */
  retry(): number | undefined;
  /** Comment lines (after the colon, trimmed), in order. */
  comments: string[];
  /** Resolves with the next message; rejects if the stream ends first or none arrives in time. */
  next(timeoutMs?: number): Promise<SseMessage>;
  take(count: number, timeoutMs?: number): Promise<SseMessage[]>;
  /** Resolves when a comment equal to `text` has arrived. */
  comment(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export interface OpenSseOptions {
  token?: string;
  lastEventId?: string | number;
}

export async function openSse(url: string, options: OpenSseOptions = {}): Promise<SseStream> {
  const abort = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.lastEventId !== undefined) headers['last-event-id'] = String(options.lastEventId);
  const response = await fetch(url, { headers, signal: abort.signal });
  if (response.status !== 200 || !response.body) {
    const text = await response.text();
    throw new Error(`Expected an event stream from ${url}, got ${response.status}: ${text}`);
  }

  const queue: SseMessage[] = [];
  const comments: string[] = [];
  let retry: number | undefined;
  let finished = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const changed = () => new Promise<void>((resolve) => (wake = resolve));

  let data: string[] = [];
  let eventType = '';
  let id: string | undefined;
  const onLine = (line: string) => {
    if (line === '') {
      if (data.length > 0) queue.push({ id, event: eventType || 'message', data: data.join('\n') });
      data = [];
      eventType = '';
      id = undefined;
      return;
    }
    if (line.startsWith(':')) {
      comments.push(line.slice(1).trim());
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') eventType = value;
    else if (field === 'id') id = value;
    else if (field === 'retry') retry = Number(value);
  };

  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split(/\r\n|\r|\n/);
        buffer = lines.pop() ?? '';
        for (const line of lines) onLine(line);
        notify();
      }
    } catch {
      // Aborted by close(), or the connection was cut.
    } finally {
      finished = true;
      notify();
    }
  })();

  const waitFor = async <T>(pick: () => T | undefined, what: string, timeoutMs: number): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = pick();
      if (found !== undefined) return found;
      if (finished) throw new Error(`The stream ended while waiting for ${what}.`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`No ${what} within ${timeoutMs} ms.`);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([changed(), new Promise<void>((resolve) => (timer = setTimeout(resolve, remaining)))]);
      clearTimeout(timer);
    }
  };

  const stream: SseStream = {
    status: response.status,
    headers: response.headers,
    retry: () => retry,
    comments,
    next: (timeoutMs = 5_000) => waitFor(() => queue.shift(), 'message', timeoutMs),
    async take(count, timeoutMs = 5_000) {
      const messages: SseMessage[] = [];
      for (let i = 0; i < count; i += 1) messages.push(await stream.next(timeoutMs));
      return messages;
    },
    comment: (text, timeoutMs = 5_000) =>
      waitFor(() => (comments.includes(text) ? true : undefined), `comment "${text}"`, timeoutMs).then(() => {}),
    ended,
    close: () => abort.abort(),
  };
  return stream;
}
