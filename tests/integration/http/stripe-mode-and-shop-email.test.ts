// Which Stripe mode the till says it is in, and the shop email LIVE mode needs.
// Regressions: a restricted live key (rk_live_…) was shown as TEST mode; LIVE mode ran with the
// placeholder shop email, so Stripe sent customers' PromptPay refund instructions nowhere.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCoreConfig, PLACEHOLDER_SHOP_EMAIL, stripeModeOf } from '../../../electron/core/config/core-config';
import { startCore } from '../../../electron/core/start-core';
import type { AppInfo } from '../../../shared/pos-contract';
import { tempDataDir } from '../../support/core-harness';
import { callPos, startTestTill } from './http-test-till';

const LIVE_REFUSAL =
  "Stripe LIVE mode needs POS_SHOP_EMAIL set to the shop's real email address (Stripe sends PromptPay refund instructions there); set it and start again.";

// A stand-in for Stripe that refuses every key: the till starts without reaching Stripe (its event-log
// catch-up fails and is retried later), which is all a mode test needs.
let stripe: http.Server;
let stripeUrl: string;
beforeAll(async () => {
  stripe = http.createServer((_request, response) => {
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } }));
  });
  await new Promise<void>((resolve) => stripe.listen(0, '127.0.0.1', resolve));
  stripeUrl = `http://127.0.0.1:${(stripe.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => stripe.close(resolve));
});

describe('Stripe mode shown by app.info', () => {
  it.each([
    ['rk_test_51RestrictedTestKey', 'test'],
    ['sk_test_51SecretTestKey', 'test'],
  ] as const)('%s runs in %s mode', async (key, mode) => {
    const till = await startTestTill({ config: { stripeSecretKey: key, stripeApiBase: stripeUrl, shopEmail: 'owner@shop.example.com' } });
    try {
      const { body } = await callPos<AppInfo>(till, 'app.info', {});
      expect(body.value).toMatchObject({ mode, demo: false });
    } finally {
      await till.close();
    }
  });

  // A live key only ever talks to Stripe itself (a stand-in server is refused), so its mode is read
  // from the key as the core reads it.
  it.each(['rk_live_51RestrictedShopKey', 'sk_live_51SecretShopKey'])('%s runs in live mode', (key) => {
    expect(stripeModeOf(key)).toBe('live');
  });
});

describe('the shop email in LIVE mode', () => {
  it.each(['rk_live_51RestrictedShopKey', 'sk_live_51SecretShopKey'])('is required with %s, in one clear line', (key) => {
    expect(() => loadCoreConfig({ STRIPE_SECRET_KEY: key })).toThrow(LIVE_REFUSAL);
    expect(LIVE_REFUSAL).not.toContain('\n');
    // The desktop app passes the key from secure storage as an override: same check.
    expect(() => loadCoreConfig({}, { stripeSecretKey: key })).toThrow(LIVE_REFUSAL);
    // The placeholder (or any .invalid address) set by hand does not count.
    expect(() => loadCoreConfig({ STRIPE_SECRET_KEY: key, POS_SHOP_EMAIL: PLACEHOLDER_SHOP_EMAIL })).toThrow(LIVE_REFUSAL);
    expect(() => loadCoreConfig({ STRIPE_SECRET_KEY: key, POS_SHOP_EMAIL: 'shop@till.invalid' })).toThrow(LIVE_REFUSAL);
    expect(loadCoreConfig({ STRIPE_SECRET_KEY: key, POS_SHOP_EMAIL: 'owner@shop.example.com' }).shopEmail).toBe('owner@shop.example.com');
  });

  it('keeps the placeholder in test and demo mode', () => {
    expect(loadCoreConfig({ STRIPE_SECRET_KEY: 'sk_test_51SecretTestKey' }).shopEmail).toBe(PLACEHOLDER_SHOP_EMAIL);
    expect(loadCoreConfig({}).shopEmail).toBe(PLACEHOLDER_SHOP_EMAIL);
  });

  it('is checked by startCore too, before anything is opened', async () => {
    const dataDir = tempDataDir();
    const config = { ...loadCoreConfig({}, { dataDir, httpPort: 0 }), stripeSecretKey: 'rk_live_51RestrictedShopKey', stripeApiBase: null };
    await expect(startCore(config, { log: () => undefined })).rejects.toThrow(LIVE_REFUSAL);
    expect(fs.existsSync(path.join(dataDir, 'ledger.sqlite3'))).toBe(false);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['warned about once at start-up in demo mode when unset', {}, ['Warning: POS_SHOP_EMAIL is not set; PromptPay charges without a customer email use receipts@chamra-pos.invalid']],
    ['not warned about when set', { POS_SHOP_EMAIL: 'owner@shop.example.com' }, []],
  ] as const)('is %s', async (_name, env, expected) => {
    const lines: string[] = [];
    const dataDir = tempDataDir();
    const core = await startCore(loadCoreConfig(env, { dataDir, httpPort: 0 }), { log: (line) => void lines.push(line) });
    try {
      expect(lines.filter((line) => line.includes('POS_SHOP_EMAIL')).map((line) => line.split(',')[0])).toEqual(expected);
    } finally {
      await core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
