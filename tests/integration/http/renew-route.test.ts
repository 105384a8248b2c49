// POST /payments/:id/renew: a new QR on an expired or failed sale (same sale, amount and PaymentIntent),
// answered like GET /payments/:id with the new `qr`; refused plainly for any other sale.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentView } from '../../../electron/core/http/integration-api';
import type { Sale } from '../../../shared/sale';
import { callPos, startTestTill, TEST_API_TOKEN, type TestTill } from './http-test-till';

let till: TestTill;
beforeAll(async () => {
  till = await startTestTill();
});
afterAll(async () => {
  await till?.close();
});

const auth = { authorization: `Bearer ${TEST_API_TOKEN}` };

async function createIntent(amount: number): Promise<{ paymentIntentId: string; saleId: string }> {
  const response = await fetch(`${till.url}/payments/intents`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ amount, description: 'Table 9' }) });
  expect(response.status).toBe(201);
  return (await response.json()) as { paymentIntentId: string; saleId: string };
}

function renew(id: string, headers: Record<string, string> = auth): Promise<Response> {
  return fetch(`${till.url}/payments/${id}/renew`, { method: 'POST', headers });
}

describe('POST /payments/:id/renew', () => {
  it('gives an expired sale a new QR on the same sale and PaymentIntent, answering like GET /payments/:id', async () => {
    const created = await createIntent(7700);
    const expired = await callPos<Sale>(till, 'demo.simulate', { saleId: created.saleId, outcome: 'expire' });
    expect(expired.body.value.status).toBe('expired');

    const response = await renew(created.paymentIntentId);
    expect(response.status).toBe(200);
    const view = (await response.json()) as PaymentView;
    expect(view).toMatchObject({ id: created.paymentIntentId, saleId: created.saleId, amount: 7700, description: 'Table 9', saleStatus: 'awaiting_payment' });
    expect(view.qr?.data).toEqual(expect.any(String));

    const read = (await (await fetch(`${till.url}/payments/${created.saleId}`, { headers: auth })).json()) as PaymentView;
    expect(read).toEqual(view);
  });

  it('refuses a sale that is not expired or failed with 409, and changes nothing', async () => {
    const created = await createIntent(5100);
    await fetch(`${till.url}/payments/${created.saleId}/cancel`, { method: 'POST', headers: auth });
    const response = await renew(created.saleId);
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('conflict');
    const read = (await (await fetch(`${till.url}/payments/${created.saleId}`, { headers: auth })).json()) as PaymentView;
    expect(read.saleStatus).toBe('canceled');
  });

  it('answers 404 for an unknown id and 401 without the token', async () => {
    expect((await renew('pi_doesnotexist')).status).toBe(404);
    expect((await renew('sale_doesnotexist1', {})).status).toBe(401);
  });
});
