// Preloaded into the browser-mode host by the charge-to-display bench (`node --import tsx --import
// ./bench/support/stripe-timing.ts electron/host/main.ts`): times every HTTP request the host makes to
// Stripe (here the embedded simulator), from the request's start to the last byte of its answer, and
// every request the host answers on its own API (`/api/pos/…`, start to finish), and prints one
// `stripe-timing {json}` line per request on stdout. Node's own diagnostics channels, so the host's
// code is unchanged and pays nothing when this is not loaded.
import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';

export const STRIPE_TIMING_PREFIX = 'stripe-timing ';

export interface StripeTiming {
  /** stripe: a request the host made to Stripe; api: a request the host answered. */
  kind: 'stripe' | 'api';
  method: string;
  path: string;
  ms: number;
  /** api only: the host process's CPU time (user + system, all threads) while it answered; unlike `ms`, not stretched by other processes' load. */
  cpuMs?: number;
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
    const timing: StripeTiming = { kind: 'stripe', method: request.method, path: request.path.split('?')[0]!, ms: performance.now() - start };
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
    kind: 'api', method: request.method!, path: request.url!.split('?')[0]!, ms: performance.now() - start.at, cpuMs: (cpu.user + cpu.system) / 1000,
  };
  process.stdout.write(`${STRIPE_TIMING_PREFIX}${JSON.stringify(timing)}\n`);
});
