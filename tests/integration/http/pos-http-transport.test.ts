// The browser-mode transport: POST /api/pos/<op> answers with the PosResult, GET /api/pos/events
// streams the contract's events.
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHttpServer } from '../../../electron/core/http/http-server';
import type { PosCore } from '../../../electron/core/pos-core-types';
import type { AppInfo } from '../../../shared/pos-contract';
import type { Sale } from '../../../shared/sale';
import { callPos, startTestTill, type TestTill } from './http-test-till';
import { openEventStream } from './sse-reader';

let till: TestTill;
beforeAll(async () => {
  till = await startTestTill();
});
afterAll(async () => {
  await till?.close();
});

async function listSales(): Promise<Sale[]> {
  const { body } = await callPos<Sale[]>(till, 'sales.list', { limit: 500 });
  expect(body.ok).toBe(true);
  return body.value;
}

describe('POST /api/pos/:op', () => {
  it('runs an operation and answers with its PosResult', async () => {
    const { status, body } = await callPos<AppInfo>(till, 'app.info', {});
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, value: { demo: true, mode: 'demo', tillId: 'till-1' } });
  });

  it('charges a sale that then shows up in the sales list', async () => {
    const { status, body } = await callPos(till, 'sales.charge', { amount: 2500 });
    expect(status).toBe(200);
    expect(body.value).toMatchObject({ amount: 2500, status: 'awaiting_payment', source: 'till' });
    expect(body.value.qrData).toEqual(expect.any(String));
    const sales = await listSales();
    expect(sales.map((sale) => sale.id)).toContain(body.value.id);
  });

  it('refuses invalid input with a 400 PosResult and changes nothing', async () => {
    const before = await listSales();
    const { status, body } = await callPos(till, 'sales.charge', { amount: 12.5 });
    expect(status).toBe(400);
    expect(body).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'amount' } });
    expect(await listSales()).toEqual(before);
  });

  it('maps a below-minimum amount to 400 amount_too_small and creates no sale', async () => {
    const before = await listSales();
    const { status, body } = await callPos(till, 'sales.charge', { amount: 999 });
    expect(status).toBe(400);
    expect(body.error.code).toBe('amount_too_small');
    expect(await listSales()).toEqual(before);
  });

  it('answers 404 not_found for an operation the contract does not have', async () => {
    const { status, body } = await callPos(till, 'sales.deleteEverything', {});
    expect(status).toBe(404);
    expect(body).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('answers 404 for an unknown sale id', async () => {
    const { status, body } = await callPos(till, 'sales.get', { saleId: 'sale_doesnotexist00' });
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });

  it('answers 409 conflict when simulating payment of a sale that is already canceled', async () => {
    const charged = await callPos(till, 'sales.charge', { amount: 1500 });
    await callPos(till, 'sales.cancel', { saleId: charged.body.value.id });
    const { status, body } = await callPos(till, 'demo.simulate', { saleId: charged.body.value.id, outcome: 'succeed' });
    expect(status).toBe(409);
    expect(body.error.code).toBe('conflict');
  });

  it('refuses malformed JSON with a 400 PosResult and changes nothing', async () => {
    const before = await listSales();
    const response = await fetch(`${till.url}/api/pos/sales.charge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"amount": 5000,',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'The body is not valid JSON.' } });
    expect(await listSales()).toEqual(before);
  });

  it('refuses a body over 64 KiB with 413 and changes nothing', async () => {
    const before = await listSales();
    const response = await fetch(`${till.url}/api/pos/sales.charge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 5000, description: 'x'.repeat(70 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await listSales()).toEqual(before);
  });

  it('refuses a body that is not JSON with 415 (a cross-site form cannot post text/plain)', async () => {
    const before = await listSales();
    const response = await fetch(`${till.url}/api/pos/sales.charge`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ amount: 5000 }),
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await listSales()).toEqual(before);
  });
});

describe('GET /api/pos/events', () => {
  it('streams with a retry hint and the security headers', async () => {
    const stream = await openEventStream(`${till.url}/api/pos/events`);
    try {
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(stream.response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(stream.text()).toContain('retry: 2000\n');
    } finally {
      stream.close();
    }
  });

  it('delivers sale.updated when a sale is charged and again when the customer pays', async () => {
    // The signed-in cashier's screen: its session cookie.
    const stream = await openEventStream(`${till.url}/api/pos/events`, { headers: { cookie: till.cookie! } });
    try {
      const { body } = await callPos(till, 'sales.charge', { amount: 4200 });
      const saleId: string = body.value.id;
      const awaiting = await stream.next((event) => event.event === 'sale.updated' && JSON.parse(event.data).id === saleId);
      expect(JSON.parse(awaiting.data)).toMatchObject({ id: saleId, amount: 4200 });

      // The customer pays on the simulator's controls (through the /_sim forwarding); the core notices.
      const paid = await fetch(`${till.url}/_sim/payment_intents/${body.value.paymentIntentId}/succeed`, { method: 'POST' });
      expect(paid.status).toBe(200);
      const succeeded = await stream.next((event) => event.event === 'sale.updated' && JSON.parse(event.data).id === saleId && JSON.parse(event.data).status === 'succeeded');
      expect(JSON.parse(succeeded.data)).toMatchObject({ id: saleId, status: 'succeeded', paymentIntentStatus: 'succeeded' });
    } finally {
      stream.close();
    }
  });

  it('unsubscribes from the core when the client goes away, and then closes promptly', async () => {
    // Count live subscriptions on a second server over the same real core.
    let live = 0;
    const counting: PosCore = Object.create(till.core, {
      subscribe: {
        value: (listener: Parameters<PosCore['subscribe']>[0]) => {
          live += 1;
          const unsubscribe = till.core.subscribe(listener);
          return () => {
            live -= 1;
            unsubscribe();
          };
        },
      },
    });
    // Limits far longer than the close's grace period: a spare connection left to time out by itself
    // would then be cut only by the grace period's forced close, which the test watches for.
    const long = 10 * 60_000;
    const server = await startHttpServer(counting, {
      host: '127.0.0.1', port: 0, limits: { requestTimeoutMs: long, headersTimeoutMs: 4 * 60_000, connectionTimeoutMs: long, keepAliveTimeoutMs: long },
    });
    try {
      const stream = await openEventStream(`${server.url}/api/pos/events`);
      expect(live).toBe(1);
      stream.close();
      await vi.waitFor(() => expect(live).toBe(0), { timeout: 5_000, interval: 20 });
      // A client may open a spare connection that never sends a request (fetch does; here a raw socket
      // stands for it, as undici would close its own after 4 s). Closing must not wait on it: it is
      // dropped at once, so the grace period's forced close of every connection never comes.
      const spare = net.connect(Number(new URL(server.url).port), '127.0.0.1');
      await once(spare, 'connect');
      const spareClosed = once(spare, 'close');
      const forced = vi.spyOn(http.Server.prototype, 'closeAllConnections');
      try {
        await server.close();
        await spareClosed;
        expect(forced).not.toHaveBeenCalled();
      } finally {
        forced.mockRestore();
        spare.destroy();
      }
    } finally {
      await server.close();
    }
  });

  it('ends open streams when the server closes instead of hanging', async () => {
    const server = await startHttpServer(till.core, { host: '127.0.0.1', port: 0 });
    const stream = await openEventStream(`${server.url}/api/pos/events`);
    await server.close();
    await expect(stream.next(() => false, 5_000)).rejects.toThrow(/ended without/);
  });
});
