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
import { percentile, waitForSaleStatus, openEventStream } from './support/event-stream';

const SALES = Number(process.env.BENCH_SALES ?? 20);
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
  const server = await startHttpServer(core, { host: '127.0.0.1', port: 0, rateLimit: false });
  if (pathName === 'webhook') sim.webhooks.add({ url: `${server.url}/payments/webhook`, secret: SECRET });
  if (relay) {
    sim.webhooks.add({ url: `${relay.url}/stripe/webhook`, secret: SECRET });
    await waitFor(() => core.paymentPath().relay === 'connected');
  }
  const stream = await openEventStream(`${server.url}/api/pos/events`);

  const latencies: number[] = [];
  sim.resetStats();
  for (let i = 0; i < SALES; i += 1) {
    const sale = await core.payments.charge({ amount: 1000 + i, source: 'till' });
    // Customers pay at any moment of a poll cycle: sample it instead of paying in lockstep.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 1000));
    const started = performance.now();
    const shown = waitForSaleStatus(stream, sale.id, 'succeeded');
    await sim.succeed(sale.paymentIntentId!);
    await shown;
    latencies.push(performance.now() - started);
  }
  const requests = sim.stats().total;
  const live = core.paymentPath().live;

  stream.close();
  await server.close();
  await core.close();
  await sim.close();
  await relay?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return {
    benchmark: 'paid_to_screen_latency',
    path: pathName,
    live_path_reported: live,
    sales: SALES,
    p50_ms: round(percentile(latencies, 0.5)),
    p95_ms: round(percentile(latencies, 0.95)),
    max_ms: round(latencies.at(-1)!),
    stripe_requests_per_sale: round(requests / SALES),
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
