// The browser-mode transport: POST /api/pos/<op> with the input as JSON, and server-sent events from
// GET /api/pos/events. Every operation goes through the same code; nothing here knows a method.
import type { PosEvent, PosEventName, PosInput, PosOperation, PosOutputs } from '../../shared/pos-contract';
import type { PosResult } from '../../shared/pos-error';
import { POS_EVENT_NAMES } from '../../shared/pos-operation-names';
import type { ConnectionState, RendererTransport } from './renderer-transport';
import { unreachableError } from './renderer-transport';
import { resultFromResponse } from './http-result';

export interface HttpTransportOptions {
  /** Origin (or base URL) of the till service; same origin when omitted. */
  baseUrl?: string;
  fetch?: typeof fetch;
  createEventSource?: (url: string) => EventSource;
  /** Delay before reopening an event stream the server closed for good (ms). */
  reconnectDelayMs?: (attempt: number) => number;
  /** Waits before asking again after the till's request limit refused a call (tests pass a fake). */
  wait?: (ms: number) => Promise<void>;
}

// The till's request limit (a screen opened right after another, several tabs of one browser) refuses
// a call before doing anything with it and says when it will listen again: the call is asked again
// then, so a person sees a short wait instead of "Too many requests". A lock (wrong PINs) carries no
// retryAfterMs and is shown as it is; a wait longer than a blink is shown too.
const LIMIT_RETRIES = 2;
const LIMIT_LONGEST_WAIT_MS = 2000;

const defaultReconnectDelay = (attempt: number): number => Math.min(1000 * 2 ** attempt, 10_000);

export function createHttpTransport(options: HttpTransportOptions = {}): RendererTransport {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const openEventSource = options.createEventSource ?? ((url: string) => new EventSource(url));
  const reconnectDelay = options.reconnectDelayMs ?? defaultReconnectDelay;
  const wait = options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  async function call<K extends PosOperation>(op: K, input: PosInput<K>): Promise<PosResult<PosOutputs[K]>> {
    let result = await callOnce(op, input);
    for (let retry = 0; retry < LIMIT_RETRIES; retry++) {
      const retryAfterMs = result.ok || result.error.code !== 'rate_limited' ? undefined : result.error.details?.retryAfterMs;
      if (retryAfterMs === undefined || !(retryAfterMs >= 0) || retryAfterMs > LIMIT_LONGEST_WAIT_MS) break;
      await wait(retryAfterMs);
      result = await callOnce(op, input);
    }
    return result;
  }

  async function callOnce<K extends PosOperation>(op: K, input: PosInput<K>): Promise<PosResult<PosOutputs[K]>> {
    let response: Response;
    try {
      response = await doFetch(`${base}/api/pos/${op}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
      });
    } catch (error) {
      return unreachableError(error instanceof Error ? error.message : String(error)) as PosResult<PosOutputs[K]>;
    }
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    return resultFromResponse(response.status, body) as PosResult<PosOutputs[K]>;
  }

  // One EventSource shared by every subscriber, opened on the first and closed after the last.
  const eventListeners = new Set<(event: PosEvent) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let connection: ConnectionState = 'connecting';
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;

  const setConnection = (state: ConnectionState): void => {
    if (state === connection) return;
    connection = state;
    for (const listener of connectionListeners) listener(state);
  };

  const open = (): void => {
    const es = openEventSource(`${base}/api/pos/events`);
    source = es;
    es.onopen = () => {
      attempt = 0;
      setConnection('connected');
    };
    es.onerror = () => {
      setConnection('disconnected');
      // The browser retries by itself unless the server refused the stream; then we retry.
      if (es.readyState === 2 /* CLOSED */ && source === es) {
        es.close();
        source = null;
        retryTimer = setTimeout(() => {
          retryTimer = null;
          if (eventListeners.size > 0 || connectionListeners.size > 0) open();
        }, reconnectDelay(attempt++));
      }
    };
    for (const name of POS_EVENT_NAMES) {
      // Typed as a plain Event so the file also compiles under Node's EventSource typings (tests).
      es.addEventListener(name, (message: Event) => {
        let data: unknown;
        try {
          data = JSON.parse(String((message as MessageEvent).data));
        } catch {
          return;
        }
        const event = { type: name as PosEventName, data } as PosEvent;
        for (const listener of eventListeners) listener(event);
      });
    }
  };

  const ensureOpen = (): void => {
    if (!source && !retryTimer) open();
  };
  const closeIfUnused = (): void => {
    if (eventListeners.size > 0 || connectionListeners.size > 0) return;
    source?.close();
    source = null;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    connection = 'connecting';
  };

  return {
    kind: 'http',
    call,
    subscribe(listener) {
      eventListeners.add(listener);
      ensureOpen();
      return () => {
        eventListeners.delete(listener);
        closeIfUnused();
      };
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      listener(connection);
      ensureOpen();
      return () => {
        connectionListeners.delete(listener);
        closeIfUnused();
      };
    },
  };
}
