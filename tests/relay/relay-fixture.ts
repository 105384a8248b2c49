// Shared set-up for relay tests: a real relay on a random port over a real SQLite file in a temp
// directory, Stripe-style events signed with the official SDK's test helper, and a controllable clock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { type RelayHandle, type RelayOptions, startRelay } from '../../relay/index';
import type { StripeEventMessage } from '../../relay/till-streams';
import type { SseMessage } from './sse-client';

export const SECRET = 'whsec_relay_test_primary_0123456789';
export const ROTATED_SECRET = 'whsec_relay_test_rotated_9876543210';
/** A till of the account the webhook endpoint belongs to (events without `account`), either mode. */
export const TOKEN_OWN = 'till-own-account-token-0001';
export const TOKEN_A = 'till-bound-to-account-a-0002';
export const TOKEN_B = 'till-bound-to-account-b-0003';
/** The endpoint's own account, live mode only. */
export const TOKEN_OWN_LIVE = 'till-own-account-live-0004';
export const HEALTH_TOKEN = 'relay-health-monitor-token-0005';
export const ACCOUNT_A = 'acct_1ShopA';
export const ACCOUNT_B = 'acct_1ShopB';

export const stripe = new Stripe('sk_test_unused');

/** A mutable clock shared by the relay under test and the signer. */
export class TestClock {
  constructor(public ms = Date.now()) {}
  readonly now = () => this.ms;
  advanceDays(days: number): void {
    this.ms += days * 24 * 60 * 60 * 1000;
  }
  seconds(): number {
    return Math.floor(this.ms / 1000);
  }
}

export interface TestEventInput {
  id: string;
  type?: string;
  account?: string;
  livemode?: boolean;
  created?: number;
  /** Extra characters inside the event, to make it big. */
  padding?: number;
  /** The event's `data.object` instead of the default PaymentIntent (e.g. a refund naming its PaymentIntent). */
  object?: Record<string, unknown>;
}

/** A body shaped (and indented) like Stripe's, with Thai text so UTF-8 must survive byte for byte. */
export function stripeEventBody(input: TestEventInput): string {
  const event: Record<string, unknown> = {
    id: input.id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: input.created ?? 1_790_000_000,
    data: {
      object: input.object ?? {
        id: `pi_${input.id.slice(4)}`,
        object: 'payment_intent',
        amount: 12_500,
        currency: 'thb',
        description: 'ข้าวมันไก่ 2 จาน — โต๊ะ 4',
        status: 'succeeded',
        metadata: input.padding ? { padding: 'x'.repeat(input.padding) } : { till: 'till-1' },
      },
    },
    livemode: input.livemode ?? false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: input.type ?? 'payment_intent.succeeded',
  };
  if (input.account) event.account = input.account;
  return `${JSON.stringify(event, null, 2)}\n`;
}

export function sign(payload: string, options: { secret?: string; timestamp?: number } = {}): string {
  return stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? SECRET,
    timestamp: options.timestamp,
  });
}

export interface PostResult {
  status: number;
  json: Record<string, unknown>;
}

export async function postWebhook(
  relayUrl: string,
  body: string | Buffer,
  signature: string | null,
  contentType = 'application/json; charset=utf-8',
): Promise<PostResult> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (signature !== null) headers['stripe-signature'] = signature;
  const response = await fetch(`${relayUrl}/stripe/webhook`, { method: 'POST', headers, body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** Signs (at the relay clock's time) and posts one event; returns its body and signature. */
export async function deliver(
  relay: RelayHandle,
  clock: TestClock,
  input: TestEventInput,
): Promise<{ body: string; signature: string }> {
  const body = stripeEventBody(input);
  const signature = sign(body, { timestamp: clock.seconds() });
  const result = await postWebhook(relay.url, body, signature);
  if (result.status !== 200) throw new Error(`Delivery of ${input.id} failed: ${result.status} ${JSON.stringify(result.json)}`);
  return { body, signature };
}

export function eventData(message: SseMessage): StripeEventMessage {
  if (message.event !== 'stripe.event') throw new Error(`Expected a stripe.event, got ${message.event}: ${message.data}`);
  return JSON.parse(message.data) as StripeEventMessage;
}

/** Starts relays in temp dirs and cleans them up (call `cleanup` in afterEach). */
export class RelayHarness {
  private readonly relays: RelayHandle[] = [];
  private readonly dirs: string[] = [];
  readonly clock = new TestClock();

  makeDataDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-relay-'));
    this.dirs.push(dir);
    return dir;
  }

  async start(overrides: Partial<RelayOptions> = {}): Promise<RelayHandle> {
    const relay = await startRelay({
      host: '127.0.0.1',
      port: 0,
      dataDir: overrides.dataDir ?? this.makeDataDir(),
      webhookSecrets: [SECRET],
      tillTokens: [
        { token: TOKEN_OWN, account: null },
        { token: TOKEN_A, account: ACCOUNT_A },
        { token: TOKEN_B, account: ACCOUNT_B },
        { token: TOKEN_OWN_LIVE, account: null, livemode: true },
      ],
      healthToken: HEALTH_TOKEN,
      now: this.clock.now,
      ...overrides,
    });
    this.relays.push(relay);
    return relay;
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.relays.splice(0).map((relay) => relay.close()));
    for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}
