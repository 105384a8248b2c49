import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStripeSim } from '../../stripe-sim/index';
import { promptPayParams, sdkFor } from './sim-fixture';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stripe-sim-state-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('state file', () => {
  it('PaymentIntents, events and idempotency keys survive a restart', async () => {
    const stateFile = join(dir, 'nested', 'stripe-sim.json');
    const first = await startStripeSim({ port: 0, stateFile });
    const pending = await sdkFor(first).paymentIntents.create(promptPayParams(), { idempotencyKey: 'sale-A' });
    const paid = await sdkFor(first).paymentIntents.create(promptPayParams(), { idempotencyKey: 'sale-B' });
    await first.succeed(paid.id);
    await first.close();

    const second = await startStripeSim({ port: 0, stateFile });
    try {
      const stripe = sdkFor(second);
      await expect(stripe.paymentIntents.retrieve(paid.id)).resolves.toMatchObject({ status: 'succeeded', amount_received: paid.amount });
      const stillPending = await stripe.paymentIntents.retrieve(pending.id);
      expect(stillPending.status).toBe('requires_action');
      // The QR links follow the simulator to its new address.
      expect(stillPending.next_action?.promptpay_display_qr_code?.data).toBe(`${second.url}/_sim/pay/${pending.id}`);
      const events = await stripe.events.list({ limit: 100 });
      expect(events.data.map((e) => e.type)).toEqual([
        'payment_intent.succeeded',
        'payment_intent.requires_action',
        'payment_intent.created',
        'payment_intent.requires_action',
        'payment_intent.created',
      ]);
      const replay = await stripe.paymentIntents.create(promptPayParams(), { idempotencyKey: 'sale-A' });
      expect([replay.id, replay.lastResponse.headers['idempotent-replayed']]).toEqual([pending.id, 'true']);
      // A restarted sim can still finish a sale started before the restart.
      await second.expire(pending.id);
      expect(second.getPaymentIntent(pending.id)).toMatchObject({ status: 'requires_payment_method' });
    } finally {
      await second.close();
    }
  });

  it('writes atomically: valid JSON and no leftover temp file', async () => {
    const stateFile = join(dir, 'state.json');
    const sim = await startStripeSim({ port: 0, stateFile });
    const pi = await sdkFor(sim).paymentIntents.create(promptPayParams());
    await sim.close();
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { paymentIntents: Record<string, unknown> };
    expect(Object.keys(saved.paymentIntents)).toEqual([pi.id]);
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('saves changes off the request path: concurrent requests all land, and a change is saved without close', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await startStripeSim({ port: 0, stateFile });
    // Each write renames a whole state into place (an event, not a sleep): wait for one holding the sales.
    const savedCount = () => (existsSync(stateFile) ? Object.keys((JSON.parse(readFileSync(stateFile, 'utf8')) as { paymentIntents: object }).paymentIntents).length : 0);
    const savedWhileRunning = new Promise<number>((resolve) => {
      const watcher = watch(dir, () => {
        const count = savedCount();
        if (count === 0) return;
        watcher.close();
        resolve(count);
      });
    });
    const stripe = sdkFor(first);
    const created = await Promise.all(Array.from({ length: 12 }, (_, i) => stripe.paymentIntents.create(promptPayParams(), { idempotencyKey: `sale-${i}` })));
    expect(await savedWhileRunning).toBeGreaterThan(0);
    await first.succeed(created[3]!.id);
    await first.close();

    const second = await startStripeSim({ port: 0, stateFile });
    try {
      expect(created.map((pi) => (second.getPaymentIntent(pi.id) as { status: string } | null)?.status)).toEqual(created.map((_, i) => (i === 3 ? 'succeeded' : 'requires_action')));
    } finally {
      await second.close();
    }
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('refuses to start on a corrupt state file rather than forgetting payments', async () => {
    const stateFile = join(dir, 'state.json');
    writeFileSync(stateFile, '{"version":1,"paymentIntents":');
    await expect(startStripeSim({ port: 0, stateFile })).rejects.toThrow(/not valid JSON/);
  });

  it('without a state file nothing is written and a restart starts empty', async () => {
    const first = await startStripeSim({ port: 0 });
    const pi = await sdkFor(first).paymentIntents.create(promptPayParams());
    await first.close();
    const second = await startStripeSim({ port: 0 });
    expect(second.getPaymentIntent(pi.id)).toBeNull();
    await second.close();
    expect(existsSync(join(dir, 'state.json'))).toBe(false);
  });
});
