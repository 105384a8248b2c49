// What every request must pass: the Host header (DNS rebinding), the Origin (browser CSRF), the
// client's address (off the till only the customer feed), and the rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sale } from '../../../shared/sale';
import { callPos, jsonOf, rawRequest, startTestTill, TEST_API_TOKEN, type TestTill } from './http-test-till';
import { openEventStream } from './sse-reader';
import { nonLoopbackIPv4 } from '../../support/lan-address';
import { createHttpTransport } from '../../../renderer/transport/http-transport';

let till: TestTill;
beforeAll(async () => {
  till = await startTestTill();
});
afterAll(async () => {
  await till?.close();
});

async function saleCount(target: TestTill = till): Promise<number> {
  const { body } = await callPos<Sale[]>(target, 'sales.list', { limit: 500 });
  return body.value.length;
}

function postJson(target: TestTill, path: string, body: unknown, headers: Record<string, string> = {}) {
  return rawRequest(target.url, {
    method: 'POST',
    path,
    // With the signed-in client's cookie, so only the guard under test can refuse the request.
    headers: { 'content-type': 'application/json', ...(target.cookie ? { cookie: target.cookie } : {}), ...headers },
    body: JSON.stringify(body),
  });
}

describe('Host header', () => {
  it.each(['127.0.0.1', 'localhost', '[::1]'])('answers to %s on its own port', async (hostname) => {
    const response = await postJson(till, '/api/pos/app.info', {}, { host: `${hostname}:${till.server.port}` });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).ok).toBe(true);
  });

  it.each([
    ['a foreign name (DNS rebinding)', (port: number) => `attacker.example:${port}`],
    ['the right name on another port', () => '127.0.0.1:1'],
    ['no port (port 80)', () => 'localhost'],
  ])('refuses %s with 421 and runs nothing', async (_name, host) => {
    const before = await saleCount();
    const response = await postJson(till, '/api/pos/sales.charge', { amount: 5000 }, { host: host(till.server.port) });
    expect(response.status).toBe(421);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await saleCount()).toBe(before);
  });

  it('refuses a foreign Host on the REST API and the screens too', async () => {
    const host = `attacker.example:${till.server.port}`;
    expect((await postJson(till, '/payments/intents', { amount: 5000 }, { host, authorization: `Bearer ${TEST_API_TOKEN}` })).status).toBe(421);
    expect((await rawRequest(till.url, { path: '/cashier/', headers: { host } })).status).toBe(421);
  });
});

describe('Origin header', () => {
  it('refuses a cross-origin POST to the PosApi with 403 and creates no sale', async () => {
    const before = await saleCount();
    const response = await postJson(till, '/api/pos/sales.charge', { amount: 5000 }, { origin: 'http://attacker.example' });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await saleCount()).toBe(before);
  });

  it('refuses an opaque "null" origin (sandboxed frames, file pages)', async () => {
    const response = await postJson(till, '/api/pos/sales.list', {}, { origin: 'null' });
    expect(response.status).toBe(403);
  });

  it('refuses the same host on another port as cross-origin', async () => {
    const response = await postJson(till, '/api/pos/sales.list', {}, { origin: 'http://127.0.0.1:1' });
    expect(response.status).toBe(403);
  });

  it('accepts a same-origin POST, as the renderer sends', async () => {
    const response = await postJson(till, '/api/pos/sales.list', {}, { origin: till.url });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).ok).toBe(true);
  });
});

describe('rate limit', () => {
  // A minute-long window: the test decides what lands in it, not the machine's speed.
  const limits = { max: 40, windowMs: 60_000 };
  const postApp = (target: TestTill, cookie?: string) =>
    fetch(`${target.url}/api/pos/app.info`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: '{}' });
  const getPayment = (target: TestTill) => fetch(`${target.url}/payments/pi_doesnotexist`, { headers: { authorization: `Bearer ${TEST_API_TOKEN}` } });

  it('answers 429 rate_limited once a client bursts past its limit, each route family and client on its own', async () => {
    const limited = await startTestTill({ rateLimit: { pos: limits, rest: limits }, signedIn: false });
    try {
      // New clients (no cookie yet) from one address share one bucket: dropping the cookie buys nothing.
      const statuses = await Promise.all(Array.from({ length: 60 }, () => postApp(limited).then((r) => r.status)));
      expect(statuses.filter((status) => status === 200)).toHaveLength(40);
      expect(statuses.filter((status) => status === 429)).toHaveLength(20);
      const refused = await postApp(limited);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await jsonOf<{ ok: boolean; error: { code: string } }>(refused))).toMatchObject({ ok: false, error: { code: 'rate_limited' } });

      // The integration's own bucket is untouched by the screens' burst …
      const rest = await getPayment(limited);
      expect(rest.status).toBe(404);
      await rest.body?.cancel();
    } finally {
      await limited.close();
    }
  });

  it('says when it will listen again, and the screens\' transport waits that long and asks again instead of showing an error', async () => {
    const window = { max: 5, windowMs: 400 };
    const limited = await startTestTill({ rateLimit: { pos: window }, signedIn: false });
    try {
      const burst = await Promise.all(Array.from({ length: 6 }, () => postApp(limited)));
      const refused = burst.filter((response) => response.status === 429);
      expect(refused).toHaveLength(1);
      const { error } = await jsonOf<{ error: { code: string; details?: { retryAfterMs?: number } } }>(refused[0]);
      expect(error.code).toBe('rate_limited');
      expect(error.details?.retryAfterMs).toBeGreaterThan(0);
      expect(error.details?.retryAfterMs).toBeLessThanOrEqual(window.windowMs);
      await Promise.all(burst.filter((response) => response.status === 200).map((response) => response.body?.cancel()));

      // Eight calls into a window that is already spent: every one is answered, none shows the error.
      const transport = createHttpTransport({ baseUrl: limited.url });
      const results = await Promise.all(Array.from({ length: 8 }, () => transport.call('app.info', {})));
      expect(results.filter((result) => !result.ok)).toEqual([]);
    } finally {
      await limited.close();
    }
  });

  it('never lets a busy integration starve the cashier\'s screens on the same address', async () => {
    const limited = await startTestTill({ rateLimit: { pos: limits, rest: limits } });
    try {
      const statuses = await Promise.all(Array.from({ length: 60 }, () => getPayment(limited).then(async (r) => {
        await r.body?.cancel();
        return r.status;
      })));
      expect(statuses.filter((status) => status === 429)).toHaveLength(20);
      // The signed-in screen (its own cookie) still gets through.
      expect((await callPos(limited, 'sales.list', {})).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('clients off the till', () => {
  const address = nonLoopbackIPv4();

  it.skipIf(address === null)('may pair as a customer display and read its feed, and nothing else', async () => {
    const lan = await startTestTill({ host: '0.0.0.0' });
    try {
      const base = `http://${address}:${lan.server.port}`;
      const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        rawRequest(base, { method: 'POST', path, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

      // Unpaired: the feed answers 401 (pairing comes first; tests/integration/displays covers it).
      expect((await post('/api/pos/app.info', {})).status).toBe(401);
      expect((await post('/api/pos/sales.current', {})).status).toBe(401);
      expect((await post('/api/pos/displays.pair', { code: '000000' })).status).toBe(401);
      const stream = await openEventStream(`${base}/api/pos/events`);
      expect(stream.response.status).toBe(401);
      stream.close();

      const before = await saleCount(lan);
      for (const [path, body] of [
        ['/api/pos/sales.charge', { amount: 5000 }],
        ['/api/pos/sales.list', {}],
        ['/api/pos/sales.cancel', { saleId: 'sale_abcdefgh12' }],
      ] as const) {
        const response = await post(path, body);
        expect(response.status, path).toBe(403);
        expect(JSON.parse(response.body).error.code).toBe('forbidden');
      }
      expect((await post('/payments/intents', { amount: 5000 }, { authorization: `Bearer ${TEST_API_TOKEN}` })).status).toBe(403);
      expect((await rawRequest(base, { method: 'POST', path: '/_sim/stats/reset' })).status).toBe(403);
      expect(await saleCount(lan)).toBe(before);

      // The same server still serves the till itself over loopback.
      expect((await callPos(lan, 'sales.list', {})).status).toBe(200);
    } finally {
      await lan.close();
    }
  });
});
