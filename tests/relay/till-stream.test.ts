import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  RelayHarness,
  TOKEN_A,
  TOKEN_OWN,
  TOKEN_B,
  TOKEN_OWN_LIVE,
  deliver,
  eventData,
} from './relay-fixture';
import { openSse, type SseStream } from './sse-client';

const harness = new RelayHarness();
afterEach(() => harness.cleanup());

describe('GET /events', () => {
  it('refuses a till with no token, a wrong token or a non-Bearer scheme with 401', async () => {
    const relay = await harness.start();
    const attempts: (string | undefined)[] = [undefined, 'Bearer not-a-till-token-at-all', `Basic ${TOKEN_OWN}`, `Bearer ${TOKEN_OWN}x`];
    for (const authorization of attempts) {
      const response = await fetch(`${relay.url}/events`, { headers: authorization ? { authorization } : {} });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await response.json()).toMatchObject({ error: 'unauthorized' });
    }
    expect((await relay.stats()).clients).toBe(0);
  });

  it('streams stored events, then live ones, as stripe.event messages with ids and a 1 s retry', async () => {
    const relay = await harness.start();
    await deliver(relay, harness.clock, { id: 'evt_before_connect' });

    const till = await openSse(`${relay.url}/events`, { token: TOKEN_OWN });
    expect(till.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const first = eventData(await till.next());
    await deliver(relay, harness.clock, { id: 'evt_after_connect', type: 'payment_intent.payment_failed' });
    const second = eventData(await till.next());

    expect(till.retry()).toBe(1000);
    expect([first.eventId, second.eventId]).toEqual(['evt_before_connect', 'evt_after_connect']);
    expect(second).toMatchObject({ type: 'payment_intent.payment_failed' });
    expect(second.seq).toBeGreaterThan(first.seq);
    expect((await relay.stats()).clients).toBe(1);
    till.close();
  });

  it('resumes after Last-Event-ID with exactly the missed events, in order', async () => {
    const relay = await harness.start();
    for (const id of ['evt_r1', 'evt_r2', 'evt_r3']) await deliver(relay, harness.clock, { id });
    const first = await openSse(`${relay.url}/events`, { token: TOKEN_OWN });
    const seen = (await first.take(3)).map(eventData);
    first.close();
    // The till was offline for the delivery of r4 and r5; it last saw r2.
    for (const id of ['evt_r4', 'evt_r5']) await deliver(relay, harness.clock, { id });

    const resumed = await openSse(`${relay.url}/events`, { token: TOKEN_OWN, lastEventId: seen[1].seq });
    const missed = (await resumed.take(3)).map(eventData);
    await deliver(relay, harness.clock, { id: 'evt_r6' });
    const live = eventData(await resumed.next());

    expect(missed.map((event) => event.eventId)).toEqual(['evt_r3', 'evt_r4', 'evt_r5']);
    expect(live.eventId).toBe('evt_r6');
    resumed.close();
  });

  it('accepts ?after= as the resume position when there is no Last-Event-ID header', async () => {
    const relay = await harness.start();
    for (const id of ['evt_q1', 'evt_q2']) await deliver(relay, harness.clock, { id });
    const all = await openSse(`${relay.url}/events`, { token: TOKEN_OWN });
    const [q1] = (await all.take(2)).map(eventData);
    all.close();

    const resumed = await openSse(`${relay.url}/events?after=${q1.seq}`, { token: TOKEN_OWN });

    expect(eventData(await resumed.next()).eventId).toBe('evt_q2');
    resumed.close();
  });

  it('refuses a Last-Event-ID that is not a sequence number with 400', async () => {
    const relay = await harness.start();
    const response = await fetch(`${relay.url}/events`, {
      headers: { authorization: `Bearer ${TOKEN_OWN}`, 'last-event-id': 'evt_123' },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_position' });
  });

  it('streams each till only its own account\'s events, and only its mode\'s when bound to one', async () => {
    const relay = await harness.start();
    const tills = {
      a: await openSse(`${relay.url}/events`, { token: TOKEN_A }),
      b: await openSse(`${relay.url}/events`, { token: TOKEN_B }),
      own: await openSse(`${relay.url}/events`, { token: TOKEN_OWN }),
      ownLive: await openSse(`${relay.url}/events`, { token: TOKEN_OWN_LIVE }),
    };

    await deliver(relay, harness.clock, { id: 'evt_a1', account: ACCOUNT_A });
    await deliver(relay, harness.clock, { id: 'evt_own_test1' });
    await deliver(relay, harness.clock, { id: 'evt_b1', account: ACCOUNT_B });
    await deliver(relay, harness.clock, { id: 'evt_own_live1', livemode: true });
    await deliver(relay, harness.clock, { id: 'evt_a2', account: ACCOUNT_A });
    await deliver(relay, harness.clock, { id: 'evt_b2', account: ACCOUNT_B });
    await deliver(relay, harness.clock, { id: 'evt_own_test2' });
    await deliver(relay, harness.clock, { id: 'evt_own_live2', livemode: true });

    // Streams are in seq order: a till's second event arriving right after its first proves that
    // everything in between (other accounts', other modes') was skipped.
    const ids = async (till: SseStream, count: number) => (await till.take(count)).map((message) => eventData(message).eventId);
    expect(await ids(tills.a, 2)).toEqual(['evt_a1', 'evt_a2']);
    expect(await ids(tills.b, 2)).toEqual(['evt_b1', 'evt_b2']);
    expect(await ids(tills.own, 4)).toEqual(['evt_own_test1', 'evt_own_live1', 'evt_own_test2', 'evt_own_live2']);
    expect(await ids(tills.ownLive, 2)).toEqual(['evt_own_live1', 'evt_own_live2']);
    // Nor on resume from the start.
    const resumedB = await openSse(`${relay.url}/events`, { token: TOKEN_B, lastEventId: 0 });
    expect(await ids(resumedB, 2)).toEqual(['evt_b1', 'evt_b2']);
    for (const till of [...Object.values(tills), resumedB]) till.close();
  });

  it('ends a token\'s oldest stream when it opens more than its cap', async () => {
    const relay = await harness.start({ maxStreamsPerToken: 2 });
    const first = await openSse(`${relay.url}/events`, { token: TOKEN_OWN });
    const second = await openSse(`${relay.url}/events`, { token: TOKEN_OWN });
    const otherTill = await openSse(`${relay.url}/events`, { token: TOKEN_A });
    await Promise.all([first, second, otherTill].map((till) => till.comment('connected')));

    const third = await openSse(`${relay.url}/events`, { token: TOKEN_OWN });
    await third.comment('connected');
    await first.ended;
    await deliver(relay, harness.clock, { id: 'evt_after_cap' });

    expect(eventData(await second.next()).eventId).toBe('evt_after_cap');
    expect(eventData(await third.next()).eventId).toBe('evt_after_cap');
    expect((await relay.stats()).clients).toBe(3);
    for (const till of [second, third, otherTill]) till.close();
  });

  it('sends a heartbeat comment on its interval', async () => {
    const relay = await harness.start({ heartbeatMs: 50 });
    const till = await openSse(`${relay.url}/events`, { token: TOKEN_OWN });
    await till.comment('heartbeat');
    expect(till.comments[0]).toBe('connected');
    till.close();
  });

  // Dropping a stalled till is decided on the stream's backpressure and tested in till-stall.test.ts;
  // over real TCP, when a non-reading peer fills up depends on the machine's socket buffers.
  it('keeps streaming to the others while one till connects and never reads', async () => {
    const relay = await harness.start();
    const reader = await openSse(`${relay.url}/events`, { token: TOKEN_OWN });

    const stalled = net.connect(relay.port, '127.0.0.1');
    await new Promise<void>((resolve) => stalled.once('connect', resolve));
    stalled.pause();
    stalled.write(`GET /events HTTP/1.1\r\nHost: relay\r\nAuthorization: Bearer ${TOKEN_OWN}\r\n\r\n`);
    await vi.waitFor(async () => expect((await relay.stats()).clients).toBe(2));

    const count = 4;
    for (let i = 0; i < count; i += 1) {
      await deliver(relay, harness.clock, { id: `evt_big_${i}`, padding: 300_000 });
    }

    const received = (await reader.take(count, 10_000)).map(eventData);
    expect(received.map((event) => event.eventId)).toEqual(Array.from({ length: count }, (_, i) => `evt_big_${i}`));
    stalled.destroy();
    reader.close();
  });
});
