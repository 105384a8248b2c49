// A real till (core + HTTP server, demo mode with the embedded simulator) whose polling is slowed to a
// crawl, so anything that changes a sale in these tests can only have come by push or the event log.
import Stripe from 'stripe';
import { loadCoreConfig, type CoreConfig } from '../../../electron/core/config/core-config';
import { startHttpServer, type RunningHttpServer } from '../../../electron/core/http/http-server';
import type { PosCore } from '../../../electron/core/pos-core-types';
import { startCore } from '../../../electron/core/start-core';
import { tempDataDir } from '../../support/core-harness';

export const WEBHOOK_SECRET = 'whsec_test_current';
export const OLD_WEBHOOK_SECRET = 'whsec_test_previous';
export const NO_POLLING = { nextDelayMs: () => 3_600_000 };

export interface PushTestTill {
  core: PosCore;
  server: RunningHttpServer;
  stripe: Stripe;
  close(): Promise<void>;
}

export async function startPushTestTill(overrides: Partial<CoreConfig> = {}): Promise<PushTestTill> {
  const config = loadCoreConfig({}, { dataDir: tempDataDir(), httpPort: 0, simPort: null, stripeWebhookSecrets: [WEBHOOK_SECRET], ...overrides });
  const core = await startCore(config, { log: () => undefined, pollSchedule: NO_POLLING });
  const server = await startHttpServer(core, { host: '127.0.0.1', port: 0, rateLimit: false });
  const sim = new URL(core.simulatorUrl!);
  return {
    core,
    server,
    stripe: new Stripe('sk_test_push', { host: sim.hostname, port: Number(sim.port), protocol: 'http' }),
    async close() {
      await server.close();
      await core.close();
    },
  };
}

let eventCounter = 0;

/** An event as Stripe would send it, for the PaymentIntent as it is now in the simulator. */
export async function paymentIntentEvent(till: PushTestTill, paymentIntentId: string, type: string): Promise<string> {
  const intent = await till.stripe.paymentIntents.retrieve(paymentIntentId);
  eventCounter += 1;
  return JSON.stringify({
    id: `evt_test${Date.now()}${eventCounter}`,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    data: { object: intent },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  });
}

export function sign(payload: string, secret = WEBHOOK_SECRET, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

export async function postWebhook(till: PushTestTill, body: string | Buffer, signature?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers['stripe-signature'] = signature;
  const response = await fetch(`${till.server.url}/payments/webhook`, { method: 'POST', headers, body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}
