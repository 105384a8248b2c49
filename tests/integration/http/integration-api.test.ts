// The integration REST API other systems call: POST /payments/intents, GET /payments/:id,
// POST /payments/:id/cancel, behind the POS_API_TOKEN bearer token.
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SECRET_KEY } from '../../../electron/core/demo/embedded-simulator';
import type { HttpErrorBody } from '../../../electron/core/http/error-status';
import type { CreatedIntentView, PaymentView } from '../../../electron/core/http/integration-api';
import type { Sale } from '../../../shared/sale';
import { callPos, jsonOf, startTestTill, TEST_API_TOKEN, type TestTill } from './http-test-till';
import { openEventStream } from './sse-reader';

let till: TestTill;
beforeAll(async () => {
  till = await startTestTill();
});
afterAll(async () => {
  await till?.close();
});

/** Any body the REST API answers with, read loosely: a payment, a created intent or an error. */
type RestBody = PaymentView & CreatedIntentView & { error: HttpErrorBody };

interface SimulatorPaymentIntent {
  status: string;
  metadata: Record<string, string>;
  next_action: { promptpay_display_qr_code: { data: string; image_url_png: string } };
}

const auth = { authorization: `Bearer ${TEST_API_TOKEN}` };

async function rest(method: string, path: string, body?: unknown, headers: Record<string, string> = auth) {
  const response = await fetch(`${till.url}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as RestBody };
}

async function saleCount(): Promise<number> {
  const { body } = await callPos<Sale[]>(till, 'sales.list', { limit: 500 });
  return body.value.length;
}

/** What Stripe (here: the embedded simulator) holds for a PaymentIntent. */
async function simulatorPaymentIntent(id: string | null): Promise<SimulatorPaymentIntent> {
  expect(id).toMatch(/^pi_/);
  const response = await fetch(`${till.core.simulatorUrl}/v1/payment_intents/${id}`, { headers: { authorization: `Bearer ${DEMO_SECRET_KEY}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as SimulatorPaymentIntent;
}

async function payAndWait(paymentIntentId: string | null, saleId: string): Promise<void> {
  expect(paymentIntentId).toMatch(/^pi_/);
  const stream = await openEventStream(`${till.url}/api/pos/events`);
  try {
    const paid = await fetch(`${till.url}/_sim/payment_intents/${paymentIntentId}/succeed`, { method: 'POST' });
    expect(paid.status).toBe(200);
    await stream.next((event) => {
      const sale = JSON.parse(event.data);
      return sale.id === saleId && sale.status === 'succeeded';
    });
  } finally {
    stream.close();
  }
}

describe('POST /payments/intents', () => {
  it('creates a PromptPay charge and answers 201 with the reference shape', async () => {
    const { status, body } = await rest('POST', '/payments/intents', { amount: 12345, currency: 'THB', description: 'Order 77', metadata: { orderId: '77' } });
    expect(status).toBe(201);
    expect(Object.keys(body).sort()).toEqual(['amount', 'currency', 'paymentIntentId', 'qr', 'saleId', 'status']);
    expect(body).toMatchObject({ amount: 12345, currency: 'thb', status: 'requires_action' });
    expect(body.paymentIntentId).toMatch(/^pi_/);
    expect(body.saleId).toMatch(/^sale_/);

    const intent = await simulatorPaymentIntent(body.paymentIntentId);
    expect(body.qr?.data).toBe(intent.next_action.promptpay_display_qr_code.data);
    expect(body.qr?.imageUrl).toBe(intent.next_action.promptpay_display_qr_code.image_url_png);
    expect(intent.metadata).toMatchObject({ orderId: '77' });
  });

  it('puts the charge on the screens like any other sale', async () => {
    const stream = await openEventStream(`${till.url}/api/pos/events`);
    try {
      const { body } = await rest('POST', '/payments/intents', { amount: 5000 });
      const event = await stream.next((candidate) => JSON.parse(candidate.data).id === body.saleId);
      expect(JSON.parse(event.data)).toMatchObject({ source: 'api', amount: 5000 });
      const current = await callPos<Sale | null>(till, 'sales.current', {});
      expect(current.body.value?.id).toBe(body.saleId);
    } finally {
      stream.close();
    }
  });

  it.each([
    ['a baht amount with decimals', { amount: 123.45 }],
    ['an amount sent as a string', { amount: '12345' }],
    ['a negative amount', { amount: -5000 }],
    ['no amount at all', { currency: 'thb' }],
  ])('refuses %s with 400 invalid_input that speaks of satang, creating no sale', async (_name, input) => {
    const before = await saleCount();
    const { status, body } = await rest('POST', '/payments/intents', input);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toMatch(/satang/);
    expect(await saleCount()).toBe(before);
  });

  it('refuses an amount below ฿10 with 400 amount_too_small, creating no sale', async () => {
    const before = await saleCount();
    const { status, body } = await rest('POST', '/payments/intents', { amount: 999 });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'amount_too_small', field: 'amount' });
    expect(await saleCount()).toBe(before);
  });

  it.each([
    ['a currency other than thb', { amount: 5000, currency: 'usd' }, /thb/],
    ['nested metadata', { amount: 5000, metadata: { customer: { id: 1 } } }, /strings/],
    ['a metadata key over 40 characters', { amount: 5000, metadata: { ['k'.repeat(41)]: 'v' } }, /keys/],
    ['a metadata value over 500 characters', { amount: 5000, metadata: { note: 'v'.repeat(501) } }, /500/],
    ['more metadata keys than Stripe leaves room for beside the till’s own', { amount: 5000, metadata: Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`k${i}`, 'v'])) }, /44 keys/],
    ['a metadata key the till sets itself', { amount: 5000, metadata: { sale_id: 'forged' } }, /reserved/],
    ['an unknown field', { amount: 5000, tip: 100 }, /tip/],
  ])('refuses %s with 400 invalid_input, creating no sale', async (_name, input, message) => {
    const before = await saleCount();
    const { status, body } = await rest('POST', '/payments/intents', input);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toMatch(message);
    expect(await saleCount()).toBe(before);
  });

  it('refuses a request without the bearer token with 401, creating no sale', async () => {
    const before = await saleCount();
    const { status, headers, body } = await rest('POST', '/payments/intents', { amount: 5000 }, {});
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toBe('Bearer');
    expect(body.error.code).toBe('unauthorized');
    expect(await saleCount()).toBe(before);
  });

  it('refuses a wrong bearer token with 401, creating no sale', async () => {
    const before = await saleCount();
    const { status, body } = await rest('POST', '/payments/intents', { amount: 5000 }, { authorization: `Bearer ${TEST_API_TOKEN}x` });
    expect(status).toBe(401);
    expect(body.error.code).toBe('unauthorized');
    expect(await saleCount()).toBe(before);
  });
});

describe('POST /payments/intents with an Idempotency-Key', () => {
  // Regression: a retried charge (the ERP's response was lost) made a second sale and PaymentIntent.
  const stripe = () => {
    const url = new URL(till.core.simulatorUrl!);
    return new Stripe(DEMO_SECRET_KEY, { host: url.hostname, port: Number(url.port), protocol: 'http' });
  };
  async function paymentIntentsCreated(): Promise<number> {
    return (await stripe().events.list({ type: 'payment_intent.created', limit: 100 }).autoPagingToArray({ limit: 10_000 })).length;
  }
  const withKey = (key: string) => ({ ...auth, 'idempotency-key': key });

  it('answers a retry with the same key and body with the same sale: one sale, one PaymentIntent', async () => {
    const [salesBefore, intentsBefore] = [await saleCount(), await paymentIntentsCreated()];
    const key = `erp-order-${randomUUID()}`;
    const body = { amount: 23_456, description: 'Order 991', metadata: { orderId: '991' } };
    const first = await rest('POST', '/payments/intents', body, withKey(key));
    expect(first.status).toBe(201);
    const retry = await rest('POST', '/payments/intents', body, withKey(key));
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await saleCount()).toBe(salesBefore + 1);
    expect(await paymentIntentsCreated()).toBe(intentsBefore + 1);
  });

  it('refuses the same key with a different body with 409 conflict, creating nothing', async () => {
    const key = randomUUID();
    const first = await rest('POST', '/payments/intents', { amount: 5_000, description: 'Table 9' }, withKey(key));
    expect(first.status).toBe(201);
    const [salesBefore, intentsBefore] = [await saleCount(), await paymentIntentsCreated()];
    for (const changed of [{ amount: 5_100, description: 'Table 9' }, { amount: 5_000, description: 'Table 10' }, { amount: 5_000, description: 'Table 9', metadata: { orderId: '1' } }]) {
      const { status, body } = await rest('POST', '/payments/intents', changed, withKey(key));
      expect(status, JSON.stringify(changed)).toBe(409);
      expect(body.error.code).toBe('conflict');
      expect(body.error.message).toMatch(/^Idempotency-Key reused with different parameters/);
    }
    expect(await saleCount()).toBe(salesBefore);
    expect(await paymentIntentsCreated()).toBe(intentsBefore);
  });

  it('makes one sale when the same key arrives several times at once', async () => {
    const [salesBefore, intentsBefore] = [await saleCount(), await paymentIntentsCreated()];
    const key = randomUUID();
    const answers = await Promise.all([1, 2, 3, 4].map(() => rest('POST', '/payments/intents', { amount: 7_700 }, withKey(key))));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.saleId)).size).toBe(1);
    expect(new Set(answers.map((answer) => answer.body.paymentIntentId)).size).toBe(1);
    expect(answers.every((answer) => answer.body.qr !== null)).toBe(true);
    expect(await saleCount()).toBe(salesBefore + 1);
    expect(await paymentIntentsCreated()).toBe(intentsBefore + 1);
  });

  it('keeps REST keys apart from other keys and charges again without a key', async () => {
    const [salesBefore, intentsBefore] = [await saleCount(), await paymentIntentsCreated()];
    const a = await rest('POST', '/payments/intents', { amount: 6_000 }, withKey(randomUUID()));
    const b = await rest('POST', '/payments/intents', { amount: 6_000 }, withKey(randomUUID()));
    const c = await rest('POST', '/payments/intents', { amount: 6_000 });
    const d = await rest('POST', '/payments/intents', { amount: 6_000 });
    expect(new Set([a, b, c, d].map((answer) => answer.body.saleId)).size).toBe(4);
    expect(await saleCount()).toBe(salesBefore + 4);
    expect(await paymentIntentsCreated()).toBe(intentsBefore + 4);
  });

  it('refuses an unusable Idempotency-Key with 400, creating nothing', async () => {
    const before = await saleCount();
    for (const key of ['with space', 'k'.repeat(256), 'clé-12345']) {
      const { status, body } = await rest('POST', '/payments/intents', { amount: 5_000 }, withKey(key));
      expect(status, key).toBe(400);
      expect(body.error).toMatchObject({ code: 'invalid_input', field: 'Idempotency-Key' });
    }
    expect(await saleCount()).toBe(before);
  });
});

describe('refund refusals over the browser-mode API', () => {
  // Regression: both refusals used `conflict`, so the screens said "That sale has already finished".
  it('answers 400 refund_exceeds_remaining and 409 sale_not_refundable, each with its own code', async () => {
    const { body: charged } = await callPos<Sale>(till, 'sales.charge', { amount: 5_000 });
    const { body: paid } = await callPos<Sale>(till, 'demo.simulate', { saleId: charged.value.id, outcome: 'succeed' });
    expect(paid.value.status).toBe('succeeded');
    const over = await callPos(till, 'refunds.create', { saleId: charged.value.id, amount: 5_001, email: 'c@example.com' });
    expect(over.status).toBe(400);
    expect(over.body.error).toMatchObject({ code: 'refund_exceeds_remaining', field: 'amount' });

    const { body: unpaid } = await callPos<Sale>(till, 'sales.charge', { amount: 5_000 });
    await callPos(till, 'sales.cancel', { saleId: unpaid.value.id });
    const notPaid = await callPos(till, 'refunds.create', { saleId: unpaid.value.id, amount: 1_000, email: 'c@example.com' });
    expect(notPaid.status).toBe(409);
    expect(notPaid.body.error).toMatchObject({ code: 'sale_not_refundable' });
  });
});

describe('GET /payments/:id', () => {
  it('finds a payment by PaymentIntent id and by sale id, with the QR while it is awaited', async () => {
    const created = (await rest('POST', '/payments/intents', { amount: 7000, description: 'Table 4', metadata: { table: '4' } })).body;
    const byIntent = await rest('GET', `/payments/${created.paymentIntentId}`);
    const bySale = await rest('GET', `/payments/${created.saleId}`);
    expect(byIntent.status).toBe(200);
    expect(bySale.body).toEqual(byIntent.body);
    expect(byIntent.body).toEqual({
      id: created.paymentIntentId,
      status: 'requires_action',
      amount: 7000,
      currency: 'thb',
      description: 'Table 4',
      metadata: { table: '4' },
      saleId: created.saleId,
      saleStatus: 'awaiting_payment',
      qr: created.qr,
    });
  });

  it("reports Stripe's status word and drops the QR once paid", async () => {
    const created = (await rest('POST', '/payments/intents', { amount: 8000 })).body;
    await payAndWait(created.paymentIntentId, created.saleId);
    const { body } = await rest('GET', `/payments/${created.paymentIntentId}`);
    expect(body).toMatchObject({ status: 'succeeded', saleStatus: 'succeeded', qr: null });
  });

  it('answers 404 for an id it does not know', async () => {
    for (const id of ['pi_unknown123', 'sale_unknown12345', 'nonsense']) {
      const { status, body } = await rest('GET', `/payments/${id}`);
      expect(status).toBe(404);
      expect(body.error.code).toBe('not_found');
    }
  });

  it('refuses a request without the bearer token with 401', async () => {
    const created = (await rest('POST', '/payments/intents', { amount: 5000 })).body;
    const { status } = await rest('GET', `/payments/${created.saleId}`, undefined, {});
    expect(status).toBe(401);
  });
});

describe('POST /payments/:id/cancel', () => {
  it('cancels a payment still awaited and answers with the GET shape', async () => {
    const created = (await rest('POST', '/payments/intents', { amount: 9000 })).body;
    const { status, body } = await rest('POST', `/payments/${created.paymentIntentId}/cancel`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: created.paymentIntentId, saleId: created.saleId, status: 'canceled', saleStatus: 'canceled', qr: null });
    expect((await simulatorPaymentIntent(created.paymentIntentId)).status).toBe('canceled');
  });

  it('answers 409 conflict for a payment that has already succeeded, and leaves it paid', async () => {
    const created = (await rest('POST', '/payments/intents', { amount: 9500 })).body;
    await payAndWait(created.paymentIntentId, created.saleId);
    const { status, body } = await rest('POST', `/payments/${created.saleId}/cancel`);
    expect(status).toBe(409);
    expect(body.error.code).toBe('conflict');
    expect((await rest('GET', `/payments/${created.saleId}`)).body.saleStatus).toBe('succeeded');
  });

  it('answers 404 for an id it does not know', async () => {
    const { status } = await rest('POST', '/payments/pi_nosuchintent/cancel');
    expect(status).toBe(404);
  });

  it('refuses a wrong bearer token with 401 and cancels nothing', async () => {
    const created = (await rest('POST', '/payments/intents', { amount: 5000 })).body;
    const { status } = await rest('POST', `/payments/${created.saleId}/cancel`, undefined, { authorization: 'Bearer wrong' });
    expect(status).toBe(401);
    expect((await rest('GET', `/payments/${created.saleId}`)).body.saleStatus).toBe('awaiting_payment');
  });
});

describe('without POS_API_TOKEN', () => {
  it('keeps the API off with 503 saying POS_API_TOKEN must be set, whatever token is sent', async () => {
    const closed = await startTestTill({ apiToken: null });
    try {
      const headerSets: Record<string, string>[] = [{}, { authorization: 'Bearer ' }, { authorization: 'Bearer anything' }];
      for (const headers of headerSets) {
        const response = await fetch(`${closed.url}/payments/intents`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ amount: 5000 }),
        });
        expect(response.status).toBe(503);
        const body = await jsonOf(response);
        expect(body.error.message).toMatch(/POS_API_TOKEN/);
      }
      const { body } = await callPos<Sale[]>(closed, 'sales.list', {});
      expect(body.value).toEqual([]);
    } finally {
      await closed.close();
    }
  });
});
