// Webhooks pouring into two instances at once while tills stream from both: the shared log's seq is
// in commit order, so every till sees every event exactly once, in increasing seq order — including
// events whose inserts raced and committed close together. A lost wake-up only delays an event.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RelayHandle } from '../../../relay/index';
import { TOKEN_OWN, deliver, eventData } from '../../relay/relay-fixture';
import { openSse, type SseStream } from '../../relay/sse-client';
import { CLUSTER_START_TIMEOUT_MS, PgRelayHarness } from './pg-relay-harness';

const harness = new PgRelayHarness();
// initdb and a first start take seconds, more on a busy CI machine.
beforeAll(() => harness.startCluster(), CLUSTER_START_TIMEOUT_MS);
afterAll(() => harness.stopCluster(), CLUSTER_START_TIMEOUT_MS);
afterEach(() => harness.cleanup());

/** Posts `count` events, `parallel` in flight at a time, alternating between the instances. */
async function pour(relays: RelayHandle[], count: number, parallel: number, prefix: string): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `evt_${prefix}_${String(i).padStart(4, '0')}`);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const index = next++;
      await deliver(relays[index % relays.length], harness.clock, { id: ids[index] });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return ids;
}

async function received(till: SseStream, count: number): Promise<{ seq: number; eventId: string }[]> {
  return (await till.take(count, 20_000)).map(eventData).map(({ seq, eventId }) => ({ seq, eventId }));
}

// Real servers on a shared two-core machine: generous, never asserted on.
describe('concurrent webhooks into two instances', { timeout: 60_000 }, () => {
  it('every till on either instance sees every event exactly once, in increasing seq order', async () => {
    await harness.freshDatabase();
    const a = await harness.startInstance({ maxStreamsPerToken: 10 });
    const b = await harness.startInstance({ maxStreamsPerToken: 10 });
    const tills = await Promise.all([a, a, a, b, b, b].map((relay) => openSse(`${relay.url}/events`, { token: TOKEN_OWN })));

    const ids = await pour([a, b], 150, 12, 'pour');
    const seen = await Promise.all(tills.map((till) => received(till, ids.length)));

    const stored = await harness.sql<{ seq: string; event_id: string }>('SELECT seq, event_id FROM relay_events ORDER BY seq');
    expect(stored).toHaveLength(ids.length);
    for (const events of seen) {
      expect(events.map((event) => event.eventId).sort()).toEqual([...ids].sort());
      const seqs = events.map((event) => event.seq);
      expect(seqs.every((seq, i) => i === 0 || seq > seqs[i - 1])).toBe(true);
      // In the log's own order: the same sequence every till got.
      expect(events.map((event) => `${event.seq}:${event.eventId}`)).toEqual(stored.map((row) => `${row.seq}:${row.event_id}`));
    }
    for (const till of tills) till.close();
  });

  it('a till that resumes mid-pour on the other instance gets the rest exactly once', async () => {
    await harness.freshDatabase();
    const a = await harness.startInstance();
    const b = await harness.startInstance();
    const first = await openSse(`${a.url}/events`, { token: TOKEN_OWN });
    const pouring = pour([a, b], 80, 8, 'resume');
    const before = await received(first, 20);
    first.close();

    const second = await openSse(`${b.url}/events`, { token: TOKEN_OWN, lastEventId: before.at(-1)?.seq });
    const ids = await pouring;
    const after = await received(second, ids.length - before.length);

    expect([...before, ...after].map((event) => event.eventId).sort()).toEqual([...ids].sort());
    expect(after[0].seq).toBeGreaterThan(before.at(-1)?.seq ?? 0);
    second.close();
  });

  it('an event whose NOTIFY never came still reaches the other instance\'s tills, by the backstop poll', async () => {
    await harness.freshDatabase();
    const a = await harness.startInstance();
    const b = await harness.startInstance({ pollIntervalMs: 100 });
    const tillOnB = await openSse(`${b.url}/events`, { token: TOKEN_OWN });
    // Inserts on A wake nobody now.
    await harness.sql('ALTER TABLE relay_events DISABLE TRIGGER relay_events_notify');

    await deliver(a, harness.clock, { id: 'evt_unannounced' });

    expect(eventData(await tillOnB.next()).eventId).toBe('evt_unannounced');
    tillOnB.close();
  });

  it('an instance whose LISTEN connection is cut listens again and reads what it missed', async () => {
    await harness.freshDatabase();
    const a = await harness.startInstance();
    // No backstop poll within the test: only a restored LISTEN can bring the events.
    const b = await harness.startInstance({ pollIntervalMs: 3_600_000 });
    const tillOnB = await openSse(`${b.url}/events`, { token: TOKEN_OWN });
    const cut = await harness.sql<{ ok: boolean }>(
      "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    );
    expect(cut.length).toBe(2);

    await deliver(a, harness.clock, { id: 'evt_while_deaf' });
    await deliver(a, harness.clock, { id: 'evt_while_deaf_2' });

    expect((await tillOnB.take(2)).map(eventData).map((event) => event.eventId)).toEqual(['evt_while_deaf', 'evt_while_deaf_2']);
    tillOnB.close();
  });
});
