import { afterEach, describe, expect, it } from 'vitest';
import type { GapMessage } from '../../relay/index';
import { RelayHarness, TOKEN_OWN, deliver, eventData } from './relay-fixture';
import { openSse } from './sse-client';

const harness = new RelayHarness();
afterEach(() => harness.cleanup());

describe('relay restarts', () => {
  it('a till resuming with its last id after the relay restarts misses nothing', async () => {
    const dataDir = harness.makeDataDir();
    const first = await harness.start({ dataDir });
    await deliver(first, harness.clock, { id: 'evt_before_restart' });
    const till = await openSse(`${first.url}/events`, { token: TOKEN_OWN });
    const seen = eventData(await till.next());

    await first.close();
    await till.ended; // the relay ended the stream; the till will reconnect with Last-Event-ID
    const second = await harness.start({ dataDir });
    await deliver(second, harness.clock, { id: 'evt_while_till_away_1' });
    await deliver(second, harness.clock, { id: 'evt_while_till_away_2' });
    // Stripe retries an event the old relay had already stored: still stored once.
    await deliver(second, harness.clock, { id: 'evt_before_restart' });

    const resumed = await openSse(`${second.url}/events`, { token: TOKEN_OWN, lastEventId: seen.seq });
    const missed = (await resumed.take(2)).map(eventData);
    await deliver(second, harness.clock, { id: 'evt_after_resume' });
    const live = eventData(await resumed.next());

    expect(missed.map((event) => event.eventId)).toEqual(['evt_while_till_away_1', 'evt_while_till_away_2']);
    expect(missed[0].seq).toBeGreaterThan(seen.seq);
    expect(live.eventId).toBe('evt_after_resume');
    expect((await second.stats()).events).toBe(4);
    resumed.close();
  });

  it('tells a till whose Last-Event-ID the relay never issued (data reset) about the gap, then replays what it has', async () => {
    const relay = await harness.start();
    await deliver(relay, harness.clock, { id: 'evt_fresh_db' });

    const till = await openSse(`${relay.url}/events`, { token: TOKEN_OWN, lastEventId: 9_000 });
    const gap = await till.next();
    const replayed = eventData(await till.next());

    expect(gap.event).toBe('relay.gap');
    expect(gap.id).toBeUndefined();
    expect(JSON.parse(gap.data)).toMatchObject({ reason: 'unknown_position', requestedAfter: 9_000 });
    expect(replayed.eventId).toBe('evt_fresh_db');
    till.close();
  });
});

describe('retention', () => {
  it('prunes events older than the retention period and tells a till resuming from a pruned seq about the gap', async () => {
    const relay = await harness.start({ retentionDays: 7 });
    await deliver(relay, harness.clock, { id: 'evt_old_1' });
    await deliver(relay, harness.clock, { id: 'evt_old_2' });
    harness.clock.advanceDays(3);
    await deliver(relay, harness.clock, { id: 'evt_recent' });
    const reader = await openSse(`${relay.url}/events`, { token: TOKEN_OWN });
    const [old1, old2, recent] = (await reader.take(3)).map(eventData);
    reader.close();

    harness.clock.advanceDays(5); // old ones are 8 days old, the recent one 5
    expect(await relay.pruneNow()).toBe(2);
    expect((await relay.stats()).events).toBe(1);

    const fromPruned = await openSse(`${relay.url}/events`, { token: TOKEN_OWN, lastEventId: old1.seq });
    const gap = await fromPruned.next();
    expect(gap.event).toBe('relay.gap');
    expect(JSON.parse(gap.data) as GapMessage).toMatchObject({
      reason: 'pruned',
      requestedAfter: old1.seq,
      prunedThrough: old2.seq,
    });
    expect(eventData(await fromPruned.next()).eventId).toBe('evt_recent');

    // A till that had already seen everything pruned gets no gap: its first message is the next event.
    const upToDate = await openSse(`${relay.url}/events`, { token: TOKEN_OWN, lastEventId: old2.seq });
    expect(eventData(await upToDate.next()).seq).toBe(recent.seq);
    fromPruned.close();
    upToDate.close();
  });

  it('prunes at start, so a relay that was down for a while does not serve stale events', async () => {
    const dataDir = harness.makeDataDir();
    const first = await harness.start({ dataDir, retentionDays: 1 });
    await deliver(first, harness.clock, { id: 'evt_yesterday' });
    await first.close();

    harness.clock.advanceDays(2);
    const second = await harness.start({ dataDir, retentionDays: 1 });

    expect((await second.stats()).events).toBe(0);
    // Sequence numbers are never reused after pruning, so old Last-Event-IDs stay meaningful.
    await deliver(second, harness.clock, { id: 'evt_today' });
    const till = await openSse(`${second.url}/events`, { token: TOKEN_OWN, lastEventId: 0 });
    expect((await till.next()).event).toBe('relay.gap');
    expect(eventData(await till.next())).toMatchObject({ eventId: 'evt_today', seq: 2 });
    till.close();
  });
});
