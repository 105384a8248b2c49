// Stripe requests per second for a fleet of tills on ONE Stripe account (Stripe's limit is per
// account: 25/s in test mode, 100/s live, shared by every till), with push healthy and push down.
//
// Every till is a real core (startCore: ledger, payment service, the real watcher and WatchScheduler)
// talking to one stripe-sim over HTTP with the official SDK; the sim counts the requests. A fleet of
// 1,000 tills cannot tick in real time on a shared 2-core machine, so the tills and the sim share one
// virtual clock: time stands still while requests are in flight and moves to the next timer once
// every till has settled. A request therefore takes no virtual time, so each figure is the fleet's
// demand at the fastest (a real round trip to Stripe only stretches each till's tick a little).
// Under a limit that zero round trip matters: a till's read-back of a paid sale goes out in the same
// instant as the log read that found it, right after that read took the bucket's token, so it loses
// more often than it would with 100–300 ms between them (payments noticed late: a worst case).
//
// Scenarios (BENCH_FLEET_SCENARIOS):
//  - quiet: every till has one sale awaiting payment; a few sampled sales are paid during the window
//    (to time how long a payment takes to be noticed); the event log stays nearly empty.
//  - busy: every till sells all the time (each sale paid 20–100 s after its QR, the next rung up at
//    once), so the account's event log fills, and each read of it (60 s overlap, 100 per page) pages
//    through every till's events. Heavy to simulate (a page is 100 events of ~2 KB), so only up to
//    BENCH_FLEET_BUSY_MAX tills (default 10: one page; 100 starts paging and takes long on 2 cores).
// Limits (BENCH_FLEET_LIMITS): 0 = unlimited (the demand), 25 and 100 = Stripe's account limits, where
// 429s slow the watchers down; then the figures are what the account let through and how late
// payments were noticed. Cost: a 1,000-till configuration takes 2–3 minutes of wall time on 2 cores
// at load 2–6 (about 70 s of it starting the 1,000 cores; push down without a limit, ~1,000 requests
// per virtual second, takes longer), several times that on a machine busy with other work; the phases
// are timed on stderr. Configurations are independent: run them as separate processes to use every
// core. 100 tills and fewer take seconds to a couple of minutes.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { loadCoreConfig } from '../electron/core/config/core-config';
import type { Clock } from '../electron/core/payments/watch-scheduler';
import type { PosCore } from '../electron/core/pos-core-types';
import { RECONCILED_EVENT_TYPES } from '../electron/core/push/reconciled-event-types';
import { startCore } from '../electron/core/start-core';
import { startStripeSim } from '../stripe-sim';
import { percentile } from './support/event-stream';

const TILLS = list(process.env.BENCH_FLEET_TILLS, '1,10,100,1000');
const LIMITS = list(process.env.BENCH_FLEET_LIMITS, '0,25,100');
const SCENARIOS = (process.env.BENCH_FLEET_SCENARIOS ?? 'quiet,busy').split(',') as Scenario[];
const PUSH = (process.env.BENCH_FLEET_PUSH ?? 'down,healthy').split(',') as Push[];
const BUSY_MAX = Number(process.env.BENCH_FLEET_BUSY_MAX ?? 10);
/**
 * Virtual seconds before the window: tills open their sales (quiet), and the account's event log
 * fills up to the 60 s every read looks back over (busy).
 */
const WARM_UP_S: Record<Scenario, number> = { quiet: Number(process.env.BENCH_FLEET_WARM_UP_S ?? 5), busy: Number(process.env.BENCH_FLEET_WARM_UP_S ?? 70) };
const WINDOW_S = Number(process.env.BENCH_FLEET_WINDOW_S ?? 60);
/** Sampled payments per quiet run (timing only; they add a handful of events to the log). */
const QUIET_PAYMENTS = Number(process.env.BENCH_FLEET_QUIET_PAYMENTS ?? 20);
/** Timers due within this many virtual ms fire together (requests in one batch run concurrently). */
const QUANTUM_MS = 10;
const SECRET = 'whsec_bench_fleet';
/** Where the tills' ledgers live: tmpfs when there is one (fsync there costs nothing; the ledger code is the same). */
const LEDGER_ROOT = process.env.BENCH_FLEET_LEDGER_ROOT ?? (fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir());
const signer = new Stripe('sk_test_unused');

type Scenario = 'quiet' | 'busy';
type Push = 'healthy' | 'down';

function list(value: string | undefined, fallback: string): number[] {
  return (value ?? fallback).split(',').map(Number);
}

/** A seeded PRNG (mulberry32): the same fleet behaves the same way on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The shared virtual clock: a heap of timers, run in time order once everything has settled. */
class VirtualClock implements Clock {
  private heap: { at: number; seq: number; run: () => void; cancelled: boolean }[] = [];
  private seq = 0;

  constructor(public ms: number) {}

  readonly now = (): number => this.ms;

  setTimer(ms: number, run: () => void): () => void {
    const timer = { at: this.ms + Math.max(0, ms), seq: (this.seq += 1), run, cancelled: false };
    this.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  /** Moves time to `end`, firing timers in order; after each batch, waits for `settle`. */
  async runUntil(end: number, settle: () => Promise<void>): Promise<void> {
    for (;;) {
      while (this.heap.length > 0 && this.heap[0].cancelled) this.pop();
      const first = this.heap[0];
      if (!first || first.at > end) break;
      const batch = [];
      while (this.heap.length > 0 && this.heap[0].at <= first.at + QUANTUM_MS && this.heap[0].at <= end) {
        const timer = this.pop();
        if (!timer.cancelled) batch.push(timer);
      }
      this.ms = Math.max(this.ms, batch.at(-1)?.at ?? first.at);
      for (const timer of batch) timer.run();
      await settle();
    }
    this.ms = Math.max(this.ms, end);
  }

  private before(a: { at: number; seq: number }, b: { at: number; seq: number }): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(timer: (typeof this.heap)[number]): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private pop(): (typeof this.heap)[number] {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < heap.length && this.before(heap[l], heap[smallest])) smallest = l;
        if (r < heap.length && this.before(heap[r], heap[smallest])) smallest = r;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
        i = smallest;
      }
    }
    return top;
  }
}

interface Till {
  core: PosCore;
  dataDir: string;
  /** The sale awaiting payment and when (virtual ms) the customer pays it; null if none is planned. */
  open: { saleId: string; paymentIntentId: string; paidAt: number | null } | null;
}

async function runFleet(scenario: Scenario, tills: number, push: Push, limit: number): Promise<Record<string, unknown>> {
  const clock = new VirtualClock(Date.now());
  const rand = random(tills * 1_000 + limit + (push === 'healthy' ? 7 : 0) + (scenario === 'busy' ? 13 : 0));
  const sim = await startStripeSim({ port: 0, rateLimit: 0, now: clock.now, webhookRetryDelaysMs: [1_000] });
  const fleet: Till[] = [];
  const work = new Set<Promise<unknown>>();
  const track = (promise: Promise<unknown>): void => {
    const guarded = promise.catch(() => undefined).finally(() => work.delete(guarded));
    work.add(guarded);
  };
  const settle = async (): Promise<void> => {
    do {
      await sim.webhooks.idle();
      await Promise.all(fleet.map((till) => till.core.settled?.()));
      while (work.size > 0) await Promise.all([...work]);
    } while (work.size > 0);
  };

  // Push healthy: Stripe's deliveries reach every till, as a relay's stream would (each till checks
  // the signature, ignores sales it does not know, and reads its own paid sale back from Stripe).
  let fanOut: http.Server | null = null;
  if (push === 'healthy') {
    fanOut = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        // Re-signed at the real time: the sim signs on the virtual clock, but the till's 5-minute
        // freshness check reads the real one, and 1,000 tills take longer than that to simulate.
        const signature = signer.webhooks.generateTestHeaderString({ payload: body.toString('utf8'), secret: SECRET });
        for (const till of fleet) till.core.webhooks.receive(body, signature, 'webhook');
        response.writeHead(200).end('{"received":true}');
      });
    });
    await new Promise<void>((resolve) => fanOut!.listen(0, '127.0.0.1', resolve));
    // Subscribed to the six types the setup guides list (relay/README.md, docs/GOING-LIVE.md), as a
    // shop's endpoint is: with every type, each sale's created/requires_action events would reach
    // every till too (1,000 tills → a million deliveries at start), which the relay drops anyway.
    sim.webhooks.add({ url: `http://127.0.0.1:${(fanOut.address() as AddressInfo).port}/`, secret: SECRET, enabledEvents: [...RECONCILED_EVENT_TYPES] });
  }

  const phase = phaseTimer(`${scenario} ${tills} ${push} ${limit}`);
  for (let i = 0; i < tills; i += 1) {
    const dataDir = fs.mkdtempSync(path.join(LEDGER_ROOT, 'chamra-bench-fleet-'));
    const config = loadCoreConfig({}, {
      dataDir, stripeSecretKey: 'sk_test_bench_fleet', stripeApiBase: sim.url, tillId: `till-${i + 1}`,
      stripeWebhookSecrets: push === 'healthy' ? [SECRET] : [],
    });
    fleet.push({ core: await startCore(config, { clock, log: () => undefined }), dataDir, open: null });
  }

  phase('start tills');
  const windowStart = clock.ms + WARM_UP_S[scenario] * 1000;
  const windowEnd = windowStart + WINDOW_S * 1000;
  const noticedMs: number[] = [];
  let chargesRefused = 0;
  let chargesInWindow = 0;
  let paymentsInWindow = 0;
  /** Customers who paid in the window and whose till had not noticed yet: sale id → when they paid. */
  const waiting = new Map<string, number>();

  const planPayment = (till: Till): void => {
    if (!till.open) return;
    if (scenario === 'busy') till.open.paidAt = clock.ms + 20_000 + rand() * 80_000;
    if (till.open.paidAt !== null) {
      const { paymentIntentId, saleId, paidAt } = till.open;
      clock.setTimer(paidAt - clock.ms, () => {
        if (paidAt >= windowStart && paidAt < windowEnd) waiting.set(saleId, paidAt);
        track(sim.succeed(paymentIntentId));
      });
    }
  };
  const ring = (till: Till): void => {
    track((async () => {
      if (clock.ms >= windowStart) chargesInWindow += 1;
      try {
        const sale = await till.core.payments.charge({ amount: 2_000 + Math.floor(rand() * 50_000), source: 'till' });
        if (sale.status !== 'awaiting_payment' || !sale.paymentIntentId) throw new Error(sale.status);
        till.open = { saleId: sale.id, paymentIntentId: sale.paymentIntentId, paidAt: null };
        planPayment(till);
      } catch {
        // A till refused by the account's limit: the cashier tries again a few seconds later.
        chargesRefused += 1;
        clock.setTimer(5_000, () => ring(till));
      }
    })());
  };
  for (const till of fleet) {
    till.core.subscribe((event) => {
      const open = till.open;
      if (event.type !== 'sale.updated' || event.data.status !== 'succeeded' || !open || event.data.id !== open.saleId) return;
      const paidAt = open.paidAt;
      if (paidAt !== null && waiting.delete(open.saleId)) {
        noticedMs.push(clock.ms - paidAt);
        paymentsInWindow += 1;
      }
      till.open = null;
      ring(till); // the next customer
    });
  }
  // Tills open their sales spread over the first second, as tills in many shops would.
  fleet.forEach((till, i) => clock.setTimer((i * 1000) / tills, () => ring(till)));
  if (scenario === 'quiet') {
    // A few sampled customers pay in the window, at random moments of their till's watch cycle.
    const sampled = [...fleet].sort(() => rand() - 0.5).slice(0, Math.min(QUIET_PAYMENTS, tills));
    clock.setTimer(windowStart - 2_000 - clock.ms, () => {
      for (const till of sampled) {
        if (!till.open) continue;
        till.open.paidAt = windowStart + rand() * (WINDOW_S * 1000 - 10_000);
        planPayment(till);
      }
    });
  }

  if (push === 'healthy') {
    // A webhook path counts as live once an event has come through it (payment-path-status.ts). With
    // the six types only, a quiet account sends none until a customer pays, so tills would poll at
    // full speed until the first sampled payment: one payment elsewhere on the account (its web shop)
    // early in the warm-up puts every till where a chain that sells all day is, on the safety net.
    clock.setTimer(1_500, () => track((async () => {
      const shop = new Stripe('sk_test_bench_fleet_web_shop', { host: new URL(sim.url).hostname, port: Number(new URL(sim.url).port), protocol: 'http', maxNetworkRetries: 0 });
      const intent = await shop.paymentIntents.create({
        amount: 10_000, currency: 'thb', allowed_payment_method_types: ['promptpay'], confirm: true,
        payment_method_data: { type: 'promptpay', billing_details: { email: 'web-shop@example.invalid' } },
      });
      await sim.succeed(intent.id);
    })()));
  }
  await clock.runUntil(windowStart - 1_000, settle);
  // The account's limit starts with the window (start-up reconciliation is not what is measured).
  sim.rateLimit.set(limit);
  await clock.runUntil(windowStart, settle);
  phase('warm-up');
  sim.resetStats();
  const wallStart = performance.now();
  await clock.runUntil(windowEnd, settle);
  const wallSeconds = (performance.now() - wallStart) / 1000;
  phase('window');
  const stats = sim.stats();
  const unnoticed = [...waiting.values()];
  const paths = new Map<string, number>();
  for (const till of fleet) paths.set(till.core.paymentPath().live, (paths.get(till.core.paymentPath().live) ?? 0) + 1);

  sim.rateLimit.set(0);
  for (const till of fleet) await till.core.close();
  await sim.close();
  await new Promise<void>((resolve) => (fanOut ? fanOut.close(() => resolve()) : resolve()));
  for (const till of fleet) fs.rmSync(till.dataDir, { recursive: true, force: true });
  phase('close');

  const sorted = noticedMs.sort((a, b) => a - b);
  const perSecond = (count: number) => round(count / WINDOW_S);
  const accepted = stats.total - stats.throttled;
  return {
    benchmark: 'stripe_fleet_requests_per_second',
    scenario,
    tills,
    push,
    live_paths_at_end: Object.fromEntries(paths),
    account_limit_per_second: limit,
    window_virtual_s: WINDOW_S,
    requests_per_second: perSecond(stats.total),
    accepted_per_second: perSecond(accepted),
    throttled_per_second: perSecond(stats.throttled),
    requests_per_till_per_second: round(stats.total / WINDOW_S / tills, 3),
    by_endpoint_per_second: Object.fromEntries(Object.entries(stats.requests).map(([endpoint, count]) => [endpoint, perSecond(count)])),
    over_test_limit_25: stats.total / WINDOW_S > 25,
    over_live_limit_100: stats.total / WINDOW_S > 100,
    charges_in_window: chargesInWindow,
    charges_refused: chargesRefused,
    payments_noticed_in_window: paymentsInWindow,
    // Paid in the window, still not seen by their till when it ended (the longest wait so far).
    payments_unnoticed_at_end: unnoticed.length,
    unnoticed_longest_ms: unnoticed.length > 0 ? round(windowEnd - Math.min(...unnoticed)) : 0,
    payment_noticed_ms: { p50: round(percentile(sorted, 0.5)), p95: round(percentile(sorted, 0.95)), max: round(sorted.at(-1) ?? Number.NaN) },
    wall_s: round(wallSeconds),
  };
}

/** Wall time per phase on stderr (where a run's time goes; the JSON on stdout stays one line). */
function phaseTimer(label: string): (name: string) => void {
  let last = performance.now();
  return (name) => {
    const now = performance.now();
    process.stderr.write(`[fleet ${label}] ${name}: ${round((now - last) / 1000)} s wall\n`);
    last = now;
  };
}

function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

for (const scenario of SCENARIOS) {
  for (const tills of TILLS) {
    if (scenario === 'busy' && tills > BUSY_MAX) continue;
    for (const push of PUSH) {
      for (const limit of LIMITS) console.log(JSON.stringify(await runFleet(scenario, tills, push, limit)));
    }
  }
}
