// Paid-to-screen latency: the simulator marks a PaymentIntent paid → the customer display's event
// stream (GET /api/pos/events, what the screen renders from) says succeeded. Measured for push via the
// relay, the local webhook, and polling only, with Stripe API requests per completed sale.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCoreConfig } from '../electron/core/config/core-config';
import { startHttpServer } from '../electron/core/http/http-server';
import { startCore } from '../electron/core/start-core';
import { startRelay } from '../relay';
import { startStripeSim } from '../stripe-sim';
import { openCustomerDisplay, type CustomerDisplay } from './support/customer-display';
import { percentile, waitForSaleStatus, openEventStream } from './support/event-stream';

const SALES = Number(process.env.BENCH_SALES ?? 20);
const RENDERER_DIR = path.resolve(import.meta.dirname, '../dist/renderer');
const SECRET = 'whsec_bench_secret';
const TOKEN = 'bench-till-token';

type PathName = 'relay' | 'webhook' | 'polling';

async function measure(pathName: PathName): Promise<Record<string, unknown>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `chamra-bench-${pathName}-`));
  const relay = pathName === 'relay'
    ? await startRelay({ port: 0, dataDir: path.join(dataDir, 'relay'), webhookSecrets: [SECRET], tillTokens: [{ token: TOKEN, account: null }] })
    : null;
  const sim = await startStripeSim({ port: 0, webhookRetryDelaysMs: [200, 1000] });
  const config = loadCoreConfig({}, {
    dataDir,
    stripeSecretKey: 'sk_test_bench',
    stripeApiBase: sim.url,
    stripeWebhookSecrets: pathName === 'polling' ? [] : [SECRET],
    relayUrl: relay?.url ?? null,
    relayToken: relay ? TOKEN : null,
  });
  const core = await startCore(config, { log: () => undefined });
  const server = await startHttpServer(core, { host: '127.0.0.1', port: 0, rateLimit: false, rendererDir: RENDERER_DIR });
  if (pathName === 'webhook') sim.webhooks.add({ url: `${server.url}/payments/webhook`, secret: SECRET });
  if (relay) {
    sim.webhooks.add({ url: `${relay.url}/stripe/webhook`, secret: SECRET });
    await waitFor(() => core.paymentPath().relay === 'connected');
  }
  const stream = await openEventStream(`${server.url}/api/pos/events`);
  const display: CustomerDisplay | null = await openCustomerDisplay(`${server.url}/customer/?lang=th`);

  const latencies: number[] = [];
  const screenLatencies: number[] = [];
  sim.resetStats();
  for (let i = 0; i < SALES; i += 1) {
    const sale = await core.payments.charge({ amount: 1000 + i, source: 'till' });
    // Customers pay at any moment of a poll cycle: sample it instead of paying in lockstep.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 1000));
    await display?.waitForStatus('awaiting_payment');
    const started = performance.now();
    const streamed = waitForSaleStatus(stream, sale.id, 'succeeded').then(() => latencies.push(performance.now() - started));
    const rendered = display?.waitForStatus('succeeded').then(() => screenLatencies.push(performance.now() - started));
    await sim.succeed(sale.paymentIntentId!);
    await Promise.all([streamed, rendered]);
  }
  const requests = sim.stats().total;
  const live = core.paymentPath().live;

  stream.close();
  await display?.close();
  await server.close();
  await core.close();
  await sim.close();
  await relay?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  screenLatencies.sort((a, b) => a - b);
  return {
    benchmark: 'paid_to_screen_latency',
    path: pathName,
    live_path_reported: live,
    sales: SALES,
    // Until the customer display (Chromium, the built renderer) shows the paid screen.
    screen_p50_ms: display ? round(percentile(screenLatencies, 0.5)) : null,
    screen_p95_ms: display ? round(percentile(screenLatencies, 0.95)) : null,
    screen_max_ms: display ? round(screenLatencies.at(-1)!) : null,
    // Until the display's event stream carries the update (what the screen renders from).
    event_stream_p50_ms: round(percentile(latencies, 0.5)),
    event_stream_p95_ms: round(percentile(latencies, 0.95)),
    stripe_requests_per_sale: round(requests / SALES),
    note: display ? undefined : 'no Chromium at CHROMIUM_PATH or /usr/bin/chromium, or no built renderer: only the event stream was measured',
  };
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the relay connection');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

for (const pathName of ['relay', 'webhook', 'polling'] as const) {
  console.log(JSON.stringify(await measure(pathName)));
}
