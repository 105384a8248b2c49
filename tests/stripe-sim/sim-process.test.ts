import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { promptPayParams } from './sim-fixture';
import { startWebhookReceiver } from './webhook-receiver';

const repoRoot = resolve(import.meta.dirname, '../..');

function spawnSim(env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', 'stripe-sim/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, SIM_PORT: '0', ...env },
    stdio: 'pipe',
  }) as ChildProcessWithoutNullStreams;
}

function waitForOutput(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<RegExpExecArray> {
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolveMatch, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = pattern.exec(out);
      if (match) resolveMatch(match);
    });
    child.once('exit', (code) => reject(new Error(`sim exited early (${code}): ${stderr}`)));
  });
}

async function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const [code] = (await exited) as [number | null];
  return code;
}

describe('npm run sim (stripe-sim/main.ts)', () => {
  it('prints its URL, serves health, limits like Stripe test mode by default, and exits cleanly on SIGTERM', async () => {
    // Empty variables count as unset (an empty SIM_QR_FORMAT used to stop the start).
    const child = spawnSim({ SIM_RATE_LIMIT: '', SIM_QR_FORMAT: '', SIM_WEBHOOK_RETRY_MS: '', SIM_ALLOWED_HOSTS: '' });
    try {
      const [, url] = await waitForOutput(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const health = await (await fetch(`${url}/_sim/health`)).json();
      expect(health).toMatchObject({ status: 'ok', url, api_version: '2026-10-28.endive', webhook_endpoints: 0, qr_format: 'url' });
      expect(await (await fetch(`${url}/_sim/rate_limit`)).json()).toEqual({ limit_per_second: 25, throttled: 0 });
      expect(await stop(child)).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('charges the fee given by SIM_FEE_PERCENT and SIM_FEE_FIXED_SATANG', async () => {
    const child = spawnSim({ SIM_FEE_PERCENT: '2.9', SIM_FEE_FIXED_SATANG: '1000', SIM_RATE_LIMIT: '0' });
    try {
      const [, url] = await waitForOutput(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
      expect(await (await fetch(`${url}/_sim/fees`)).json()).toEqual({ percent_basis_points: 290, fixed_satang: 1_000, percent: '2.90' });
      const { port } = new URL(url);
      const stripe = new Stripe('sk_test_process', { host: '127.0.0.1', port: Number(port), protocol: 'http' });
      const pi = await stripe.paymentIntents.create(promptPayParams({ amount: 10_050 }));
      expect((await fetch(`${url}/_sim/payment_intents/${pi.id}/succeed`, { method: 'POST' })).status).toBe(200);
      const [txn] = (await stripe.balanceTransactions.list()).data;
      expect([txn.amount, txn.fee, txn.net]).toEqual([10_050, 1_291, 8_759]);
      expect(await stop(child)).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('delivers signed webhooks to SIM_WEBHOOK_URL with SIM_WEBHOOK_SECRET, only SIM_WEBHOOK_EVENTS', async () => {
    const receiver = await startWebhookReceiver();
    const secret = 'whsec_from_env_0123456789';
    const child = spawnSim({
      SIM_WEBHOOK_URL: receiver.url,
      SIM_WEBHOOK_SECRET: secret,
      SIM_WEBHOOK_EVENTS: 'payment_intent.created',
      SIM_WEBHOOK_RETRY_MS: '50,50',
    });
    try {
      const [, port] = await waitForOutput(child, /listening on http:\/\/127\.0\.0\.1:(\d+)[\s\S]*webhooks → /);
      const stripe = new Stripe('sk_test_env', { host: '127.0.0.1', port: Number(port), protocol: 'http' });
      receiver.respondWith([500]); // the retry schedule comes from SIM_WEBHOOK_RETRY_MS
      await stripe.paymentIntents.create(promptPayParams());
      const [first, second] = await receiver.waitFor(2);
      expect(first.eventId).toBe(second.eventId);
      const event = stripe.webhooks.constructEvent(second.body, second.headers['stripe-signature'] as string, secret);
      expect(event.type).toBe('payment_intent.created');
      expect(await stop(child)).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await receiver.close();
    }
  });
});
