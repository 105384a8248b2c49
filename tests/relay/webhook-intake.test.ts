import { afterEach, describe, expect, it } from 'vitest';
import {
  ROTATED_SECRET,
  RelayHarness,
  SECRET,
  TOKEN_OWN,
  eventData,
  postWebhook,
  sign,
  stripe,
  stripeEventBody,
} from './relay-fixture';
import { openSse } from './sse-client';

const harness = new RelayHarness();
afterEach(() => harness.cleanup());

describe('POST /stripe/webhook', () => {
  it('stores a validly signed event, answers 200, and streams its body and signature byte for byte', async () => {
    const relay = await harness.start();
    const body = stripeEventBody({ id: 'evt_intake_1' });
    const signature = sign(body, { timestamp: harness.clock.seconds() });

    const result = await postWebhook(relay.url, body, signature);

    expect(result).toEqual({ status: 200, json: { received: true } });
    expect(await relay.stats()).toMatchObject({ events: 1, stored: 1, rejected: 0 });

    const till = await openSse(`${relay.url}/events`, { token: TOKEN_OWN });
    const message = await till.next();
    const data = eventData(message);
    expect(message.id).toBe(String(data.seq));
    expect(data).toMatchObject({ eventId: 'evt_intake_1', type: 'payment_intent.succeeded', account: null });
    expect(data.signature).toBe(signature);
    expect(Buffer.from(data.payload, 'utf8').equals(Buffer.from(body, 'utf8'))).toBe(true);
    // The till can verify Stripe's own signature on what the relay forwarded.
    const verified = stripe.webhooks.constructEvent(data.payload, data.signature, SECRET);
    expect(verified.id).toBe('evt_intake_1');
    till.close();
  });

  it('accepts an event signed with either secret while the signing secret is being rotated', async () => {
    const relay = await harness.start({ webhookSecrets: [SECRET, ROTATED_SECRET] });
    const timestamp = harness.clock.seconds();
    const oldBody = stripeEventBody({ id: 'evt_old_secret' });
    const newBody = stripeEventBody({ id: 'evt_new_secret' });

    expect((await postWebhook(relay.url, oldBody, sign(oldBody, { secret: SECRET, timestamp }))).status).toBe(200);
    expect((await postWebhook(relay.url, newBody, sign(newBody, { secret: ROTATED_SECRET, timestamp }))).status).toBe(200);
    expect((await relay.stats()).events).toBe(2);
  });

  it('stores an event delivered twice only once and answers 200 both times', async () => {
    const relay = await harness.start();
    const body = stripeEventBody({ id: 'evt_twice' });

    const first = await postWebhook(relay.url, body, sign(body, { timestamp: harness.clock.seconds() }));
    harness.clock.ms += 60_000; // Stripe's retry comes later with a fresh signature
    const second = await postWebhook(relay.url, body, sign(body, { timestamp: harness.clock.seconds() }));

    expect(first).toEqual({ status: 200, json: { received: true } });
    expect(second).toEqual({ status: 200, json: { received: true } });
    expect(await relay.stats()).toMatchObject({ events: 1, stored: 1, duplicates: 1 });
  });

  it('acknowledges genuine events of types no till uses, but neither keeps nor streams them', async () => {
    const relay = await harness.start();
    const till = await openSse(`${relay.url}/events`, { token: TOKEN_OWN });
    const unused = stripeEventBody({ id: 'evt_customer', type: 'customer.created' });
    const payout = stripeEventBody({ id: 'evt_payout', type: 'payout.paid' });
    const refund = stripeEventBody({ id: 'evt_refund', type: 'refund.updated' });
    const timestamp = harness.clock.seconds();

    const results = [
      await postWebhook(relay.url, unused, sign(unused, { timestamp })),
      await postWebhook(relay.url, payout, sign(payout, { timestamp })),
      await postWebhook(relay.url, refund, sign(refund, { timestamp })),
    ];

    expect(results.map((result) => result.status)).toEqual([200, 200, 200]);
    expect(results[0].json).toEqual({ received: true, stored: false });
    expect(await relay.stats()).toMatchObject({ events: 1, stored: 1, ignored: 2 });
    expect(eventData(await till.next()).eventId).toBe('evt_refund');
    till.close();
  });

  it('keeps only the event types it is configured for', async () => {
    const relay = await harness.start({ eventTypes: ['payment_intent.succeeded'] });
    const failed = stripeEventBody({ id: 'evt_failed', type: 'payment_intent.payment_failed' });
    const succeeded = stripeEventBody({ id: 'evt_succeeded' });
    const timestamp = harness.clock.seconds();

    await postWebhook(relay.url, failed, sign(failed, { timestamp }));
    await postWebhook(relay.url, succeeded, sign(succeeded, { timestamp }));

    expect(await relay.stats()).toMatchObject({ events: 1, stored: 1, ignored: 1 });
  });

  describe('refuses and stores nothing', () => {
    const cases: { name: string; error: string; make: (now: number) => { body: string | Buffer; signature: string | null } }[] = [
      {
        name: 'a missing Stripe-Signature header',
        error: 'missing_signature',
        make: () => ({ body: stripeEventBody({ id: 'evt_unsigned' }), signature: null }),
      },
      {
        name: 'a signature made with another secret',
        error: 'invalid_signature',
        make: (now) => {
          const body = stripeEventBody({ id: 'evt_wrong_secret' });
          return { body, signature: sign(body, { secret: 'whsec_somebody_else', timestamp: now }) };
        },
      },
      {
        name: 'a body changed after signing',
        error: 'invalid_signature',
        make: (now) => {
          const body = stripeEventBody({ id: 'evt_tampered' });
          return { body: body.replace('12500', '1'), signature: sign(body, { timestamp: now }) };
        },
      },
      {
        name: 'a garbled signature header',
        error: 'invalid_signature',
        make: () => ({ body: stripeEventBody({ id: 'evt_garbled' }), signature: 'not-a-signature' }),
      },
      {
        name: 'a signature older than 300 seconds',
        error: 'stale_signature',
        make: (now) => {
          const body = stripeEventBody({ id: 'evt_stale' });
          return { body, signature: sign(body, { timestamp: now - 301 }) };
        },
      },
      {
        name: 'a correctly signed body that is not JSON',
        error: 'malformed_body',
        make: (now) => ({ body: '{"id": "evt_broken", ', signature: sign('{"id": "evt_broken", ', { timestamp: now }) }),
      },
      {
        name: 'a correctly signed JSON body that is not a Stripe event',
        error: 'not_an_event',
        make: (now) => ({ body: '{"hello":"world"}', signature: sign('{"hello":"world"}', { timestamp: now }) }),
      },
      {
        name: 'a body that is not UTF-8',
        error: 'malformed_body',
        make: (now) => ({ body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), signature: sign('{\ufffd\ufffd}', { timestamp: now }) }),
      },
    ];

    for (const testCase of cases) {
      it(`rejects ${testCase.name} with 400 ${testCase.error}`, async () => {
        const relay = await harness.start();
        const { body, signature } = testCase.make(harness.clock.seconds());

        const result = await postWebhook(relay.url, body, signature);

        expect(result.status).toBe(400);
        expect(result.json).toMatchObject({ error: testCase.error, message: expect.any(String) });
        expect(await relay.stats()).toMatchObject({ events: 0, rejected: 1 });
      });
    }

    it('rejects a body over 1 MiB with 413 before looking at it', async () => {
      const relay = await harness.start();
      const body = stripeEventBody({ id: 'evt_huge', padding: 1024 * 1024 });

      const result = await postWebhook(relay.url, body, sign(body, { timestamp: harness.clock.seconds() }));

      expect(result.status).toBe(413);
      expect(result.json).toMatchObject({ error: 'body_too_large' });
      expect((await relay.stats()).events).toBe(0);
    });
  });

  it('takes the raw body whatever content type the request claims', async () => {
    const relay = await harness.start();
    const body = stripeEventBody({ id: 'evt_text_plain' });

    const result = await postWebhook(relay.url, body, sign(body, { timestamp: harness.clock.seconds() }), 'text/plain');

    expect(result.status).toBe(200);
    expect((await relay.stats()).events).toBe(1);
  });
});
