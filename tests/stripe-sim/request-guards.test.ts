import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { promptPayParams, startTestSim, type TestSim } from './sim-fixture';

let t: TestSim | null = null;
afterEach(async () => {
  await t?.sim.close();
  t = null;
});

/** node:http, because fetch will not let a test send the Host header a hostile page would cause. */
function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: t!.sim.port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => {
        let json: unknown = text;
        try {
          json = JSON.parse(text);
        } catch {
          // HTML page
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const code = (res: { json: unknown }) => (res.json as { error?: { code?: string } }).error?.code;

describe('Host allow-list (DNS rebinding)', () => {
  it('answers loopback names and refuses any other Host on controls, pages and the API', async () => {
    t = await startTestSim();
    const pi = await t.stripe.paymentIntents.create(promptPayParams());
    for (const host of [`127.0.0.1:${t.sim.port}`, `localhost:${t.sim.port}`, '[::1]:80', '127.0.0.2']) {
      expect((await send('GET', '/_sim/health', { host })).status, host).toBe(200);
    }
    for (const host of [`rebind.attacker.example:${t.sim.port}`, 'localhost.attacker.example', '10.0.0.5', 'user@127.0.0.1']) {
      for (const path of ['/_sim/health', `/_sim/pay/${pi.id}`, '/v1/events']) {
        const res = await send('GET', path, { host, authorization: 'Bearer sk_test_x' });
        expect([res.status, code(res)], `${host} ${path}`).toEqual([403, 'host_not_allowed']);
      }
    }
    const paid = await send('POST', `/_sim/payment_intents/${pi.id}/succeed`, { host: 'rebind.attacker.example' });
    expect(paid.status).toBe(403);
    expect(t.sim.getPaymentIntent(pi.id)).toMatchObject({ status: 'requires_action' });
  });

  it('also answers the names it was told (allowedHosts) and its public base URL', async () => {
    t = await startTestSim({ allowedHosts: ['till.shop.lan'], publicBaseUrl: 'http://192.168.1.50:12111' });
    expect((await send('GET', '/_sim/health', { host: 'till.shop.lan:12111' })).status).toBe(200);
    expect((await send('GET', '/_sim/health', { host: '192.168.1.50:12111' })).status).toBe(200);
    expect((await send('GET', '/_sim/health', { host: '192.168.1.51:12111' })).status).toBe(403);
  });
});

describe('cross-origin writes (a web page posting to the simulator)', () => {
  it('refuses a POST from another origin to the controls and the API, and changes nothing', async () => {
    t = await startTestSim();
    const pi = await t.stripe.paymentIntents.create(promptPayParams());
    const host = `127.0.0.1:${t.sim.port}`;
    for (const origin of ['https://attacker.example', 'null', `http://127.0.0.1:${t.sim.port + 1}`]) {
      const paid = await send('POST', `/_sim/payment_intents/${pi.id}/succeed`, { host, origin });
      expect([paid.status, code(paid)], origin).toEqual([403, 'cross_origin_refused']);
      const faults = await send('POST', '/_sim/faults', { host, origin, 'content-type': 'application/json' }, '{"count":1,"kind":"http500"}');
      expect(faults.status).toBe(403);
      const create = await send(
        'POST',
        '/v1/payment_intents',
        { host, origin, authorization: 'Bearer sk_test_x', 'content-type': 'application/x-www-form-urlencoded' },
        'amount=5000&currency=thb',
      );
      expect(create.status).toBe(403);
    }
    expect(t.sim.getPaymentIntent(pi.id)).toMatchObject({ status: 'requires_action' });
    expect((await send('GET', '/_sim/faults', { host })).json).toEqual({ pending: [] });
    expect((await send('GET', '/_sim/health', { host })).json).toMatchObject({ payment_intents: 1 });
  });

  it('lets the hosted test-payment page post to its own origin, directly or through the till’s /_sim forwarding', async () => {
    t = await startTestSim();
    const host = `127.0.0.1:${t.sim.port}`;
    const first = await t.stripe.paymentIntents.create(promptPayParams());
    const page = await send('GET', `/_sim/pay/${first.id}`, { host, origin: 'https://attacker.example' }); // reading is harmless
    expect(page.status).toBe(200);
    expect((await send('POST', `/_sim/payment_intents/${first.id}/succeed`, { host, origin: `http://${host}` })).status).toBe(200);

    // The till forwards /_sim/* from its own origin and says so in X-Forwarded-Host.
    const second = await t.stripe.paymentIntents.create(promptPayParams());
    const forwarded = await send('POST', `/_sim/payment_intents/${second.id}/fail`, {
      host,
      origin: 'http://127.0.0.1:4300',
      'x-forwarded-host': '127.0.0.1:4300',
    });
    expect(forwarded.status).toBe(200);
    // Clients that are not browsers send no Origin (the SDK, curl, tests).
    const third = await t.stripe.paymentIntents.create(promptPayParams());
    expect((await send('POST', `/_sim/payment_intents/${third.id}/expire`, { host })).status).toBe(200);
  });
});

describe('webhook endpoints registered over HTTP stay on this machine (SSRF)', () => {
  it('refuses non-loopback URLs through /_sim, on create and on update', async () => {
    t = await startTestSim();
    const host = `127.0.0.1:${t.sim.port}`;
    const json = { host, 'content-type': 'application/json' };
    for (const url of ['http://169.254.169.254/latest/meta-data', 'https://hooks.example.com/x', 'http://10.0.0.1:4300/payments/webhook', 'http://localhost.example.com/']) {
      const res = await send('POST', '/_sim/webhook_endpoints', json, JSON.stringify({ url }));
      expect([res.status, code(res)], url).toEqual([400, 'url_invalid']);
    }
    expect(t.sim.webhooks.list()).toEqual([]);
    for (const url of ['http://127.0.0.1:4300/payments/webhook', 'http://localhost:4400/stripe/webhook', 'http://[::1]:4300/payments/webhook']) {
      expect((await send('POST', '/_sim/webhook_endpoints', json, JSON.stringify({ url }))).status, url).toBe(200);
    }
    const [endpoint] = t.sim.webhooks.list();
    const moved = await send('POST', `/_sim/webhook_endpoints/${endpoint.id}`, json, JSON.stringify({ url: 'https://hooks.example.com/x' }));
    expect(moved.status).toBe(400);
    expect(t.sim.webhooks.list()[0].url).toBe(endpoint.url);
    // The operator, in code (or SIM_WEBHOOK_URL), may point anywhere: that is configuration, not a request.
    expect(t.sim.webhooks.add({ url: 'https://relay.example.com/stripe/webhook' }).url).toBe('https://relay.example.com/stripe/webhook');
  });
});
