import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../fakes/electron';

vi.mock('electron', () => import('../../fakes/electron'));

const { createSecretStore, SecretStoreError } = await import('../../../electron/app/secret-store');
const { resolveStripeSecretKey, STRIPE_SECRET_NAME } = await import('../../../electron/app/stripe-key');

const KEY = 'sk_test_51ChamraExampleKey0123456789';
let dir: string;

beforeEach(() => {
  fake.resetFakeElectron();
  dir = mkdtempSync(path.join(os.tmpdir(), 'chamra-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('secret store', () => {
  it('round-trips a secret through safeStorage and never writes it in plain text', () => {
    const store = createSecretStore(dir);
    expect(store.hasSecret('stripe_secret_key')).toBe(false);
    expect(store.readSecret('stripe_secret_key')).toBeNull();
    store.writeSecret('stripe_secret_key', KEY);
    expect(store.hasSecret('stripe_secret_key')).toBe(true);
    expect(createSecretStore(dir).readSecret('stripe_secret_key')).toBe(KEY);
    expect(readFileSync(store.filePath, 'utf8')).not.toContain(KEY);
  });

  it.skipIf(process.platform === 'win32')('keeps the file readable by the owner only (0600)', () => {
    const store = createSecretStore(dir);
    store.writeSecret('stripe_secret_key', KEY);
    expect(statSync(store.filePath).mode & 0o777).toBe(0o600);
  });

  it('refuses to store when OS encryption is unavailable, and writes nothing', () => {
    fake.safeStorage.available = false;
    const store = createSecretStore(dir);
    expect(() => store.writeSecret('stripe_secret_key', KEY)).toThrow(SecretStoreError);
    expect(() => store.writeSecret('stripe_secret_key', KEY)).toThrow(/not stored in plain text/);
    expect(() => statSync(store.filePath)).toThrow(/ENOENT/);
  });

  it('says clearly when a stored secret cannot be decrypted here', () => {
    const store = createSecretStore(dir);
    store.writeSecret('stripe_secret_key', KEY);
    fake.safeStorage.available = false;
    expect(() => store.readSecret('stripe_secret_key')).toThrow(/secure storage is not available/);
  });

  it('rejects odd secret names (they become JSON keys)', () => {
    const store = createSecretStore(dir);
    expect(() => store.writeSecret('__proto__', 'x')).toThrow(SecretStoreError);
    expect(() => store.readSecret('../x')).toThrow(SecretStoreError);
  });

  it('deletes a secret', () => {
    const store = createSecretStore(dir);
    store.writeSecret('stripe_secret_key', KEY);
    expect(store.deleteSecret('stripe_secret_key')).toBe(true);
    expect(store.hasSecret('stripe_secret_key')).toBe(false);
    expect(store.deleteSecret('stripe_secret_key')).toBe(false);
  });
});

describe('Stripe key resolution at start-up', () => {
  it('imports STRIPE_SECRET_KEY into secure storage once and scrubs it from the environment', () => {
    const store = createSecretStore(dir);
    const env: NodeJS.ProcessEnv = { STRIPE_SECRET_KEY: KEY };
    const first = resolveStripeSecretKey(store, env, []);
    expect(first).toMatchObject({ key: KEY, source: 'environment' });
    expect(env.STRIPE_SECRET_KEY).toBeUndefined();
    expect(store.readSecret(STRIPE_SECRET_NAME)).toBe(KEY);
    expect(first.notices.join(' ')).not.toContain(KEY);

    const later = resolveStripeSecretKey(createSecretStore(dir), {}, []);
    expect(later).toMatchObject({ key: KEY, source: 'secure-storage' });
  });

  it('runs in demo mode when no key is stored or given', () => {
    expect(resolveStripeSecretKey(createSecretStore(dir), {}, [])).toMatchObject({ key: null, source: 'none' });
  });

  it('uses the environment key for this run only when encryption is unavailable', () => {
    fake.safeStorage.available = false;
    const store = createSecretStore(dir);
    const result = resolveStripeSecretKey(store, { STRIPE_SECRET_KEY: KEY }, []);
    expect(result).toMatchObject({ key: KEY, source: 'environment' });
    expect(result.notices.join(' ')).toMatch(/this run only/);
    expect(store.hasSecret(STRIPE_SECRET_NAME)).toBe(false);
  });

  it('--forget-stripe-key removes the stored key', () => {
    const store = createSecretStore(dir);
    store.writeSecret(STRIPE_SECRET_NAME, KEY);
    expect(resolveStripeSecretKey(store, {}, ['electron', '.', '--forget-stripe-key'])).toMatchObject({ key: null, source: 'none' });
    expect(store.hasSecret(STRIPE_SECRET_NAME)).toBe(false);
  });

  it('refuses something that is not a Stripe secret key, without echoing it', () => {
    let message = '';
    try {
      resolveStripeSecretKey(createSecretStore(dir), { STRIPE_SECRET_KEY: 'pk_test_publishable' }, []);
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/sk_ or rk_/);
    expect(message).not.toContain('pk_test_publishable');
  });
});
