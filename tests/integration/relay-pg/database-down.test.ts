// When PostgreSQL is unreachable the relay never says 200 for a webhook it could not commit: Stripe
// gets a 500 and retries. Its answer and its log name no credential, and the process stays up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelayHandle } from '../../../relay/index';
import { postWebhook, sign, stripeEventBody } from '../../relay/relay-fixture';
import { CLUSTER_START_TIMEOUT_MS, PgRelayHarness } from './pg-relay-harness';

const harness = new PgRelayHarness();
const logs: string[] = [];
let relay: RelayHandle;

beforeAll(async () => {
  await harness.startCluster();
  await harness.freshDatabase();
  // Trust authentication ignores the password, so it can stand for a real one here.
  const withPassword = harness.databaseUrl.replace('postgres@', 'postgres:s3cret-db-pw@');
  relay = await harness.startInstance({ databaseUrl: withPassword, log: (message) => logs.push(message) });
}, CLUSTER_START_TIMEOUT_MS);
afterAll(async () => {
  await harness.cleanup();
  await harness.stopCluster();
}, CLUSTER_START_TIMEOUT_MS);

describe('PostgreSQL unreachable', () => {
  it('answers Stripe 500 (so Stripe retries), never 200, and leaks no credential', async () => {
    const body = stripeEventBody({ id: 'evt_before_outage' });
    expect((await postWebhook(relay.url, body, sign(body, { timestamp: harness.clock.seconds() }))).status).toBe(200);

    await harness.stopCluster();
    const during = stripeEventBody({ id: 'evt_during_outage' });
    const answer = await postWebhook(relay.url, during, sign(during, { timestamp: harness.clock.seconds() }));

    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({ error: 'internal_error', message: 'The relay could not handle this request.' });
    expect((await fetch(`${relay.url}/health`)).status).toBe(200);
    expect(relay.storage).not.toContain('s3cret-db-pw');
    expect(JSON.stringify(answer.json)).not.toContain('s3cret-db-pw');
    for (const line of logs) expect(line).not.toContain('s3cret-db-pw');
  });
});
