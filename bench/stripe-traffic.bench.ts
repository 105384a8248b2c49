// Stripe requests per second a till costs while sales are open, for polling only and with push (the
// local webhook), next to the reference design (each open payment polled every 3 s). Stripe allows
// 25 requests/s in test mode and 100 live, shared by every till on the account. Also how long until an
// open sale's payment is noticed. The simulator counts the requests (no rate limit, to see demand).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCoreConfig } from '../electron/core/config/core-config';
import { startHttpServer } from '../electron/core/http/http-server';
import type { PosCore } from '../electron/core/pos-core-types';
import { startCore } from '../electron/core/start-core';
import { startStripeSim } from '../stripe-sim';

const OPEN_SALES = (process.env.BENCH_OPEN_SALES ?? '1,20,200').split(',').map(Number);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 16_000);
const SECRET = 'whsec_bench_traffic';
/** The reference design: every open payment polled on its own every 3 s. */
const REFERENCE_POLL_MS = 3_000;

type PathName = 'polling' | 'webhook';

function paidWithin(core: PosCore, saleId: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    const stop = core.subscribe((event) => {
      if (event.type === 'sale.updated' && event.data.id === saleId && event.data.status === 'succeeded') {
        stop();
        resolve(performance.now() - started);
      }
    });
  });
}

async function measure(pathName: PathName, openSales: number): Promise<Record<string, unknown>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `chamra-bench-traffic-${pathName}-`));
  const sim = await startStripeSim({ port: 0, rateLimit: 0, webhookRetryDelaysMs: [200, 1000] });
  const config = loadCoreConfig({}, {
    dataDir, stripeSecretKey: 'sk_test_bench_traffic', stripeApiBase: sim.url, stripeWebhookSecrets: pathName === 'webhook' ? [SECRET] : [],
  });
  const core = await startCore(config, { log: () => undefined });
  const server = await startHttpServer(core, { host: '127.0.0.1', port: 0, rateLimit: false });
  if (pathName === 'webhook') {
    sim.webhooks.add({ url: `${server.url}/payments/webhook`, secret: SECRET });
    // One paid sale first: a webhook path counts as live once Stripe's events arrive through it.
    const warmUp = await core.payments.charge({ amount: 1_000, source: 'till' });
    const warm = paidWithin(core, warmUp.id);
    await sim.succeed(warmUp.paymentIntentId!);
    await warm;
  }
  const sales = [];
  for (let i = 0; i < openSales; i += 1) sales.push(await core.payments.charge({ amount: 2_000 + i, source: 'till' }));

  sim.resetStats();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
  const seconds = (performance.now() - started) / 1000;
  const steady = sim.stats();

  // A customer pays one of the open sales at a random moment of the watcher's cycle.
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 1_000));
  const target = sales[Math.floor(openSales / 2)];
  const noticed = paidWithin(core, target.id);
  await sim.succeed(target.paymentIntentId!);
  const noticedMs = await noticed;
  const live = core.paymentPath().live;

  await server.close();
  await core.close();
  await sim.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return {
    benchmark: 'stripe_requests_per_second',
    path: pathName,
    live_path_reported: live,
    open_sales: openSales,
    window_s: round(seconds),
    requests_per_second: round(steady.total / seconds),
    requests: steady.requests,
    reference_design_requests_per_second: round(openSales * (1000 / REFERENCE_POLL_MS)),
    payment_noticed_ms: round(noticedMs),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

for (const pathName of ['polling', 'webhook'] as const) {
  for (const openSales of OPEN_SALES) console.log(JSON.stringify(await measure(pathName, openSales)));
}
