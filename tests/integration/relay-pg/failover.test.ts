// Failover: two relay processes on one PostgreSQL behind a load balancer. Tills (the real till-side
// relay client) stream from B; B is killed (SIGKILL) mid-stream while Stripe is delivering to it. The
// tills reconnect through the balancer to A with their Last-Event-ID and end with every event exactly
// once; every delivery B answered 200 is in the database, and every other one is Stripe's to retry.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../../electron/core/ledger/open-ledger';
import { PushCursors } from '../../../electron/core/push/push-cursors';
import { RelayClient } from '../../../electron/core/push/relay-client';
import { PROCESS_READY_MS, freePort, startTsProcess, type RunningProcess } from '../../e2e/support/processes';
import { HEALTH_TOKEN, SECRET, TOKEN_OWN, postWebhook, sign, stripeEventBody } from '../../relay/relay-fixture';
import { CLUSTER_START_TIMEOUT_MS, PgRelayHarness } from './pg-relay-harness';
import { type Balancer, startBalancer } from './tcp-balancer';

const harness = new PgRelayHarness();
const stripe = new Stripe('sk_test_unused');
const cleanups: (() => unknown)[] = [];
// initdb and a first start take seconds, more on a busy CI machine.
beforeAll(() => harness.startCluster(), CLUSTER_START_TIMEOUT_MS);
afterAll(() => harness.stopCluster(), CLUSTER_START_TIMEOUT_MS);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function startRelayProcess(port: number): Promise<RunningProcess> {
  const relay = await startTsProcess(
    'relay/main.ts',
    {
      RELAY_PORT: String(port),
      RELAY_DATA_DIR: tempDir('chamra-relay-pg-'),
      RELAY_DATABASE_URL: harness.databaseUrl,
      STRIPE_WEBHOOK_SECRET: SECRET,
      RELAY_TILL_TOKENS: TOKEN_OWN,
      RELAY_MAX_STREAMS_PER_TOKEN: '10',
      RELAY_HEALTH_TOKEN: HEALTH_TOKEN,
    },
    /listening on/,
  );
  cleanups.push(() => relay.stop());
  return relay;
}

/** A till: the real relay client, its cursor in a real ledger, each event verified as the till does. */
class Till {
  readonly applied: string[] = [];
  readonly states: string[] = [];
  private readonly waiters: { predicate: () => boolean; resolve: () => void }[] = [];
  private readonly client: RelayClient;

  constructor(url: string) {
    const dir = tempDir('chamra-relay-pg-till-');
    const ledger = openLedger(path.join(dir, 'ledger.sqlite3'));
    this.client = new RelayClient({
      url,
      token: TOKEN_OWN,
      cursors: new PushCursors(ledger),
      deliver: (payload, signature) => {
        // Relayed events are old by the time they replay: the till's long tolerance, as in production.
        const event = stripe.webhooks.constructEvent(payload, signature, SECRET, 30 * 24 * 3600);
        this.applied.push(event.id);
        this.changed();
        return 'accepted';
      },
      onState: (state) => {
        this.states.push(state);
        this.changed();
      },
      onGap: () => {},
      backoffMs: () => 50,
    });
    cleanups.push(() => ledger.close(), () => this.client.stop());
    this.client.start();
  }

  private changed(): void {
    for (const waiter of [...this.waiters]) {
      if (!waiter.predicate()) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  until(predicate: () => boolean): Promise<void> {
    return predicate() ? Promise.resolve() : new Promise((resolve) => this.waiters.push({ predicate, resolve }));
  }
}

const now = () => Math.floor(Date.now() / 1000);

/** Stripe delivering one event: true only for a 200 (anything else, or no answer, Stripe retries). */
async function stripeDelivers(url: string, id: string): Promise<boolean> {
  const body = stripeEventBody({ id });
  try {
    return (await postWebhook(url, body, sign(body, { timestamp: now() }))).status === 200;
  } catch {
    return false;
  }
}

describe('failover between relay instances', () => {
  it('kill B mid-stream: its tills resume on A with nothing missed and nothing applied twice; B acknowledged nothing it lost', async () => {
    await harness.freshDatabase();
    const [portA, portB] = [await freePort(), await freePort()];
    await startRelayProcess(portA);
    const b = await startRelayProcess(portB);
    // B first: the tills land on B while it lives, and on A once it refuses connections.
    const balancer: Balancer = await startBalancer([portB, portA]);
    cleanups.push(() => balancer.stop());
    const tills = [new Till(balancer.url), new Till(balancer.url), new Till(balancer.url)];
    await Promise.all(tills.map((till) => till.until(() => till.states.includes('connected'))));
    const health = await fetch(`http://127.0.0.1:${portB}/health`, { headers: { authorization: `Bearer ${HEALTH_TOKEN}` } });
    expect(((await health.json()) as { clients: number }).clients).toBe(3);

    // Stripe delivers to A steadily, and to B (the instance about to die) until it dies.
    const intoA = Array.from({ length: 60 }, (_, i) => `evt_into_a_${String(i).padStart(3, '0')}`);
    const urlA = `http://127.0.0.1:${portA}`;
    const urlB = `http://127.0.0.1:${portB}`;
    const pouringIntoA = (async () => {
      for (const id of intoA) expect(await stripeDelivers(urlA, id)).toBe(true);
    })();
    const bState = { killed: false };
    const acknowledgedByB: string[] = [];
    const unacknowledgedByB: string[] = [];
    let bHasStoredSome!: () => void;
    const bStoredSome = new Promise<void>((resolve) => (bHasStoredSome = resolve));
    const pouringIntoB = (async () => {
      for (let i = 0; !bState.killed; i += 1) {
        // Four at a time, so some are in flight when B dies.
        const ids = [0, 1, 2, 3].map((k) => `evt_into_b_${i}_${k}`);
        const answers = await Promise.all(ids.map((id) => stripeDelivers(urlB, id)));
        ids.forEach((id, k) => (answers[k] ? acknowledgedByB : unacknowledgedByB).push(id));
        if (acknowledgedByB.length >= 8) bHasStoredSome();
      }
    })();

    // Mid-stream: the tills have some of A's events (through B's wake-ups), B has stored some of its own.
    await Promise.all(tills.map((till) => till.until(() => till.applied.filter((id) => id.startsWith('evt_into_a_')).length >= 15)));
    await bStoredSome;
    await b.kill();
    bState.killed = true;
    await pouringIntoB;

    // Every delivery B answered 200 was committed before the answer.
    const stored = new Set((await harness.sql<{ event_id: string }>('SELECT event_id FROM relay_events')).map((row) => row.event_id));
    expect(acknowledgedByB.filter((id) => !stored.has(id))).toEqual([]);
    expect(unacknowledgedByB.length).toBeGreaterThan(0);
    // Stripe retries the rest; the balancer now sends them to A.
    for (const id of unacknowledgedByB) expect(await stripeDelivers(balancer.url, id)).toBe(true);
    await pouringIntoA;

    const everything = [...intoA, ...acknowledgedByB, ...unacknowledgedByB];
    const rows = await harness.sql<{ event_id: string }>('SELECT event_id FROM relay_events ORDER BY seq');
    expect(rows.map((row) => row.event_id).sort()).toEqual([...everything].sort());
    await Promise.all(tills.map((till) => till.until(() => till.applied.length >= everything.length)));
    for (const till of tills) {
      expect(till.applied).toHaveLength(everything.length);
      expect(new Set(till.applied).size).toBe(everything.length);
      expect([...till.applied].sort()).toEqual([...everything].sort());
      // It reconnected (through the balancer, to A) after B died.
      expect(till.states.filter((state) => state === 'connected').length).toBeGreaterThanOrEqual(2);
    }
    // Two relay processes started (each with its own ready budget), then the steps' two minutes.
  }, 2 * PROCESS_READY_MS + 120_000);
});
