/**
 * `npm run sim`: the simulator as its own process.
 * Env: SIM_PORT (default 12111), SIM_HOST (default 127.0.0.1), SIM_QR_FORMAT (url|emv),
 * SIM_STATE_FILE (JSON state file; unset = memory only), SIM_PUBLIC_BASE_URL, SIM_LOG=1,
 * SIM_WEBHOOK_URL + SIM_WEBHOOK_SECRET (one webhook endpoint; a secret is generated and printed
 * when unset), SIM_WEBHOOK_EVENTS (comma list, default *), SIM_WEBHOOK_RETRY_MS (comma list of ms),
 * SIM_RATE_LIMIT (requests per second for the account, default 25 like Stripe's test mode; 0 = off),
 * SIM_ALLOWED_HOSTS (comma list of host names besides loopback, the bind address and SIM_PUBLIC_BASE_URL),
 * SIM_FEE_PERCENT (Stripe's fee on each paid charge, e.g. 1.65) and SIM_FEE_FIXED_SATANG.
 */
import { DEFAULT_SIM_PORT, STRIPE_TEST_MODE_RATE_LIMIT, startStripeSim } from './index';
import { rateLimitFromEnv } from './rate-limit';

function portFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_SIM_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`SIM_PORT must be a port number, got '${value}'`);
  return port;
}

const webhookUrl = process.env.SIM_WEBHOOK_URL || undefined;
const webhookEvents = process.env.SIM_WEBHOOK_EVENTS?.split(',').map((e) => e.trim()).filter(Boolean);

const sim = await startStripeSim({
  host: process.env.SIM_HOST || undefined,
  port: portFromEnv(process.env.SIM_PORT),
  stateFile: process.env.SIM_STATE_FILE || null,
  publicBaseUrl: process.env.SIM_PUBLIC_BASE_URL || undefined,
  logger: process.env.SIM_LOG === '1',
  rateLimit: rateLimitFromEnv(process.env.SIM_RATE_LIMIT, STRIPE_TEST_MODE_RATE_LIMIT),
  webhooks: webhookUrl
    ? [{ url: webhookUrl, secret: process.env.SIM_WEBHOOK_SECRET || undefined, enabledEvents: webhookEvents?.length ? webhookEvents : undefined }]
    : [],
});
console.log(`stripe-sim listening on ${sim.url}`);
const { limit_per_second: limit } = sim.rateLimit.get();
console.log(`  rate limit: ${limit === 0 ? 'off' : `${limit} requests/second for the account`} (SIM_RATE_LIMIT)`);
const fees = sim.fees.get();
console.log(`  Stripe fee per paid charge: ${fees.percentBasisPoints / 100} % + ${fees.fixedSatang} satang (SIM_FEE_PERCENT, SIM_FEE_FIXED_SATANG)`);
for (const endpoint of sim.webhooks.list()) {
  const shown = process.env.SIM_WEBHOOK_SECRET ? '(SIM_WEBHOOK_SECRET)' : endpoint.secret;
  console.log(`  webhooks → ${endpoint.url} [${endpoint.enabled_events.join(', ')}] signing secret ${shown}`);
}
console.log(`  SDK: new Stripe('sk_test_x', { host: '${new URL(sim.url).hostname}', port: ${sim.port}, protocol: 'http' })`);

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  console.log(`stripe-sim: ${signal} received, shutting down`);
  await sim.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
