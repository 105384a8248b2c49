// Two relay instances on one PostgreSQL database share one event log: an event taken in by either
// reaches tills on both, Last-Event-ID resumes on either, and Stripe's retries are stored once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_A, TOKEN_OWN, ACCOUNT_A, deliver, eventData, postWebhook, sign, stripeEventBody } from '../../relay/relay-fixture';
import { openSse } from '../../relay/sse-client';
import { CLUSTER_START_TIMEOUT_MS, PgRelayHarness } from './pg-relay-harness';

const harness = new PgRelayHarness();
// initdb and a first start take seconds, more on a busy CI machine.
beforeAll(() => harness.startCluster(), CLUSTER_START_TIMEOUT_MS);
afterAll(() => harness.stopCluster(), CLUSTER_START_TIMEOUT_MS);
afterEach(() => harness.cleanup());

// Real servers on a shared two-core machine: generous, never asserted on.
describe('two relay instances on one PostgreSQL', { timeout: 60_000 }, () => {
  it('a webhook taken by A reaches a till connected to B, byte for byte', async () => {
    await harness.freshDatabase();
    const a = await harness.startInstance();
    // No backstop poll within the test: only A's NOTIFY can wake B.
    const b = await harness.startInstance({ pollIntervalMs: 3_600_000 });
    expect(a.storage).toMatch(/^PostgreSQL 127\.0\.0\.1:\d+\/relay_/);
    const tillOnB = await openSse(`${b.url}/events`, { token: TOKEN_OWN });

    const { body, signature } = await deliver(a, harness.clock, { id: 'evt_into_a' });
    const got = eventData(await tillOnB.next());

    expect(got).toMatchObject({ eventId: 'evt_into_a', payload: body, signature, account: null });
    tillOnB.close();
  });

  it('resumes from a Last-Event-ID issued by the other instance, with exactly what came after', async () => {
    await harness.freshDatabase();
    const a = await harness.startInstance();
    const b = await harness.startInstance();
    await deliver(a, harness.clock, { id: 'evt_seen_on_a' });
    const onA = await openSse(`${a.url}/events`, { token: TOKEN_OWN });
    const seen = eventData(await onA.next());
    onA.close();
    await deliver(b, harness.clock, { id: 'evt_missed_1' });
    await deliver(a, harness.clock, { id: 'evt_missed_2' });

    const onB = await openSse(`${b.url}/events`, { token: TOKEN_OWN, lastEventId: seen.seq });
    const resumed = (await onB.take(2)).map(eventData);

    expect(resumed.map((event) => event.eventId)).toEqual(['evt_missed_1', 'evt_missed_2']);
    expect(resumed[0].seq).toBeGreaterThan(seen.seq);
    expect(resumed[1].seq).toBeGreaterThan(resumed[0].seq);
    onB.close();
  });

  it('keeps each till to its own account across instances', async () => {
    await harness.freshDatabase();
    const a = await harness.startInstance();
    const b = await harness.startInstance();
    const ownOnB = await openSse(`${b.url}/events`, { token: TOKEN_OWN });
    const shopAOnB = await openSse(`${b.url}/events`, { token: TOKEN_A });
    await deliver(a, harness.clock, { id: 'evt_shop_a', account: ACCOUNT_A });
    await deliver(a, harness.clock, { id: 'evt_platform' });

    expect(eventData(await shopAOnB.next()).eventId).toBe('evt_shop_a');
    expect(eventData(await ownOnB.next()).eventId).toBe('evt_platform');
    ownOnB.close();
    shopAOnB.close();
  });

  it('stores a delivery made to both instances at once (Stripe retrying) once, and answers 200 to each', async () => {
    await harness.freshDatabase();
    const a = await harness.startInstance();
    const b = await harness.startInstance();
    const body = stripeEventBody({ id: 'evt_twice' });
    const signature = sign(body, { timestamp: harness.clock.seconds() });

    const results = await Promise.all([a, b, a, b, a, b].map((relay) => postWebhook(relay.url, body, signature)));

    expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const rows = await harness.sql<{ n: string }>("SELECT count(*) AS n FROM relay_events WHERE event_id = 'evt_twice'");
    expect(rows[0].n).toBe('1');
    const [statsA, statsB] = await Promise.all([a.stats(), b.stats()]);
    expect(statsA.stored + statsB.stored).toBe(1);
    expect(statsA.duplicates + statsB.duplicates).toBe(5);
    expect(statsA.events).toBe(1);
    expect(statsB.events).toBe(1);
  });
});
