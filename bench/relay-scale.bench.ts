// The relay at scale: 1,000 tills streaming server-sent events from two relay instances (child
// processes running relay/main.ts) on one PostgreSQL, while signed webhooks are posted at a steady
// rate into both instances (as a load balancer without stickiness would spread Stripe's deliveries).
// Every till holds a token of the one Stripe account. Unbound (the default here) every till gets every
// event: the fan-out is tills × events, the relay's worst case. BENCH_RELAY_BOUND=1 binds each token to
// its till (RELAY_TILL_IDENTITIES) and each event names one till in its metadata, as a chain's tills
// send them: each event reaches its one till (the fan-out is events), and any event at another till
// counts as misrouted. Prints one JSON object per rate (with `tills_bound`): events per second taken in and fanned out,
// fan-out latency (webhook answered 200 → event at the till), memory per connected till per
// instance, CPU, and every error (non-200, reconnects, missing, duplicate or out-of-order events).
//
// BENCH_RELAY_STORE=sqlite runs ONE instance on its SQLite file instead (the single-shop default;
// SQLite instances cannot share a log). The PostgreSQL cluster is a throwaway one in a temp folder
// (tests/support/pg-cluster.ts), with fsync and synchronous commit turned back on: the relay answers
// Stripe 200 only after its commit, and that cost belongs in the figures.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { Client } from 'pg';
import { startPgCluster, type PgCluster } from '../tests/support/pg-cluster';
import { percentile } from './support/event-stream';
import { postgresCpuSeconds, startRelayInstance, type RelayInstance } from './support/relay-instances';
import { connectRelayTill, type RelayTill } from './support/relay-tills';

const TILLS = Number(process.env.BENCH_RELAY_TILLS ?? 1_000);
/** Webhooks per second into the instances (together); one run per rate. */
const RATES = (process.env.BENCH_RELAY_RATES ?? '5,20').split(',').map(Number);
const DURATION_S = Number(process.env.BENCH_RELAY_DURATION_S ?? 20);
const STORE = process.env.BENCH_RELAY_STORE === 'sqlite' ? 'sqlite' : 'postgresql';
/** Each till's token bound to its shop/till: till-scoped streams. */
const BOUND = process.env.BENCH_RELAY_BOUND === '1';
const SHOP_ID = 'bench-shop';
/** The till an event belongs to (its metadata's till_id): round robin over the tills. */
const tillOfEvent = (index: number) => index % TILLS;
/** After the last webhook, how long stragglers may take before the missing ones are counted. */
const DRAIN_TIMEOUT_MS = 60_000;
const SECRET = 'whsec_bench_relay_scale';
const HEALTH_TOKEN = `health-${randomBytes(16).toString('hex')}`;
const stripe = new Stripe('sk_test_unused');

function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** A payment_intent.succeeded event shaped like Stripe's snapshot payload (about 2 KB, Thai included). */
function eventBody(index: number, runId: string): { id: string; body: string } {
  const id = `evt_bench${runId}${String(index).padStart(7, '0')}`;
  const created = Math.floor(Date.now() / 1000);
  const event = {
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created,
    data: {
      object: {
        id: `pi_bench${runId}${String(index).padStart(7, '0')}`,
        object: 'payment_intent',
        amount: 12_500 + index,
        amount_received: 12_500 + index,
        currency: 'thb',
        description: 'ข้าวมันไก่ 2 จาน — โต๊ะ 4',
        status: 'succeeded',
        payment_method_types: ['promptpay'],
        latest_charge: `ch_bench${runId}${index}`,
        created: created - 30,
        metadata: {
          sale_id: `sale_${runId}_${index}`, shop_id: SHOP_ID, till_id: `till-${tillOfEvent(index) + 1}`, cashier_id: 'cashier-1', source: 'till',
        },
        receipt_email: null,
        livemode: false,
      },
    },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: `sale_${runId}_${index}` },
    type: 'payment_intent.succeeded',
  };
  return { id, body: `${JSON.stringify(event, null, 2)}\n` };
}

/** Turns durability back on; returns a reader of the server's CPU seconds. */
async function withDurableCommits(cluster: PgCluster): Promise<() => number> {
  const client = new Client({ connectionString: cluster.url });
  await client.connect();
  try {
    for (const setting of ['fsync = on', 'synchronous_commit = on', 'full_page_writes = on']) await client.query(`ALTER SYSTEM SET ${setting}`);
    await client.query('SELECT pg_reload_conf()');
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return postgresCpuSeconds(rows[0].pid);
  } finally {
    await client.end();
  }
}

/**
 * Each instance's RSS once it has had a moment to settle (the largest of a few samples a quarter
 * second apart: a collection between two samples must not read as memory freed by the tills).
 */
async function settledRss(instances: RelayInstance[]): Promise<number[]> {
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const samples = instances.map(() => 0);
  for (let i = 0; i < 5; i += 1) {
    instances.forEach((instance, index) => {
      samples[index] = Math.max(samples[index], instance.rssBytes());
    });
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return samples;
}

async function healthClients(instance: RelayInstance): Promise<number> {
  const response = await fetch(`${instance.url}/health`, { headers: { authorization: `Bearer ${HEALTH_TOKEN}` } });
  return ((await response.json()) as { clients: number }).clients;
}

async function run(rate: number): Promise<Record<string, unknown>> {
  const runId = randomBytes(4).toString('hex');
  const tokens = Array.from({ length: TILLS }, (_, i) => `till-${String(i + 1).padStart(5, '0')}-${randomBytes(12).toString('hex')}`);
  let cluster: PgCluster | null = null;
  let postgresCpu: () => number = () => 0;
  const env: Record<string, string> = {
    STRIPE_WEBHOOK_SECRET: SECRET,
    RELAY_TILL_TOKENS: tokens.map((token) => `${token}:test`).join(','),
    RELAY_HEALTH_TOKEN: HEALTH_TOKEN,
    ...(BOUND ? { RELAY_TILL_IDENTITIES: tokens.map((token, i) => `${SHOP_ID}/till-${i + 1}@${token}`).join(',') } : {}),
  };
  if (STORE === 'postgresql') {
    cluster = await startPgCluster();
    postgresCpu = await withDurableCommits(cluster);
    env.RELAY_DATABASE_URL = await cluster.createDatabase('relay_bench');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-bench-relay-'));
  const names = STORE === 'postgresql' ? ['a', 'b'] : ['a'];
  const instances: RelayInstance[] = [];
  // One after the other: the second also finds the schema the first migrated.
  for (const name of names) instances.push(await startRelayInstance({ name, env: { ...env, RELAY_DATA_DIR: path.join(dataDir, name) } }));
  const baseRss = await settledRss(instances);

  const total = rate * DURATION_S;
  const posted = Array.from({ length: total }, (_, i) => eventBody(i, runId));
  const indexById = new Map(posted.map((event, i) => [event.id, i]));
  const sentAt = new Float64Array(total);
  const okAt = new Float64Array(total).fill(Number.NaN);
  const fromOk: number[] = [];
  const fromSent: number[] = [];
  let arrivals = 0;
  let lastArrivalAt = 0;
  let allArrived: () => void = () => undefined;
  const everything = new Promise<void>((resolve) => {
    allArrived = resolve;
  });
  const expected = BOUND ? total : total * TILLS;
  let misrouted = 0;
  const pendingOk: { event: number; at: number }[] = [];

  // Tills: spread over the instances like a load balancer would; connected in batches (a listen backlog).
  const tills: RelayTill[] = [];
  for (let i = 0; i < TILLS; i += 1) {
    tills.push(connectRelayTill({
      id: i,
      url: instances[i % instances.length].url,
      token: tokens[i],
      capacity: total,
      indexOf: (eventId) => indexById.get(eventId),
      onArrival: (till, arrival) => {
        if (BOUND && tillOfEvent(arrival.event) !== till) misrouted += 1;
        arrivals += 1;
        lastArrivalAt = arrival.at;
        // Arrivals before the 200 (the instance streams while it answers) are timed once the 200 is in.
        fromSent.push(arrival.at - sentAt[arrival.event]);
        if (!Number.isNaN(okAt[arrival.event])) fromOk.push(arrival.at - okAt[arrival.event]);
        else pendingOk.push(arrival);
        if (arrivals === expected) allArrived();
      },
    }));
    if (i % 100 === 99) await Promise.all(tills.slice(i - 99).map((till) => till.ready));
  }
  await Promise.all(tills.map((till) => till.ready));
  const perInstanceClients = await Promise.all(instances.map(healthClients));
  const connectedRss = await settledRss(instances);

  // Webhooks at a steady rate, alternating instances; each signed at its own send time.
  const webhookErrors: Record<string, number> = {};
  const answerMs: number[] = [];
  const cpuBefore = instances.map((instance) => instance.cpuSeconds());
  const postgresCpuBefore = postgresCpu();
  const ownCpuBefore = process.cpuUsage();
  const peakRss = [...connectedRss];
  const sampler = setInterval(() => instances.forEach((instance, i) => {
    peakRss[i] = Math.max(peakRss[i], instance.rssBytes());
  }), 250);
  const started = performance.now();
  const deliveries: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const { body } = posted[i];
    const instance = instances[i % instances.length];
    sentAt[i] = performance.now();
    const signature = stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET });
    deliveries.push(fetch(`${instance.url}/stripe/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature },
      body,
    }).then(async (response) => {
      await response.arrayBuffer();
      const at = performance.now();
      answerMs.push(at - sentAt[i]);
      if (response.status !== 200) webhookErrors[String(response.status)] = (webhookErrors[String(response.status)] ?? 0) + 1;
      else okAt[i] = at;
    }, (error: Error) => {
      webhookErrors[error.message] = (webhookErrors[error.message] ?? 0) + 1;
    }));
  }
  const postedFor = (performance.now() - started) / 1000;
  await Promise.all(deliveries);
  for (const arrival of pendingOk.splice(0)) if (!Number.isNaN(okAt[arrival.event])) fromOk.push(arrival.at - okAt[arrival.event]);
  const drained = await Promise.race([
    everything.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), DRAIN_TIMEOUT_MS).unref()),
  ]);
  clearInterval(sampler);
  const fanOutSeconds = (lastArrivalAt - started) / 1000;
  const cpu = instances.map((instance, i) => instance.cpuSeconds() - cpuBefore[i]);
  const cpuWallSeconds = (performance.now() - started) / 1000;
  const ownCpu = process.cpuUsage(ownCpuBefore);
  const postgresCpuUsed = postgresCpu() - postgresCpuBefore;

  const sum = (pick: (till: RelayTill) => number) => tills.reduce((total_, till) => total_ + pick(till), 0);
  const errors = {
    webhook_non_200: webhookErrors,
    till_reconnects: sum((till) => till.counters.reconnects),
    till_connect_errors: sum((till) => till.counters.connectErrors),
    missing_deliveries: expected - arrivals,
    duplicate_deliveries: sum((till) => till.counters.duplicates),
    out_of_order: sum((till) => till.counters.outOfOrder),
    gaps: sum((till) => till.counters.gaps),
    // Bound tills only: an event delivered to a till it does not belong to.
    misrouted_deliveries: misrouted,
    relay_stderr: instances.flatMap((instance) => instance.errors().slice(0, 5)),
  };
  for (const till of tills) till.close();
  for (const instance of instances) await instance.stop();
  await cluster?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const ok = okAt.filter((value) => !Number.isNaN(value)).length;
  const ms = (values: number[]) => {
    const sorted = values.sort((a, b) => a - b);
    return { p50: round(percentile(sorted, 0.5)), p95: round(percentile(sorted, 0.95)), p99: round(percentile(sorted, 0.99)), max: round(sorted.at(-1) ?? Number.NaN) };
  };
  return {
    benchmark: 'relay_scale',
    store: STORE,
    instances: instances.length,
    tills: TILLS,
    // true: each till's token bound to its till, so each event reaches one till (fan-out = events);
    // false: every till gets every event (fan-out = tills × events).
    tills_bound: BOUND,
    tills_per_instance: perInstanceClients,
    target_webhooks_per_second: rate,
    duration_s: DURATION_S,
    webhooks_taken_in_per_second: round(ok / postedFor),
    deliveries_fanned_out_per_second: round(arrivals / fanOutSeconds),
    all_delivered: drained,
    webhook_answer_ms: ms(answerMs),
    fan_out_latency_from_200_ms: ms(fromOk),
    fan_out_latency_from_send_ms: ms(fromSent),
    rss_mb_idle_per_instance: baseRss.map((bytes) => round(bytes / 1e6, 1)),
    rss_kb_per_connected_till_per_instance: connectedRss.map((bytes, i) => round((bytes - baseRss[i]) / 1024 / perInstanceClients[i], 1)),
    rss_mb_peak_per_instance: peakRss.map((bytes) => round(bytes / 1e6, 1)),
    relay_cpu_s_per_instance: cpu.map((seconds) => round(seconds)),
    // CPU time over the wall time from the first webhook to the last delivery: 1 = one core busy.
    relay_cores_busy_per_instance: cpu.map((seconds) => round(seconds / cpuWallSeconds)),
    // What a relay core can fan out, whatever else the machine was doing (CPU time, not wall time).
    deliveries_per_relay_cpu_second: round(arrivals / cpu.reduce((a, b) => a + b, 0)),
    postgres_cpu_s: STORE === 'postgresql' ? round(postgresCpuUsed) : null,
    bench_process_cpu_s: round((ownCpu.user + ownCpu.system) / 1e6),
    // Latencies are wall-clock: on a shared machine, say how shared it was.
    machine: { cpus: os.cpus().length, load_average_1m: round(os.loadavg()[0]) },
    errors,
  };
}

for (const rate of RATES) console.log(JSON.stringify(await run(rate)));
