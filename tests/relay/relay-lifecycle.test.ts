import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RELAY_EVENT_TYPES, parseRelayEnv, RelayConfigError } from '../../relay/index';
import { ACCOUNT_A, HEALTH_TOKEN, RelayHarness, SECRET, TOKEN_OWN, deliver } from './relay-fixture';
import { openSse } from './sse-client';

const harness = new RelayHarness();
afterEach(() => harness.cleanup());

describe('GET /health', () => {
  it('answers liveness to anyone, with nothing about activity', async () => {
    const relay = await harness.start();
    await deliver(relay, harness.clock, { id: 'evt_health' });
    const response = await fetch(`${relay.url}/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('reports counts to the health token only (not to a till token), without secrets', async () => {
    const relay = await harness.start();
    const details = async (token: string) => fetch(`${relay.url}/health`, { headers: { authorization: `Bearer ${token}` } });
    expect(await (await details(HEALTH_TOKEN)).json()).toEqual({ ok: true, events: 0, lastEventAt: null, clients: 0 });

    await deliver(relay, harness.clock, { id: 'evt_health' });
    const till = await openSse(`${relay.url}/events`, { token: TOKEN_OWN });
    await till.next();
    const response = await details(HEALTH_TOKEN);
    const text = await response.text();
    const asTill = await details(TOKEN_OWN);

    expect(response.status).toBe(200);
    expect(JSON.parse(text)).toEqual({
      ok: true,
      events: 1,
      lastEventAt: new Date(harness.clock.ms).toISOString(),
      clients: 1,
    });
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN_OWN);
    expect(asTill.status).toBe(401);
    expect(await asTill.json()).toMatchObject({ error: 'unauthorized' });
    till.close();
  });

  it('has no details at all when no health token is configured', async () => {
    const relay = await harness.start({ healthToken: null });
    const response = await fetch(`${relay.url}/health`, { headers: { authorization: `Bearer ${HEALTH_TOKEN}` } });
    expect(response.status).toBe(401);
  });
});

describe('graceful close', () => {
  it('ends open till streams promptly, then refuses connections', async () => {
    const relay = await harness.start();
    const tills = await Promise.all([1, 2, 3].map(() => openSse(`${relay.url}/events`, { token: TOKEN_OWN })));
    await Promise.all(tills.map((till) => till.comment('connected')));

    // These tills never hang up by themselves: if close() waited on their streams, it would never resolve.
    await relay.close();
    await Promise.all(tills.map((till) => till.ended));

    await expect(fetch(`${relay.url}/health`)).rejects.toThrow('fetch failed');
    await relay.close(); // a second close is harmless
  });
});

describe('parseRelayEnv', () => {
  const base = { STRIPE_WEBHOOK_SECRET: 'whsec_one', RELAY_TILL_TOKENS: TOKEN_OWN };

  it('applies safe defaults: loopback, port 4400, ./relay-data, 7 days, payment and refund events, 3 streams a token, no health details', () => {
    const options = parseRelayEnv(base);
    expect(options).toMatchObject({
      host: '127.0.0.1',
      port: 4400,
      retentionDays: 7,
      webhookSecrets: ['whsec_one'],
      tillTokens: [{ token: TOKEN_OWN, account: null, livemode: null }],
      eventTypes: [...DEFAULT_RELAY_EVENT_TYPES],
      maxStreamsPerToken: 3,
      healthToken: null,
    });
    expect(options.dataDir).toMatch(/relay-data$/);
  });

  it('reads rotated secrets and tokens bound to an account', () => {
    const options = parseRelayEnv({
      ...base,
      STRIPE_WEBHOOK_SECRET: 'whsec_old, whsec_new',
      RELAY_TILL_TOKENS: `${TOKEN_OWN}:live, till-token-for-shop-a-0009@${ACCOUNT_A}, till-token-for-shop-a-0010@${ACCOUNT_A}:test`,
      RELAY_HEALTH_TOKEN: 'health-token-for-uptime-0011',
      RELAY_EVENT_TYPES: 'payment_intent.succeeded, refund.*',
      RELAY_MAX_STREAMS_PER_TOKEN: '5',
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
        { token: TOKEN_OWN, account: null, livemode: true },
        { token: 'till-token-for-shop-a-0009', account: ACCOUNT_A, livemode: null },
        { token: 'till-token-for-shop-a-0010', account: ACCOUNT_A, livemode: false },
      ],
      healthToken: 'health-token-for-uptime-0011',
      eventTypes: ['payment_intent.succeeded', 'refund.*'],
      maxStreamsPerToken: 5,
    });
  });

  it('reads RELAY_DATABASE_URL for the PostgreSQL event log; without it, the SQLite default', () => {
    expect(parseRelayEnv(base).databaseUrl).toBeNull();
    const options = parseRelayEnv({
      ...base,
      RELAY_DATABASE_URL: ' postgres://relay:pw-0123@db.internal:5432/chamra_relay ',
      RELAY_DATABASE_POOL_SIZE: '25',
    });
    expect(options).toMatchObject({ databaseUrl: 'postgres://relay:pw-0123@db.internal:5432/chamra_relay', databasePoolSize: 25 });
    expect(parseRelayEnv({ ...base, RELAY_DATABASE_URL: 'postgresql://relay@db/relay' }).databaseUrl).toBe('postgresql://relay@db/relay');
  });

  it('refuses a database URL that is not postgres:// without echoing it (it may hold a password)', () => {
    for (const env of [
      { ...base, RELAY_DATABASE_URL: 'mysql://relay:pw-0123@db/relay' },
      { ...base, RELAY_DATABASE_URL: 'pw-0123' },
      { ...base, RELAY_DATABASE_URL: 'postgres://relay:pw-0123@db/relay', RELAY_DATABASE_POOL_SIZE: '1' },
    ]) {
      let error: unknown;
      try {
        parseRelayEnv(env);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(RelayConfigError);
      expect((error as Error).message).not.toContain('pw-0123');
    }
  });

  it('refuses a missing secret, missing or weak tokens and a bad account without echoing them', () => {
    const bad: Record<string, string>[] = [
      { RELAY_TILL_TOKENS: TOKEN_OWN },
      { STRIPE_WEBHOOK_SECRET: 'whsec_one' },
      { ...base, RELAY_TILL_TOKENS: 'short-secret' },
      { ...base, RELAY_TILL_TOKENS: `${TOKEN_OWN}@not-an-account` },
      { ...base, RELAY_TILL_TOKENS: `${TOKEN_OWN},${TOKEN_OWN}` },
      { ...base, RELAY_PORT: 'http' },
      { ...base, RELAY_RETENTION_DAYS: '0' },
      { ...base, RELAY_TILL_TOKENS: `${TOKEN_OWN}:production` },
      { ...base, RELAY_HEALTH_TOKEN: 'short-secret' },
      { ...base, RELAY_HEALTH_TOKEN: TOKEN_OWN },
      { ...base, RELAY_EVENT_TYPES: 'payment_intent.succeeded,Customer Created' },
      { ...base, RELAY_MAX_STREAMS_PER_TOKEN: '0' },
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
      expect((error as Error).message).not.toContain(TOKEN_OWN);
    }
  });
});
