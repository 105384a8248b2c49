// The bearer-token APIs (/payments and /reports) behind the same guards (regression: /reports/daily was
// treated as a static file, so it skipped the Origin check and the rate limit, and a POS_API_TOKEN could
// be guessed there — or on /payments — as fast as requests could be sent).
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_GUESSED_TOKENS, MAX_WRONG_TOKENS } from '../../../electron/core/http/bearer-token';
import { jsonOf, rawRequest, startTestTill, TEST_API_TOKEN, type TestTill } from './http-test-till';

const tills: TestTill[] = [];
afterEach(async () => {
  await Promise.all(tills.splice(0).map((t) => t.close()));
});

async function till(options: Parameters<typeof startTestTill>[0] = {}): Promise<TestTill> {
  const started = await startTestTill({ signedIn: false, ...options });
  tills.push(started);
  return started;
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(Date.now());
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('/reports/daily', () => {
  it('refuses a cross-origin request, as the other APIs do', async () => {
    const target = await till();
    const path = `/reports/daily?date=${today()}`;
    const foreign = await rawRequest(target.url, { path, headers: { ...bearer(TEST_API_TOKEN), origin: 'http://attacker.example' } });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.code).toBe('forbidden');
    expect((await rawRequest(target.url, { path, headers: bearer(TEST_API_TOKEN) })).status).toBe(200);
  });

  it('is rate-limited like /api and /payments', async () => {
    const limit = { max: 40, windowMs: 60_000 };
    const target = await till({ rateLimit: { reports: limit } });
    const statuses = await Promise.all(
      Array.from({ length: 60 }, () => fetch(`${target.url}/reports/daily?date=${today()}`, { headers: bearer(TEST_API_TOKEN) }).then(async (r) => {
        await r.body?.cancel();
        return r.status;
      })),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(limit.max);
    expect(statuses.filter((s) => s === 429)).toHaveLength(60 - limit.max);
  });
});

async function status(response: Promise<Response>): Promise<number> {
  const answered = await response;
  await answered.body?.cancel();
  return answered.status;
}

const rightToken = (target: TestTill, path = '/payments/pi_doesnotexist') => status(fetch(`${target.url}${path}`, { headers: bearer(TEST_API_TOKEN) }));

describe('wrong bearer tokens', () => {
  it('are never counted when a request presents no token: a page\'s <img> flood cannot lock the integration out', async () => {
    const target = await till();
    // What a page in another tab can send to 127.0.0.1: no Authorization header (or Basic from a URL).
    for (let i = 0; i < MAX_GUESSED_TOKENS + 5; i++) {
      expect(await status(fetch(`${target.url}/payments/pi_x${i}`))).toBe(401);
      expect(await status(fetch(`${target.url}/reports/daily?date=${today()}`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } }))).toBe(401);
    }
    expect(await rightToken(target)).toBe(404);
    expect(await rightToken(target, `/reports/daily?date=${today()}`)).toBe(200);
  });

  it('cannot be sent by a page in another tab: the CORS preflight for an Authorization header is never granted', async () => {
    const target = await till();
    const preflight = await rawRequest(target.url, {
      method: 'OPTIONS',
      path: '/payments/intents',
      headers: { origin: 'http://attacker.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    expect(Object.keys(preflight.headers).filter((name) => name.startsWith('access-control-allow'))).toEqual([]);
  });

  it(`lock one wrong token after ${MAX_WRONG_TOKENS} tries from an address, and only that token`, async () => {
    const target = await till();
    for (let i = 0; i < MAX_WRONG_TOKENS; i++) {
      // Spread over both APIs and an encoded path: the lockout decides on the route, not the raw URL.
      const path = [`/reports/daily?date=${today()}`, '/payments/pi_doesnotexist', '/p%61yments/pi_doesnotexist'][i % 3];
      expect(await status(fetch(`${target.url}${path}`, { headers: bearer('stale-token-0000000000') })), path).toBe(401);
    }
    const locked = await fetch(`${target.url}/p%61yments/pi_doesnotexist`, { headers: bearer('stale-token-0000000000') });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(250);
    expect((await jsonOf(locked)).error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/wrong API token.*try again in 5 min/) });
    // The right token is another key: it works on.
    expect(await rightToken(target)).toBe(404);
  });

  it(`lock the address after ${MAX_GUESSED_TOKENS} different wrong tokens (guessing), even for the right token`, async () => {
    const target = await till();
    for (let i = 0; i < MAX_GUESSED_TOKENS; i++) {
      const path = i % 2 === 0 ? '/payments/pi_doesnotexist' : '/rep%6frts/daily';
      expect(await status(fetch(`${target.url}${path}`, { headers: bearer(`guess-${i}-0000000000`) }))).toBe(401);
    }
    const locked = await fetch(`${target.url}/payments/intents`, {
      method: 'POST',
      headers: { ...bearer(TEST_API_TOKEN), 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 5000 }),
    });
    expect(locked.status).toBe(429);
    expect((await jsonOf(locked)).error.code).toBe('rate_limited');
    // Nothing was charged.
    expect((await target.core.dispatch('sales.current', {}, { transport: 'ipc' }))).toMatchObject({ ok: true, value: null });
  });

  it('do not count the right token, or webhook deliveries', async () => {
    const target = await till();
    for (let i = 0; i < MAX_WRONG_TOKENS * 2; i++) {
      expect(await rightToken(target, `/reports/daily?date=${today()}`)).toBe(200);
      const webhook = await rawRequest(target.url, { method: 'POST', path: '/payments/webhook', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(webhook.status).not.toBe(429);
    }
    for (let i = 0; i < MAX_WRONG_TOKENS - 1; i++) {
      expect(await status(fetch(`${target.url}/payments/pi_x`, { headers: bearer('wrong-token-000000') }))).toBe(401);
    }
    expect(await status(fetch(`${target.url}/payments/pi_x`, { headers: bearer('wrong-token-000000') }))).toBe(401);
    expect(await rightToken(target)).toBe(404);
  });
});
