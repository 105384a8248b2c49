// Configuration from the environment, and what setup in the app kept where the environment says nothing.
// `npm start`, browser mode and tests all honour these names.
import os from 'node:os';
import path from 'node:path';

export interface CoreConfig {
  /** Where the ledger (and the demo simulator's state) live. */
  dataDir: string;
  httpHost: string;
  httpPort: number;
  /** Bearer token for the integration REST API; null disables that API. */
  apiToken: string | null;
  /** Absent → demo mode with the embedded simulator. Never logged, never sent to a renderer. */
  stripeSecretKey: string | null;
  /** Webhook signing secrets (comma-separated in the env: during a roll, the new and the previous). */
  stripeWebhookSecrets: string[];
  /** The optional webhook relay (for shops without a public address) and this till's token there. */
  relayUrl: string | null;
  relayToken: string | null;
  /** head office: this shop's id at head office (POS_SHOP_ID), sent with every sale. */
  shopId: string;
  /** head office: send sales to the relay's head office (on with a relay unless POS_HEAD_OFFICE=off). */
  headOffice: boolean;
  /** e.g. http://127.0.0.1:12111 — points the SDK at any Stripe-compatible server. */
  stripeApiBase: string | null;
  shopEmail: string;
  shopName: string;
  tillId: string;
  qrTimeoutSeconds: number;
  /** Port of the embedded simulator in demo mode; null picks a free one. */
  simPort: number | null;
  simQrFormat: 'url' | 'emv';
}

export const DEFAULT_HTTP_PORT = 4300;
/**
 * The billing email sent with a PromptPay charge when neither the cashier nor POS_SHOP_EMAIL gives
 * one (Stripe requires an email). It cannot receive mail, so LIVE mode refuses to run with it.
 */
export const PLACEHOLDER_SHOP_EMAIL = 'receipts@chamra-pos.invalid';
export const DEFAULT_QR_TIMEOUT_SECONDS = 600;

/** An environment variable's value, with empty (or blank) counting as unset: `FOO=` means "not set". */
function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

function intFromEnv(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
  return parsed;
}

export function defaultDataDir(): string {
  return path.join(os.homedir(), '.chamra-pos');
}

/**
 * What setup in the app kept (the host's secret keeper): used where the environment sets nothing, so
 * IT's scripted installs keep working and win. The relay's address and token go together.
 */
export interface KeptSettings {
  stripeSecretKey?: string | null;
  webhookSecret?: string | null;
  relayUrl?: string | null;
  relayToken?: string | null;
}

/** Where each setting a host may keep came from on this start. */
export interface SettingSources {
  stripe: 'settings' | 'environment' | 'none';
  webhookSecret: 'settings' | 'environment' | 'none';
  relay: 'settings' | 'environment' | 'none';
}

export function settingSources(env: NodeJS.ProcessEnv, kept: KeptSettings): SettingSources {
  const source = (name: string, keptValue: string | null | undefined) =>
    envValue(env, name) !== undefined ? 'environment' : keptValue ? 'settings' : 'none';
  return {
    stripe: source('STRIPE_SECRET_KEY', kept.stripeSecretKey),
    webhookSecret: source('STRIPE_WEBHOOK_SECRET', kept.webhookSecret),
    relay: source('POS_RELAY_URL', kept.relayUrl),
  };
}

export function loadCoreConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<CoreConfig> = {}, kept: KeptSettings = {}): CoreConfig {
  const get = (name: string) => envValue(env, name);
  const relayFromEnv = get('POS_RELAY_URL') !== undefined;
  const qrFormat = get('SIM_QR_FORMAT') ?? 'url';
  if (qrFormat !== 'url' && qrFormat !== 'emv') throw new Error(`SIM_QR_FORMAT must be "url" or "emv", got "${qrFormat}"`);
  const qrTimeoutSeconds = intFromEnv(get('POS_QR_TIMEOUT_SECONDS'), DEFAULT_QR_TIMEOUT_SECONDS, 'POS_QR_TIMEOUT_SECONDS');
  // Shorter than this and a customer cannot open a banking app and scan in time.
  if (qrTimeoutSeconds < 30) throw new Error('POS_QR_TIMEOUT_SECONDS must be at least 30');
  const simPort = get('SIM_PORT');
  const config: CoreConfig = {
    dataDir: path.resolve(get('POS_DATA_DIR') ?? defaultDataDir()),
    httpHost: get('POS_HOST') ?? '127.0.0.1',
    httpPort: intFromEnv(get('POS_PORT'), DEFAULT_HTTP_PORT, 'POS_PORT'),
    apiToken: get('POS_API_TOKEN') ?? null,
    stripeSecretKey: get('STRIPE_SECRET_KEY')?.trim() ?? kept.stripeSecretKey ?? null,
    stripeWebhookSecrets: (get('STRIPE_WEBHOOK_SECRET') ?? kept.webhookSecret ?? '').split(',').map((secret) => secret.trim()).filter(Boolean),
    relayUrl: relayFromEnv ? get('POS_RELAY_URL')! : (kept.relayUrl ?? null),
    relayToken: relayFromEnv ? (get('POS_RELAY_TOKEN') ?? null) : kept.relayUrl ? (kept.relayToken ?? null) : (get('POS_RELAY_TOKEN') ?? null),
    // head office
    shopId: get('POS_SHOP_ID')?.trim() ?? 'shop-1',
    headOffice: headOfficeFromEnv(get('POS_HEAD_OFFICE')),
    stripeApiBase: get('STRIPE_API_BASE')?.trim() ?? null,
    shopEmail: get('POS_SHOP_EMAIL')?.trim() ?? PLACEHOLDER_SHOP_EMAIL,
    shopName: get('POS_SHOP_NAME') ?? 'Chamra POS',
    tillId: get('POS_TILL_ID') ?? 'till-1',
    qrTimeoutSeconds,
    simPort: simPort === undefined ? null : intFromEnv(simPort, 0, 'SIM_PORT'),
    simQrFormat: qrFormat,
    ...overrides,
  };
  checkStartable(config);
  if (config.relayUrl && !config.relayToken) throw new Error('POS_RELAY_URL is set but POS_RELAY_TOKEN is not: the relay needs this till\'s token.');
  if (config.relayUrl && config.stripeWebhookSecrets.length === 0) {
    throw new Error('POS_RELAY_URL needs STRIPE_WEBHOOK_SECRET: the till verifies Stripe\'s signature on every relayed event itself.');
  }
  return config;
}

/** head office: POS_HEAD_OFFICE=on (default) or off. */
function headOfficeFromEnv(value: string | undefined): boolean {
  const setting = (value ?? 'on').trim().toLowerCase();
  if (setting !== 'on' && setting !== 'off') throw new Error(`POS_HEAD_OFFICE must be "on" or "off", got "${value}"`);
  return setting === 'on';
}

/** Live keys move real money: secret (sk_live_) and restricted (rk_live_) keys alike. */
export function isLiveSecretKey(key: string | null | undefined): boolean {
  return typeof key === 'string' && /^(sk|rk)_live_/.test(key);
}

/** The Stripe mode a configuration runs in: no key is demo (the embedded simulator). */
export function stripeModeOf(key: string | null | undefined): 'demo' | 'test' | 'live' {
  if (!key) return 'demo';
  return isLiveSecretKey(key) ? 'live' : 'test';
}

/** An address that cannot receive Stripe's PromptPay refund instructions. */
export function isUndeliverableShopEmail(email: string): boolean {
  const address = email.trim().toLowerCase();
  return address === PLACEHOLDER_SHOP_EMAIL || address.endsWith('.invalid') || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address);
}

/**
 * Refuses a configuration that must not run: LIVE mode without a real shop email, because every
 * PromptPay charge a cashier rings up without one carries the shop email, and Stripe sends the
 * customer's refund instructions there. One line, meant for the person installing the till.
 */
export function checkStartable(config: Pick<CoreConfig, 'stripeSecretKey' | 'shopEmail'> & { stripeApiBase?: string | null }): void {
  // Real money goes to Stripe only: a live key sent anywhere else would hand it to that server.
  if (isLiveSecretKey(config.stripeSecretKey) && config.stripeApiBase && !isStripeApiBase(config.stripeApiBase)) {
    throw new Error(
      `A LIVE Stripe key must talk to Stripe itself, but STRIPE_API_BASE is ${safeOrigin(config.stripeApiBase)}. Unset STRIPE_API_BASE (or use a test key with the simulator) and start again.`,
    );
  }
  if (isLiveSecretKey(config.stripeSecretKey) && isUndeliverableShopEmail(config.shopEmail)) {
    throw new Error(
      'Stripe LIVE mode needs POS_SHOP_EMAIL set to the shop\'s real email address (Stripe sends PromptPay refund instructions there); set it and start again.',
    );
  }
}

/** Stripe's own API host over HTTPS (what the SDK uses when STRIPE_API_BASE is unset). */
export function isStripeApiBase(base: string): boolean {
  try {
    const url = new URL(base);
    return url.protocol === 'https:' && url.hostname === 'api.stripe.com' && (url.port === '' || url.port === '443');
  } catch {
    return false;
  }
}

/** The origin of a URL for a message (never a path or credentials it might carry). */
function safeOrigin(base: string): string {
  try {
    return new URL(base).origin;
  } catch {
    return 'not a URL';
  }
}

/** A warning for test and demo mode when the placeholder shop email is in use; null otherwise. */
export function shopEmailWarning(config: Pick<CoreConfig, 'stripeSecretKey' | 'shopEmail'>): string | null {
  if (isLiveSecretKey(config.stripeSecretKey) || config.shopEmail !== PLACEHOLDER_SHOP_EMAIL) return null;
  return `Warning: POS_SHOP_EMAIL is not set; PromptPay charges without a customer email use ${PLACEHOLDER_SHOP_EMAIL}, which receives no mail. Set POS_SHOP_EMAIL before going live (LIVE mode refuses to start without it).`;
}
