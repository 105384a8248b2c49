import type { FaultKind } from './faults';
import { buildSimServer } from './sim-server';

export type { FaultKind } from './faults';
export type { PaymentIntent, StripeEvent } from './stripe-objects';
export { STRIPE_API_VERSION } from './stripe-objects';
export { buildPromptPayPayload, crc16CcittFalse, FAKE_PROMPTPAY_PROXY_ID, PROMPTPAY_AID } from './emv-qr';

export const DEFAULT_SIM_PORT = 12111;
export const DEFAULT_SIM_HOST = '127.0.0.1';

export interface StripeSimOptions {
  host?: string;
  port?: number; // 0 = random
  stateFile?: string | null; // JSON file for PIs, events and idempotency records; null = memory only
  qrFormat?: 'url' | 'emv'; // default: env SIM_QR_FORMAT, else 'url'
  publicBaseUrl?: string; // base of the QR / pay-page / image URLs; default http://<host>:<port>
  logger?: boolean;
  /** Test clock in epoch milliseconds (for `created` filters); default Date.now. */
  now?: () => number;
}

export interface StripeSim {
  url: string;
  port: number;
  succeed(paymentIntentId: string): Promise<void>;
  fail(paymentIntentId: string): Promise<void>;
  expire(paymentIntentId: string): Promise<void>;
  getPaymentIntent(id: string): unknown | null;
  stats(): { requests: Record<string, number>; total: number };
  resetStats(): void;
  faults: { failNext(count: number, kind: FaultKind): void; clear(): void };
  close(): Promise<void>;
}

function qrFormatFrom(option: StripeSimOptions['qrFormat']): 'url' | 'emv' {
  const value = option ?? process.env.SIM_QR_FORMAT ?? 'url';
  if (value !== 'url' && value !== 'emv') throw new Error(`stripe-sim: qrFormat must be 'url' or 'emv', got '${value}'`);
  return value;
}

/** Starts the simulator in this process and resolves once it is listening. */
export async function startStripeSim(options: StripeSimOptions = {}): Promise<StripeSim> {
  const host = options.host ?? DEFAULT_SIM_HOST;
  const server = buildSimServer({
    stateFile: options.stateFile ?? null,
    qrFormat: qrFormatFrom(options.qrFormat),
    logger: options.logger ?? false,
    nowMs: options.now ?? Date.now,
  });
  await server.app.listen({ host, port: options.port ?? DEFAULT_SIM_PORT });
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? DEFAULT_SIM_PORT);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  server.setBaseUrl(options.publicBaseUrl ?? url);

  const { paymentIntents } = server;
  return {
    url,
    port,
    succeed: async (id) => void paymentIntents.succeed(id),
    fail: async (id) => void paymentIntents.fail(id),
    expire: async (id) => void paymentIntents.expire(id),
    getPaymentIntent: (id) => {
      const intent = paymentIntents.get(id);
      return intent ? structuredClone(intent) : null;
    },
    stats: () => server.stats.snapshot(),
    resetStats: () => server.stats.reset(),
    faults: {
      failNext: (count, kind) => server.faults.failNext(count, kind),
      clear: () => server.faults.clear(),
    },
    close: () => server.app.close(),
  };
}
