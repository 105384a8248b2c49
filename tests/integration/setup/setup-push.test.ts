// Webhook signing secret and relay in setup: the environment's rules with a problem code each, a look
// at a real relay (reachable? does it take this till's token?), kept with the host's keeper and never
// handed back (the status only says whether each is set).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SetupStatus } from '../../../shared/setup';
import { RelayHarness, TOKEN_OWN } from '../../relay/relay-fixture';
import { closedPort, everythingWritten, refusal, useSetupTills, value } from './setup-support';

vi.setConfig({ testTimeout: 60_000 });

const setup = useSetupTills();
const relays = new RelayHarness();
afterEach(() => relays.cleanup());

const WEBHOOK_SECRET = 'whsec_setupPushSecret0123456789';

describe('setup.savePush refusals', () => {
  it.each([
    [{ webhookSecret: 'sk_test_notASigningSecret01' }, 'webhook_secret_shape', 'webhookSecret'],
    [{ webhookSecret: `${WEBHOOK_SECRET},rolling-not-a-secret` }, 'webhook_secret_shape', 'webhookSecret'],
    [{ webhookSecret: WEBHOOK_SECRET, relayUrl: 'http://example.com', relayToken: 'till-token-0001' }, 'relay_url', 'relayUrl'],
    [{ webhookSecret: WEBHOOK_SECRET, relayUrl: 'not a url', relayToken: 'till-token-0001' }, 'relay_url', 'relayUrl'],
    [{ webhookSecret: WEBHOOK_SECRET, relayUrl: 'https://relay.example.com' }, 'relay_token_missing', 'relayToken'],
    [{ relayUrl: 'https://relay.example.com', relayToken: 'till-token-0001' }, 'relay_needs_webhook_secret', 'webhookSecret'],
  ] as const)('%j is %s', async (input, problem, field) => {
    const till = await setup.till();
    const error = await refusal(till.core, 'setup.savePush', input, till.owner);
    expect(error).toMatchObject({ code: 'invalid_input', field, details: { setupProblem: problem } });
    expect(JSON.stringify(error)).not.toContain(WEBHOOK_SECRET);
    expect(JSON.stringify(error)).not.toContain('till-token-0001');
    const status = await value<SetupStatus>(till.core, 'setup.status', {}, till.owner);
    expect(status).toMatchObject({ webhookSecretSet: false, relay: { url: null, tokenSet: false }, restartPending: false });
  });

  it('says the relay is unreachable when nothing answers at its address', async () => {
    const till = await setup.till();
    const input = { webhookSecret: WEBHOOK_SECRET, relayUrl: `http://127.0.0.1:${await closedPort()}`, relayToken: TOKEN_OWN };
    const error = await refusal(till.core, 'setup.savePush', input, till.owner);
    expect(error).toMatchObject({ code: 'invalid_input', field: 'relayUrl', details: { setupProblem: 'relay_unreachable' } });
    expect(till.keeper.read('relay_token')).toBeNull();
  });

  it("says the relay refused a token it does not know", async () => {
    const relay = await relays.start();
    const till = await setup.till();
    const error = await refusal(till.core, 'setup.savePush', { webhookSecret: WEBHOOK_SECRET, relayUrl: relay.url, relayToken: 'not-a-till-token-of-this-relay' }, till.owner);
    expect(error).toMatchObject({ code: 'invalid_input', field: 'relayToken', details: { setupProblem: 'relay_refused' } });
    expect(JSON.stringify(error)).not.toContain('not-a-till-token-of-this-relay');
  });
});

describe('setup.savePush', () => {
  it('keeps the webhook secret and a relay that takes the token; the status says only that they are set', async () => {
    const relay = await relays.start();
    const till = await setup.till();
    const saved = await value<SetupStatus>(till.core, 'setup.savePush', { webhookSecret: ` ${WEBHOOK_SECRET} `, relayUrl: relay.url, relayToken: TOKEN_OWN }, till.owner);
    expect(saved).toMatchObject({ webhookSecretSet: true, relay: { url: `${relay.url}/`, tokenSet: true }, restartPending: true });
    expect(till.keeper.read('stripe_webhook_secret')).toBe(WEBHOOK_SECRET);
    expect(till.keeper.read('relay_token')).toBe(TOKEN_OWN);
    // Removing the relay removes its token; the webhook secret stays (undefined keeps what is set).
    const removed = await value<SetupStatus>(till.core, 'setup.savePush', { relayUrl: null }, till.owner);
    expect(removed).toMatchObject({ webhookSecretSet: true, relay: { url: null, tokenSet: false } });
    expect(till.keeper.read('relay_token')).toBeNull();
    const audit = await value(till.core, 'audit.list', { limit: 10 }, till.owner);
    for (const secret of [WEBHOOK_SECRET, TOKEN_OWN]) {
      expect(JSON.stringify([saved, removed, audit])).not.toContain(secret);
      expect(everythingWritten(till)).not.toContain(secret);
    }
  });

  it('accepts two signing secrets while one is rolled', async () => {
    const till = await setup.till();
    const both = 'whsec_setupNewSecret00000001,whsec_setupOldSecret00000001';
    await value(till.core, 'setup.savePush', { webhookSecret: both }, till.owner);
    expect(till.keeper.read('stripe_webhook_secret')).toBe(both);
  });
});

describe('setup.complete', () => {
  it('marks the wizard finished in the ledger and says so', async () => {
    const till = await setup.till();
    expect((await value<SetupStatus>(till.core, 'setup.status', {}, till.owner)).completed).toBe(false);
    const events: string[] = [];
    till.core.subscribe((event) => events.push(event.type));
    expect(await value<SetupStatus>(till.core, 'setup.complete', {}, till.owner)).toMatchObject({ completed: true, restartPending: false });
    expect(events).toContain('setup.updated');
  });
});
