import { afterEach, describe, expect, it } from 'vitest';
import { parseRelayEnv, RelayConfigError } from '../../relay/index';
import { ACCOUNT_A, RelayHarness, SECRET, TOKEN_ANY, deliver } from './relay-fixture';
import { openSse } from './sse-client';

const harness = new RelayHarness();
afterEach(() => harness.cleanup());

describe('GET /health', () => {
  it('reports counts without authentication and without secrets', async () => {
    const relay = await harness.start();
    const empty = await (await fetch(`${relay.url}/health`)).json();
    expect(empty).toEqual({ ok: true, events: 0, lastEventAt: null, clients: 0 });

    await deliver(relay, harness.clock, { id: 'evt_health' });
    const till = await openSse(`${relay.url}/events`, { token: TOKEN_ANY });
    await till.next();
    const response = await fetch(`${relay.url}/health`);
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(JSON.parse(text)).toEqual({
      ok: true,
      events: 1,
      lastEventAt: new Date(harness.clock.ms).toISOString(),
      clients: 1,
    });
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN_ANY);
    till.close();
  });
});

describe('graceful close', () => {
  it('ends open till streams promptly, then refuses connections', async () => {
    const relay = await harness.start();
    const tills = await Promise.all([1, 2, 3].map(() => openSse(`${relay.url}/events`, { token: TOKEN_ANY })));
    await Promise.all(tills.map((till) => till.comment('connected')));

    const started = performance.now();
    await relay.close();
    await Promise.all(tills.map((till) => till.ended));

    expect(performance.now() - started).toBeLessThan(1_000);
    await expect(fetch(`${relay.url}/health`)).rejects.toThrow('fetch failed');
    await relay.close(); // a second close is harmless
  });
});

describe('parseRelayEnv', () => {
  const base = { STRIPE_WEBHOOK_SECRET: 'whsec_one', RELAY_TILL_TOKENS: TOKEN_ANY };

  it('applies safe defaults: loopback, port 4400, ./relay-data, 7 days', () => {
    const options = parseRelayEnv(base);
    expect(options).toMatchObject({
      host: '127.0.0.1',
      port: 4400,
      retentionDays: 7,
      webhookSecrets: ['whsec_one'],
      tillTokens: [{ token: TOKEN_ANY, account: null }],
    });
    expect(options.dataDir).toMatch(/relay-data$/);
  });

  it('reads rotated secrets and tokens bound to an account', () => {
    const options = parseRelayEnv({
      ...base,
      STRIPE_WEBHOOK_SECRET: 'whsec_old, whsec_new',
      RELAY_TILL_TOKENS: `${TOKEN_ANY}, till-token-for-shop-a-0009@${ACCOUNT_A}`,
      RELAY_HOST: '0.0.0.0',
      RELAY_PORT: '8080',
      RELAY_DATA_DIR: '/var/lib/chamra-relay',
      RELAY_RETENTION_DAYS: '14',
    });
    expect(options).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      dataDir: '/var/lib/chamra-relay',
      retentionDays: 14,
      webhookSecrets: ['whsec_old', 'whsec_new'],
      tillTokens: [
        { token: TOKEN_ANY, account: null },
        { token: 'till-token-for-shop-a-0009', account: ACCOUNT_A },
      ],
    });
  });

  it('refuses a missing secret, missing or weak tokens and a bad account without echoing them', () => {
    const bad: Record<string, string>[] = [
      { RELAY_TILL_TOKENS: TOKEN_ANY },
      { STRIPE_WEBHOOK_SECRET: 'whsec_one' },
      { ...base, RELAY_TILL_TOKENS: 'short-secret' },
      { ...base, RELAY_TILL_TOKENS: `${TOKEN_ANY}@not-an-account` },
      { ...base, RELAY_TILL_TOKENS: `${TOKEN_ANY},${TOKEN_ANY}` },
      { ...base, RELAY_PORT: 'http' },
      { ...base, RELAY_RETENTION_DAYS: '0' },
    ];
    for (const env of bad) {
      let error: unknown;
      try {
        parseRelayEnv(env);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(RelayConfigError);
      expect((error as Error).message).not.toContain('short-secret');
      expect((error as Error).message).not.toContain(TOKEN_ANY);
    }
  });
});
