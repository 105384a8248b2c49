// The harness's side of the till's public surfaces: the integration REST API (bearer token,
// Idempotency-Key), the screens' API (POST /api/pos/<op>, a cookie-bound session) and the event stream.
import { openEventStream, type EventStream } from '../../bench/support/event-stream';

/** The till answered (any HTTP status). */
export interface Answer {
  status: number;
  body: unknown;
}

/** The till did not answer: refused, reset or killed mid-request. The outcome is unknown to the caller. */
export class NoAnswer extends Error {
  constructor(readonly reason: string) {
    super(`no answer from the till (${reason})`);
  }
}

/** What POST /payments/intents and GET /payments/:id answer (the parts the harness reads). */
export interface PaymentBody {
  saleId: string;
  paymentIntentId?: string | null;
  id?: string | null;
  saleStatus?: string;
  status?: string | null;
  qr: { data: string } | null;
}

export interface SaleEvent {
  id: string;
  status: string;
}

export class TillClient {
  private cookie: string | null = null;
  private stream: EventStream | null = null;

  constructor(
    readonly baseUrl: string,
    private readonly apiToken: string,
  ) {}

  /** One HTTP request; a 429 from the till's own rate limit is waited out as its Retry-After asks. */
  async request(method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<Answer> {
    for (;;) {
      let response: Response;
      try {
        response = await fetch(`${this.baseUrl}${path}`, {
          method,
          headers: {
            ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(this.cookie ? { cookie: this.cookie } : {}),
            ...options.headers,
          },
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: options.signal,
        });
      } catch (error) {
        throw new NoAnswer(causeOf(error));
      }
      const setCookie = response.headers.get('set-cookie');
      if (setCookie) this.cookie = setCookie.split(';')[0];
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        throw new NoAnswer(causeOf(error));
      }
      if (response.status === 429) {
        const seconds = Number(response.headers.get('retry-after') ?? '1');
        await new Promise((resolve) => setTimeout(resolve, Math.min(5, Math.max(1, seconds)) * 1000));
        continue;
      }
      return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
    }
  }

  rest(method: string, path: string, options: { body?: unknown; idempotencyKey?: string; signal?: AbortSignal } = {}): Promise<Answer> {
    return this.request(method, path, {
      body: options.body,
      signal: options.signal,
      headers: { authorization: `Bearer ${this.apiToken}`, ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}) },
    });
  }

  /** A screens' API operation, as the cashier screen calls it; resolves with its PosResult. */
  async pos<T>(op: string, input: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }> {
    const answer = await this.request('POST', `/api/pos/${op}`, { body: input });
    return answer.body as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  }

  /** Opens the till's event stream (once per till process; a restart needs a new one). */
  async openEvents(): Promise<void> {
    this.closeEvents();
    this.stream = await openEventStream(`${this.baseUrl}/api/pos/events`);
  }

  closeEvents(): void {
    this.stream?.close();
    this.stream = null;
  }

  /** Resolves at the till's next event (any), or after `timeoutMs`. */
  async nextEvent(timeoutMs: number): Promise<void> {
    const stream = this.stream;
    if (!stream) throw new Error('open the event stream first');
    let off = () => {};
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      off = stream.on(() => resolve());
      timer = setTimeout(resolve, timeoutMs);
    });
    clearTimeout(timer);
    off();
  }

  /**
   * Resolves with the sale once `done` holds for it: checked now (GET /payments/:id) and then on each
   * sale.updated event; null after `timeoutMs`.
   */
  async waitForSale(saleId: string, done: (status: string) => boolean, timeoutMs: number): Promise<string | null> {
    const stream = this.stream;
    if (!stream) throw new Error('open the event stream first');
    let resolveSeen!: (status: string | null) => void;
    const seen = new Promise<string | null>((resolve) => (resolveSeen = resolve));
    const off = stream.on((type, data) => {
      const sale = data as SaleEvent;
      if (type === 'sale.updated' && sale.id === saleId && done(sale.status)) resolveSeen(sale.status);
    });
    const timer = setTimeout(() => resolveSeen(null), timeoutMs);
    try {
      const now = await this.rest('GET', `/payments/${saleId}`);
      const status = (now.body as PaymentBody | null)?.saleStatus;
      if (now.status === 200 && status && done(status)) return status;
      return await seen;
    } finally {
      clearTimeout(timer);
      off();
    }
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
