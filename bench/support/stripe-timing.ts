// Preloaded into the browser-mode host by the charge-to-display bench (`node --import tsx --import
// ./bench/support/stripe-timing.ts electron/host/main.ts`): times every HTTP request the host makes to
// Stripe (here the simulator), from the request's start to the last byte of its answer, and
// every request the host answers on its own API (`/api/pos/…`, start to finish), and when the event
// stream writes a sale's QR (awaiting payment) out to a screen, and prints one `stripe-timing {json}`
// line for each on stdout. Node's own diagnostics channels (and one wrapped write, for the stream), so
// the host's code is unchanged and pays nothing when this is not loaded.
import diagnostics from 'node:diagnostics_channel';
import { ServerResponse, type ClientRequest, type IncomingMessage } from 'node:http';
import { STRIPE_TIMING_PREFIX, type StripeTiming } from './stripe-timing-line';

function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

const started = new WeakMap<ClientRequest, number>();

diagnostics.subscribe('http.client.request.start', (message) => {
  started.set((message as { request: ClientRequest }).request, performance.now());
});

diagnostics.subscribe('http.client.response.finish', (message) => {
  const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
  const start = started.get(request);
  if (start === undefined || !request.path.startsWith('/v1/')) return;
  // This channel fires with the headers; Stripe's reply is complete at the body's end.
  response.once('end', () => {
    const timing: StripeTiming = { kind: 'stripe', method: request.method, path: request.path.split('?')[0]!, ms: performance.now() - start, endAt: epochNow() };
    process.stdout.write(`${STRIPE_TIMING_PREFIX}${JSON.stringify(timing)}\n`);
  });
});

const answering = new WeakMap<IncomingMessage, { at: number; cpu: NodeJS.CpuUsage }>();

diagnostics.subscribe('http.server.request.start', (message) => {
  const { request } = message as { request: IncomingMessage };
  if (request.url?.startsWith('/api/pos/') && request.method === 'POST') answering.set(request, { at: performance.now(), cpu: process.cpuUsage() });
});

diagnostics.subscribe('http.server.response.finish', (message) => {
  const { request } = message as { request: IncomingMessage; response: ServerResponse };
  const start = answering.get(request);
  if (start === undefined) return;
  const cpu = process.cpuUsage(start.cpu);
  const timing: StripeTiming = {
    kind: 'api', method: request.method!, path: request.url!.split('?')[0]!, ms: performance.now() - start.at, endAt: epochNow(), cpuMs: (cpu.user + cpu.system) / 1000,
  };
  process.stdout.write(`${STRIPE_TIMING_PREFIX}${JSON.stringify(timing)}\n`);
});

// The event stream's writes: each write of a sale awaiting payment with its QR. Matched as text, not
// parsed, so the bench adds little to the host's work (a sale's JSON begins with its id).
const SALE_EVENT_START = 'event: sale.updated\ndata: {"id":"';
const SALE_ID_AT = SALE_EVENT_START.length;
const nativeWrite = ServerResponse.prototype.write;
ServerResponse.prototype.write = function write(this: ServerResponse, chunk: unknown, ...rest: unknown[]): boolean {
  const written = (nativeWrite as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  if (typeof chunk === 'string' && chunk.startsWith(SALE_EVENT_START) && chunk.includes('"status":"awaiting_payment"') && chunk.includes('"qrData":"')) {
    const saleId = chunk.slice(SALE_ID_AT, chunk.indexOf('"', SALE_ID_AT));
    // The customer display's view has no PaymentIntent id (customer-feed.ts); a signed-in till's has.
    const path = chunk.includes('"paymentIntentId":null') ? '/api/pos/events#customer' : '/api/pos/events#till';
    const timing: StripeTiming = { kind: 'event', method: 'GET', path, ms: 0, endAt: epochNow(), saleId };
    process.stdout.write(`${STRIPE_TIMING_PREFIX}${JSON.stringify(timing)}\n`);
  }
  return written;
} as typeof ServerResponse.prototype.write;
