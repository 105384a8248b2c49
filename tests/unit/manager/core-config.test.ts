// The configuration a till starts with: empty variables count as unset, and a live key only ever
// talks to Stripe itself.
import { describe, expect, it } from 'vitest';
import { DEFAULT_HTTP_PORT, loadCoreConfig, PLACEHOLDER_SHOP_EMAIL } from '../../../electron/core/config/core-config';

const SHOP = { POS_SHOP_EMAIL: 'owner@shop.example.com' };

describe('empty environment variables', () => {
  it('count as unset, every one of them', () => {
    const names = [
      'POS_DATA_DIR', 'POS_HOST', 'POS_PORT', 'POS_API_TOKEN', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'POS_RELAY_URL',
      'POS_RELAY_TOKEN', 'STRIPE_API_BASE', 'POS_SHOP_EMAIL', 'POS_SHOP_NAME', 'POS_TILL_ID', 'POS_QR_TIMEOUT_SECONDS', 'SIM_PORT', 'SIM_QR_FORMAT',
    ];
    const unset = loadCoreConfig({});
    for (const blank of ['', '  ']) {
      const config = loadCoreConfig(Object.fromEntries(names.map((name) => [name, blank])));
      expect(config).toEqual(unset);
    }
    expect(unset).toMatchObject({
      httpHost: '127.0.0.1', httpPort: DEFAULT_HTTP_PORT, apiToken: null, stripeSecretKey: null, stripeApiBase: null, relayUrl: null,
      shopEmail: PLACEHOLDER_SHOP_EMAIL, shopName: 'Chamra POS', tillId: 'till-1', simPort: null, simQrFormat: 'url',
    });
  });

  it('still refuses a value that is set but wrong', () => {
    expect(() => loadCoreConfig({ SIM_QR_FORMAT: 'png' })).toThrow('SIM_QR_FORMAT must be "url" or "emv", got "png"');
    expect(() => loadCoreConfig({ POS_PORT: 'eighty' })).toThrow('POS_PORT must be a whole number, got "eighty"');
  });
});

describe('a live key talks to Stripe only', () => {
  it.each(['http://127.0.0.1:12111', 'https://stripe-proxy.example.com', 'http://api.stripe.com', 'https://api.stripe.com.evil.example'])(
    'refuses a live key with STRIPE_API_BASE=%s, clearly and without quoting the key',
    (base) => {
      for (const key of ['sk_live_51SecretShopKey', 'rk_live_51RestrictedShopKey']) {
        let message = '';
        try {
          loadCoreConfig({ ...SHOP, STRIPE_SECRET_KEY: key, STRIPE_API_BASE: base });
        } catch (error) {
          message = (error as Error).message;
        }
        expect(message).toBe(`A LIVE Stripe key must talk to Stripe itself, but STRIPE_API_BASE is ${new URL(base).origin}. Unset STRIPE_API_BASE (or use a test key with the simulator) and start again.`);
        expect(message).not.toContain(key);
      }
    },
  );

  it('accepts a live key against Stripe, and a test key against anything', () => {
    expect(loadCoreConfig({ ...SHOP, STRIPE_SECRET_KEY: 'sk_live_51SecretShopKey' }).stripeApiBase).toBeNull();
    expect(loadCoreConfig({ ...SHOP, STRIPE_SECRET_KEY: 'sk_live_51SecretShopKey', STRIPE_API_BASE: 'https://api.stripe.com' }).stripeApiBase).toBe('https://api.stripe.com');
    expect(loadCoreConfig({ STRIPE_SECRET_KEY: 'sk_test_local', STRIPE_API_BASE: 'http://127.0.0.1:12111' }).stripeApiBase).toBe('http://127.0.0.1:12111');
  });
});
