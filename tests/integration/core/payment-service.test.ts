import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCoreConfig } from '../../../electron/core/config/core-config';
import { openLedger } from '../../../electron/core/ledger/open-ledger';
import type { PosCore } from '../../../electron/core/pos-core-types';
import { startCore } from '../../../electron/core/start-core';
import type { Sale } from '../../../shared/sale';
import { startStripeSim } from '../../../stripe-sim';
import { call, fastPolling, paymentIntentsCreated, signedInContext, simControl, startTestCore, stripeFor, tempDataDir, waitForSale } from '../../support/core-harness';

const cores: PosCore[] = [];
async function core(overrides = {}): Promise<PosCore> {
  const started = await startTestCore(overrides);
  cores.push(started);
  // Charging needs a signed-in cashier; these tests act as the owner.
  await signedInContext(started);
  return started;
}
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

function ledgerRows(pos: PosCore): number {
  const db = openLedger(path.join(pos.config.dataDir, 'ledger.sqlite3'));
  try {
    return (db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('the sale path against the simulator through the official SDK', () => {
  it('saves the sale, shows the PaymentIntent QR, and turns paid when the customer pays', async () => {
    const pos = await core();
    const sale = await call(pos, 'sales.charge', { amount: 12345, description: 'Pad thai' });
    expect(sale).toMatchObject({ status: 'awaiting_payment', amount: 12345, description: 'Pad thai', currency: 'thb' });
    const intent = await stripeFor(pos).paymentIntents.retrieve(sale.paymentIntentId!);
    expect(sale.qrData).toBe(intent.next_action?.promptpay_display_qr_code?.data);
    expect(intent.metadata).toMatchObject({ sale_id: sale.id, till_id: 'till-1' });
    expect(intent.amount).toBe(12345);
    expect(sale.qrExpiresAt! - sale.createdAt).toBeGreaterThanOrEqual(600_000 - 1_000);

    const paid = waitForSale(pos, sale.id, (s) => s.status === 'succeeded');
    await simControl(pos, sale.paymentIntentId!, 'succeed');
    expect((await paid).paymentIntentStatus).toBe('succeeded');
    expect(await call(pos, 'sales.get', { saleId: sale.id })).toMatchObject({ status: 'succeeded', flagged: false });
  });

  it('ends expired when Stripe expires the QR attempt and failed when the payment fails', async () => {
    const pos = await core();
    const first = await call(pos, 'sales.charge', { amount: 5000 });
    const expired = waitForSale(pos, first.id, (s) => s.status === 'expired');
    await simControl(pos, first.paymentIntentId!, 'expire');
    expect((await expired).failureCode).toBe('payment_intent_payment_attempt_expired');

    const second = await call(pos, 'sales.charge', { amount: 5000 });
    const failed = waitForSale(pos, second.id, (s) => s.status === 'failed');
    await simControl(pos, second.paymentIntentId!, 'fail');
    await failed;
  });

  it('cancels the PaymentIntent when the cashier cancels', async () => {
    const pos = await core();
    const sale = await call(pos, 'sales.charge', { amount: 2000 });
    const canceled = await call(pos, 'sales.cancel', { saleId: sale.id });
    expect(canceled.status).toBe('canceled');
    expect((await stripeFor(pos).paymentIntents.retrieve(sale.paymentIntentId!)).status).toBe('canceled');
  });

  it('marks the sale paid and flagged when the customer pays just as the cashier cancels', async () => {
    const pos = await core({});
    const sale = await call(pos, 'sales.charge', { amount: 2000 });
    // Paid in the simulator a moment before the cancel reaches Stripe, before any poll noticed.
    await simControl(pos, sale.paymentIntentId!, 'succeed');
    const result = await pos.dispatch('sales.cancel', { saleId: sale.id }, await signedInContext(pos));
    const after = await call(pos, 'sales.get', { saleId: sale.id });
    expect(after).toMatchObject({ status: 'succeeded', flagged: true });
    expect(result.ok ? (result.value as Sale).status : after.status).toBe('succeeded');
  });

  it('cancels the PaymentIntent itself when its own QR timeout passes, and shows it as expired', async () => {
    const pos = await core({ qrTimeoutSeconds: 0.3 });
    const sale = await call(pos, 'sales.charge', { amount: 3000 });
    const expired = await waitForSale(pos, sale.id, (s) => s.status === 'expired');
    expect(expired.paymentIntentStatus).toBe('canceled');
    expect((await stripeFor(pos).paymentIntents.retrieve(sale.paymentIntentId!)).cancellation_reason).toBe('abandoned');
  });

  it('refuses bad amounts with a clear error, saves no sale and never calls Stripe', async () => {
    const pos = await core();
    const cases: [unknown, string][] = [
      [{ amount: 999 }, 'amount_too_small'],
      [{ amount: 100_000_000 }, 'amount_too_large'],
      [{ amount: 12.5 }, 'invalid_input'],
      [{ amount: '1000' }, 'invalid_input'],
      [{}, 'invalid_input'],
      [{ amount: 5000, extra: true }, 'invalid_input'],
      [null, 'invalid_input'],
    ];
    for (const [input, code] of cases) {
      const result = await pos.dispatch('sales.charge', input, await signedInContext(pos));
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code } });
    }
    expect(ledgerRows(pos)).toBe(0);
    expect(await paymentIntentsCreated(pos)).toBe(0);
  });

  it('makes exactly one PaymentIntent when the connection drops after Stripe created it', async () => {
    const pos = await core();
    const sim = await simHandle(pos);
    await sim.faults.failNext(1, 'drop_after_create');
    const sale = await call(pos, 'sales.charge', { amount: 4321 });
    expect(sale.status).toBe('awaiting_payment');
    expect(await paymentIntentsCreated(pos)).toBe(1);
  });

  it('keeps the sale when Stripe is unreachable, tells the cashier, and cancels the unseen PaymentIntent later', async () => {
    const pos = await core();
    const sim = await simHandle(pos);
    await sim.faults.failNext(3, 'http500');
    const result = await pos.dispatch('sales.charge', { amount: 4321 }, await signedInContext(pos));
    expect(result).toMatchObject({ ok: false, error: { code: 'stripe_unreachable' } });
    const [saved] = await call<Sale[]>(pos, 'sales.list', {});
    expect(saved).toMatchObject({ status: 'created', amount: 4321 });
    const settled = await waitForSale(pos, saved.id, (s) => s.status === 'canceled');
    expect(settled.qrData).toBeNull();
    expect(await paymentIntentsCreated(pos)).toBe(1);
  });
});

describe('restart reconciliation', () => {
  it('settles a sale that was paid while the till was down, before accepting new sales', async () => {
    const dataDir = tempDataDir();
    const config = loadCoreConfig({}, { dataDir, simPort: null });
    const first = await startCore(config, { pollSchedule: { nextDelayMs: () => 60_000 }, log: () => undefined });
    await signedInContext(first);
    const sale = await call(first, 'sales.charge', { amount: 12345 });
    await first.close();

    // Stripe keeps going while the till is down: the customer pays.
    const stripeWhileDown = await startStripeSim({ port: 0, stateFile: path.join(dataDir, 'stripe-sim-state.json') });
    await stripeWhileDown.succeed(sale.paymentIntentId!);
    await stripeWhileDown.close();

    const second = await startCore(config, { pollSchedule: fastPolling, log: () => undefined });
    cores.push(second);
    await signedInContext(second);
    expect(await call(second, 'sales.get', { saleId: sale.id })).toMatchObject({ status: 'succeeded' });
  });

  it('cancels, at restart, a PaymentIntent whose create was interrupted before the QR was shown', async () => {
    const dataDir = tempDataDir();
    const config = loadCoreConfig({}, { dataDir, simPort: null });
    const first = await startCore(config, { log: () => undefined });
    const sim = await simHandle(first);
    await sim.faults.failNext(3, 'http500');
    const failed = await first.dispatch('sales.charge', { amount: 7777 }, await signedInContext(first));
    expect(failed.ok).toBe(false);
    await first.close();
    expect(fs.existsSync(path.join(dataDir, 'ledger.sqlite3'))).toBe(true);

    const second = await startCore(config, { log: () => undefined });
    cores.push(second);
    await signedInContext(second);
    const [sale] = await call<Sale[]>(second, 'sales.list', {});
    expect(sale).toMatchObject({ amount: 7777, status: 'canceled', qrData: null });
  });
});

/** The embedded simulator's in-process handle is not exposed by the core; reach its faults over HTTP. */
async function simHandle(pos: PosCore) {
  return {
    faults: {
      failNext: async (count: number, kind: string) => {
        const response = await fetch(`${pos.simulatorUrl}/_sim/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ count, kind }),
        });
        if (!response.ok) throw new Error(`faults answered ${response.status}: ${await response.text()}`);
      },
    },
  };
}
