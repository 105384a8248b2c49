// Retention on a shared log: any instance's pruning counts for all, two pruning at once delete each
// event once, and a till resuming on another instance from before the cut-off is told about the gap.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GapMessage } from '../../../relay/index';
import { TOKEN_OWN, deliver, eventData } from '../../relay/relay-fixture';
import { openSse } from '../../relay/sse-client';
import { CLUSTER_START_TIMEOUT_MS, PgRelayHarness } from './pg-relay-harness';

const harness = new PgRelayHarness();
// initdb and a first start take seconds, more on a busy CI machine.
beforeAll(() => harness.startCluster(), CLUSTER_START_TIMEOUT_MS);
afterAll(() => harness.stopCluster(), CLUSTER_START_TIMEOUT_MS);
afterEach(() => harness.cleanup());

// Real servers on a shared two-core machine: generous, never asserted on.
describe('retention across instances', { timeout: 60_000 }, () => {
  it('B prunes what A took in; a till resuming from before the cut-off is told, on either instance, and misses nothing', async () => {
    await harness.freshDatabase();
    const a = await harness.startInstance({ retentionDays: 7 });
    const b = await harness.startInstance({ retentionDays: 7 });
    for (const id of ['evt_old_1', 'evt_old_2', 'evt_old_3']) await deliver(a, harness.clock, { id });
    const till = await openSse(`${a.url}/events`, { token: TOKEN_OWN });
    const first = eventData(await till.next());
    till.close();

    harness.clock.advanceDays(8);
    await deliver(b, harness.clock, { id: 'evt_fresh' });
    expect(await b.pruneNow()).toBe(3);
    expect((await a.stats()).events).toBe(1);

    // On the instance that pruned: the gap, then what is kept.
    const onB = await openSse(`${b.url}/events`, { token: TOKEN_OWN, lastEventId: first.seq });
    const gapMessage = await onB.next();
    expect(gapMessage.event).toBe('relay.gap');
    expect(gapMessage.id).toBeUndefined();
    const gap = JSON.parse(gapMessage.data) as GapMessage;
    expect(gap).toMatchObject({ reason: 'pruned', requestedAfter: first.seq, prunedThrough: first.seq + 2 });
    expect(eventData(await onB.next()).eventId).toBe('evt_fresh');
    onB.close();

    // On A, which may still hold the deleted events in memory until B's wake-up reaches it: either
    // those events or the gap, then what is kept — never a silent hole.
    const onA = await openSse(`${a.url}/events`, { token: TOKEN_OWN, lastEventId: first.seq });
    const messages = [];
    for (;;) {
      const message = await onA.next();
      messages.push(message.event === 'relay.gap' ? 'gap' : eventData(message).eventId);
      if (messages.at(-1) === 'evt_fresh') break;
    }
    expect([['gap', 'evt_fresh'], ['evt_old_2', 'evt_old_3', 'evt_fresh']]).toContainEqual(messages);
    onA.close();
  });

  it('two instances pruning at once delete each event once and agree on the mark', async () => {
    await harness.freshDatabase();
    const a = await harness.startInstance({ retentionDays: 7 });
    const b = await harness.startInstance({ retentionDays: 7 });
    for (let i = 0; i < 40; i += 1) await deliver(i % 2 ? a : b, harness.clock, { id: `evt_prune_${i}` });
    const [{ top }] = await harness.sql<{ top: string }>('SELECT max(seq) AS top FROM relay_events');
    harness.clock.advanceDays(8);

    const deleted = await Promise.all([a.pruneNow(), b.pruneNow(), a.pruneNow(), b.pruneNow()]);

    expect(deleted.reduce((sum, n) => sum + n, 0)).toBe(40);
    expect(await harness.sql("SELECT value FROM relay_counters WHERE name = 'pruned_through'")).toEqual([{ value: top }]);
    expect((await b.stats()).events).toBe(0);
  });

  it('an instance starting later prunes at start, and seqs are never reused after pruning', async () => {
    await harness.freshDatabase();
    const a = await harness.startInstance({ retentionDays: 7 });
    await deliver(a, harness.clock, { id: 'evt_before' });
    const [{ top }] = await harness.sql<{ top: string }>('SELECT max(seq) AS top FROM relay_events');
    harness.clock.advanceDays(8);

    const b = await harness.startInstance({ retentionDays: 7 });
    expect((await b.stats()).events).toBe(0);
    await deliver(b, harness.clock, { id: 'evt_after' });

    const till = await openSse(`${a.url}/events`, { token: TOKEN_OWN, lastEventId: top });
    const next = eventData(await till.next());
    expect(next.eventId).toBe('evt_after');
    expect(next.seq).toBeGreaterThan(Number(top));
    till.close();
  });
});
