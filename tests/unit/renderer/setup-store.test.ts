// The setup store: each refusal worded from the core's facts (never its English), the pasted key kept
// only until it is saved, and the webhook/relay form sending only what was typed.
import { describe, expect, it } from 'vitest';
import { en } from '../../../shared/i18n/en';
import { th } from '../../../shared/i18n/th';
import type { PosErrorBody } from '../../../shared/pos-error';
import { SETUP_PROBLEMS, type SetupStatus, type StripeConnectionTest } from '../../../shared/setup';
import { createSetupStore, setupRefusalMessage, setupRefusalOf } from '../../../renderer/state/setup-store';
import { refusalText } from '../../../renderer/cashier/setup/refusal-text';
import { translatorFor } from '../../../renderer/ui/translator';
import { createFakeTransport } from './fake-transport';

const STATUS: SetupStatus = {
  completed: false,
  stripe: { source: 'none', mode: 'demo', account: null, accountName: null },
  webhookSecretSet: false,
  relay: { url: null, tokenSet: false },
  secureStorage: true,
  restartPending: false,
};

const TESTED: StripeConnectionTest = {
  mode: 'test',
  keyKind: 'secret',
  account: 'acct_1Baan',
  accountName: 'Baan Kafe',
  country: 'TH',
  permissions: [{ label: 'PaymentIntents: Write', ok: true }],
  promptPay: 'active',
};

const refusedWith = (details: PosErrorBody['details'], code: PosErrorBody['code'] = 'invalid_input'): PosErrorBody => ({
  code,
  message: 'English words the screen must not parse',
  details,
});

describe('a refused setup step in the screen’s words', () => {
  it('has its own message for every problem, in Thai and English, and different in each', () => {
    for (const problem of SETUP_PROBLEMS) {
      const key = setupRefusalMessage(setupRefusalOf(refusedWith({ setupProblem: problem }))).key;
      expect(key).toBe(`setup.problem.${problem}`);
      expect(en[key], problem).toBeTruthy();
      expect(th[key], problem).toBeTruthy();
      expect(th[key]).not.toBe(en[key]);
    }
    const keys = SETUP_PROBLEMS.map((problem) => en[`setup.problem.${problem}`]);
    expect(new Set(keys).size).toBe(SETUP_PROBLEMS.length);
  });

  it('sits by the field it is about', () => {
    const fieldOf = (problem: (typeof SETUP_PROBLEMS)[number]) => setupRefusalOf(refusedWith({ setupProblem: problem })).field;
    expect(fieldOf('publishable_key')).toBe('secretKey');
    expect(fieldOf('missing_permissions')).toBe('secretKey');
    expect(fieldOf('webhook_secret_shape')).toBe('webhookSecret');
    expect(fieldOf('relay_url')).toBe('relayUrl');
    expect(fieldOf('relay_token_missing')).toBe('relayToken');
    expect(fieldOf('sale_in_progress')).toBe('general');
  });

  it('names the key’s mode and the chosen one for a key of the wrong mode, in each language', () => {
    const refusal = setupRefusalOf(refusedWith({ setupProblem: 'wrong_mode', keyMode: 'test' }), 'live');
    expect(refusalText(translatorFor('en'), refusal)).toBe('This is a Test key, but you chose Live. Choose Test, or paste a Live key.');
    expect(refusalText(translatorFor('th'), refusal)).toContain('คีย์นี้เป็นคีย์โหมดทดสอบ แต่คุณเลือกโหมดใช้งานจริง');
  });

  it('lists the permissions a restricted key lacks', () => {
    const refusal = setupRefusalOf(refusedWith({ setupProblem: 'missing_permissions', missingPermissions: ['Refunds: Write', 'Events: Read'] }));
    expect(refusalText(translatorFor('en'), refusal)).toContain('Refunds: Write, Events: Read');
    expect(refusalText(translatorFor('th'), refusal)).toContain('Refunds: Write, Events: Read');
  });

  it('says the publishable key is the wrong one and where the right one is', () => {
    const text = refusalText(translatorFor('en'), setupRefusalOf(refusedWith({ setupProblem: 'publishable_key' })));
    expect(text).toContain('pk_');
    expect(text).toContain('Developers → API keys');
  });

  it('says each live-key refusal by the key field with its own words: a test server set up, no shop email', () => {
    const testServer = setupRefusalOf(refusedWith({ setupProblem: 'live_key_test_server' }, 'conflict'), 'live');
    expect(testServer).toMatchObject({ kind: 'problem', problem: 'live_key_test_server', field: 'secretKey' });
    expect(refusalText(translatorFor('en'), testServer)).toContain('STRIPE_API_BASE');
    expect(refusalText(translatorFor('th'), testServer)).toContain('เซิร์ฟเวอร์ทดสอบ');
    const noEmail = setupRefusalOf(refusedWith({ setupProblem: 'live_needs_email' }, 'conflict'), 'live');
    expect(noEmail).toMatchObject({ kind: 'problem', problem: 'live_needs_email', field: 'secretKey' });
    expect(refusalText(translatorFor('en'), noEmail)).toContain('POS_SHOP_EMAIL');
    expect(refusalText(translatorFor('th'), noEmail)).toContain('อีเมลของร้าน');
  });

  it('words a refusal without a setup problem by its error code, never guessing one from the field', () => {
    const conflict = setupRefusalOf({ code: 'conflict', message: 'x', field: 'mode' });
    expect(conflict).toMatchObject({ kind: 'error', field: 'general' });
    expect(setupRefusalMessage(conflict).key).toBe('manager.error.conflict');
    const other = setupRefusalOf({ code: 'forbidden', message: 'x' });
    expect(other.kind).toBe('error');
    const unreachable = setupRefusalOf({ code: 'internal', message: 'x', unreachable: true });
    expect(setupRefusalMessage(unreachable).key).toBe('error.till_unreachable');
  });
});

describe('the pasted key', () => {
  it('is tested, then saved, then gone from the screen; the status says what is set', async () => {
    const transport = createFakeTransport();
    transport.handle('setup.testStripe', () => ({ ok: true, value: TESTED }));
    transport.handle('setup.saveStripe', () => ({ ok: true, value: { ...STATUS, stripe: { ...STATUS.stripe, source: 'settings' }, restartPending: true } }));
    const store = createSetupStore({ transport });
    store.getState().setMode('test');
    store.getState().setSecretKey('  sk_test_abc  ');
    expect(await store.getState().testKey()).toBe(true);
    expect(store.getState().tested).toEqual(TESTED);
    expect(await store.getState().saveKey()).toBe(true);
    expect(transport.callsOf('setup.saveStripe')).toEqual([{ secretKey: 'sk_test_abc', mode: 'test' }]);
    expect(store.getState()).toMatchObject({ secretKey: '', tested: null, stripeNote: 'saved' });
    expect(store.getState().status?.restartPending).toBe(true);
    expect(JSON.stringify(store.getState())).not.toContain('sk_test_abc');
  });

  it('shows a live key refused on saving by the key field, keeping what was typed', async () => {
    const transport = createFakeTransport();
    transport.handle('setup.saveStripe', () => ({ ok: false, error: { code: 'conflict', message: 'English', field: 'secretKey', details: { setupProblem: 'live_needs_email' } } }));
    const store = createSetupStore({ transport });
    store.getState().setMode('live');
    store.getState().setSecretKey('sk_live_abcdefgh1234');
    expect(await store.getState().saveKey()).toBe(false);
    expect(store.getState()).toMatchObject({ refusal: { problem: 'live_needs_email', field: 'secretKey' }, refusalFor: 'stripe', secretKey: 'sk_live_abcdefgh1234', stripeNote: null });
  });

  it('keeps the key typed when Stripe refuses it, with the refusal by the key field', async () => {
    const transport = createFakeTransport();
    transport.handle('setup.testStripe', () => ({ ok: false, error: refusedWith({ setupProblem: 'key_rejected' }) }));
    const store = createSetupStore({ transport });
    store.getState().setSecretKey('sk_test_typo');
    expect(await store.getState().testKey()).toBe(false);
    expect(store.getState().refusal).toMatchObject({ kind: 'problem', problem: 'key_rejected', field: 'secretKey' });
    expect(store.getState().secretKey).toBe('sk_test_typo');
    // Typing again clears the refusal and the earlier answer.
    store.getState().setSecretKey('sk_test_fixed');
    expect(store.getState().refusal).toBeNull();
  });

  it('forgets a test answer when the mode changes (it was for the other mode)', async () => {
    const transport = createFakeTransport();
    transport.handle('setup.testStripe', () => ({ ok: true, value: TESTED }));
    const store = createSetupStore({ transport });
    store.getState().setSecretKey('sk_test_abc');
    await store.getState().testKey();
    store.getState().setMode('live');
    expect(store.getState().tested).toBeNull();
  });
});

describe('webhooks and the relay', () => {
  it('sends only what was typed (an empty box keeps what is set) and clears the secrets after saving', async () => {
    const transport = createFakeTransport();
    transport.handle('setup.savePush', () => ({ ok: true, value: { ...STATUS, webhookSecretSet: true, restartPending: true } }));
    const store = createSetupStore({ transport });
    expect(await store.getState().savePush()).toBe(true);
    expect(transport.callsOf('setup.savePush')).toEqual([]);
    store.getState().setPush({ webhookSecret: ' whsec_abc ' });
    expect(await store.getState().savePush()).toBe(true);
    expect(transport.callsOf('setup.savePush')).toEqual([{ webhookSecret: 'whsec_abc' }]);
    expect(store.getState()).toMatchObject({ webhookSecret: '', pushSaved: true });
  });

  it('shows a bad webhook secret by its field, as the relay’s refusal', async () => {
    const transport = createFakeTransport();
    transport.handle('setup.savePush', () => ({ ok: false, error: refusedWith({ setupProblem: 'webhook_secret_shape' }) }));
    const store = createSetupStore({ transport });
    store.getState().setPush({ webhookSecret: 'not-a-secret' });
    expect(await store.getState().savePush()).toBe(false);
    expect(store.getState().refusal).toMatchObject({ problem: 'webhook_secret_shape', field: 'webhookSecret' });
    expect(store.getState().refusalFor).toBe('push');
  });

  it('removes the webhook secret and the relay with nulls', async () => {
    const transport = createFakeTransport();
    transport.handle('setup.savePush', () => ({ ok: true, value: STATUS }));
    const store = createSetupStore({ transport });
    await store.getState().removePush();
    expect(transport.callsOf('setup.savePush')).toEqual([{ webhookSecret: null, relayUrl: null, relayToken: null }]);
  });
});

describe('the wizard', () => {
  it('goes forward and back within its four steps, and finishing closes it', async () => {
    const transport = createFakeTransport();
    transport.handle('setup.complete', () => ({ ok: true, value: { ...STATUS, completed: true } }));
    const store = createSetupStore({ transport });
    store.getState().openWizard();
    store.getState().back();
    expect(store.getState().step).toBe(0);
    for (let i = 0; i < 6; i += 1) store.getState().next();
    expect(store.getState().step).toBe(3);
    expect(await store.getState().complete()).toBe(true);
    expect(store.getState()).toMatchObject({ wizardOpen: false });
    expect(store.getState().status?.completed).toBe(true);
  });

  it('says a restart is refused during a sale', async () => {
    const transport = createFakeTransport();
    transport.handle('setup.restart', () => ({ ok: false, error: refusedWith({ setupProblem: 'sale_in_progress' }, 'conflict') }));
    const store = createSetupStore({ transport });
    expect(await store.getState().restart()).toBe(false);
    expect(store.getState()).toMatchObject({ restarting: false, refusal: { problem: 'sale_in_progress', field: 'general' } });
  });

  it('follows setup.updated from the core', () => {
    const store = createSetupStore({ transport: createFakeTransport() });
    store.getState().onStatus({ ...STATUS, relay: { url: 'https://relay.example.com', tokenSet: true } });
    expect(store.getState().relayUrl).toBe('https://relay.example.com');
  });
});
