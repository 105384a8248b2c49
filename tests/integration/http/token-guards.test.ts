// The bearer-token APIs (/payments and /reports) behind the same guards (regression: /reports/daily was
// treated as a static file, so it skipped the Origin check and the rate limit, and a POS_API_TOKEN could
// be guessed there — or on /payments — as fast as requests could be sent).
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMIT, MAX_WRONG_TOKENS } from '../../../electron/core/http/request-guards';
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
    const target = await till({ rateLimit: DEFAULT_RATE_LIMIT });
    const statuses = await Promise.all(
      Array.from({ length: 60 }, () => fetch(`${target.url}/reports/daily?date=${today()}`, { headers: bearer(TEST_API_TOKEN) }).then(async (r) => {
        await r.body?.cancel();
        return r.status;
      })),
    );
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(DEFAULT_RATE_LIMIT.burst);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  });
});

describe('wrong bearer tokens', () => {
  it(`lock the caller out of /payments and /reports after ${MAX_WRONG_TOKENS}, even with the right token then`, async () => {
    const target = await till();
    const guesses = Array.from({ length: MAX_WRONG_TOKENS }, (_, i) => `guess-${i}-0000000000`);
    for (const [i, guess] of guesses.entries()) {
      // Spread over both APIs and with no token at all: every one counts.
      const response = i % 3 === 0
        ? await fetch(`${target.url}/reports/daily?date=${today()}`, { headers: bearer(guess) })
        : i % 3 === 1
          ? await fetch(`${target.url}/payments/pi_doesnotexist`, { headers: bearer(guess) })
          : await fetch(`${target.url}/payments/intents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"amount":5000}' });
      expect(response.status, guess).toBe(401);
      await response.body?.cancel();
    }

    const locked = await fetch(`${target.url}/payments/intents`, {
      method: 'POST',
      headers: { ...bearer(TEST_API_TOKEN), 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 5000 }),
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(250);
    expect((await jsonOf(locked)).error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/wrong API token.*try again in 5 min/) });
    const report = await fetch(`${target.url}/reports/daily?date=${today()}`, { headers: bearer(TEST_API_TOKEN) });
    expect(report.status).toBe(429);
    await report.body?.cancel();
    // Nothing was charged.
    expect((await target.core.dispatch('sales.current', {}, { transport: 'ipc' }))).toMatchObject({ ok: true, value: null });
  });

  it('do not count the right token, or webhook deliveries', async () => {
    const target = await till();
    for (let i = 0; i < MAX_WRONG_TOKENS * 2; i++) {
      const ok = await fetch(`${target.url}/reports/daily?date=${today()}`, { headers: bearer(TEST_API_TOKEN) });
      expect(ok.status).toBe(200);
      await ok.body?.cancel();
      const webhook = await rawRequest(target.url, { method: 'POST', path: '/payments/webhook', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(webhook.status).not.toBe(429);
    }
    for (let i = 0; i < MAX_WRONG_TOKENS - 1; i++) {
      const wrong = await fetch(`${target.url}/payments/pi_x`, { headers: bearer('wrong-token-000000') });
      expect(wrong.status).toBe(401);
      await wrong.body?.cancel();
    }
    const right = await fetch(`${target.url}/payments/pi_doesnotexist`, { headers: bearer(TEST_API_TOKEN) });
    expect(right.status).toBe(404);
  });
});
