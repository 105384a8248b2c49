import diagnostics from 'node:diagnostics_channel';
import fs from 'node:fs';
import type { ClientRequest } from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCoreConfig } from '../../../electron/core/config/core-config';
import { openLedger } from '../../../electron/core/ledger/open-ledger';
import type { PosCore } from '../../../electron/core/pos-core-types';
import { startCore } from '../../../electron/core/start-core';
import { systemClock } from '../../../electron/core/payments/watch-scheduler';
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

  it('tells the screens of the saved sale ("preparing") only once Stripe\'s create request is on its way, and before its QR', async () => {
    const pos = await core();
    const order: string[] = [];
    const onRequest = (message: unknown): void => {
      const request = (message as { request: ClientRequest }).request;
      if (request.method === 'POST' && request.path.startsWith('/v1/payment_intents')) order.push('stripe request');
    };
    diagnostics.subscribe('http.client.request.start', onRequest);
    const stop = pos.subscribe((event) => {
      if (event.type === 'sale.updated') order.push(`event ${event.data.status}`);
    });
    try {
      // The QR's event is published before the charge answers.
      await call(pos, 'sales.charge', { amount: 4200 });
      expect(order.slice(0, 3)).toEqual(['stripe request', 'event created', 'event awaiting_payment']);
    } finally {
      stop();
      diagnostics.unsubscribe('http.client.request.start', onRequest);
    }
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

  it('expires the sale at its own QR timeout, leaves the PaymentIntent alive, and flags money that still arrives', async () => {
    const pos = await core({ qrTimeoutSeconds: 0.3 });
    const sale = await call(pos, 'sales.charge', { amount: 3000 });
    const expired = await waitForSale(pos, sale.id, (s) => s.status === 'expired');
    expect(expired).toMatchObject({ failureCode: 'qr_timeout', qrData: sale.qrData });
    // Not canceled at Stripe: a customer who scanned just before the timeout can still pay, and the
    // shop then sees it (a canceled PaymentIntent would turn that money into invisible excess funds).
    expect((await stripeFor(pos).paymentIntents.retrieve(sale.paymentIntentId!)).status).toBe('requires_action');

    const late = waitForSale(pos, sale.id, (s) => s.status === 'succeeded');
    await simControl(pos, sale.paymentIntentId!, 'succeed');
    expect(await late).toMatchObject({ flagged: true, flagReason: 'paid_after_expired' });
    const audit = await call<{ action: string; saleId: string | null }[]>(pos, 'audit.list', {});
    expect(audit.some((entry) => entry.action === 'sale.paid_after_giving_up' && entry.saleId === sale.id)).toBe(true);
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

  it('keeps the sale when Stripe is unreachable, tells the cashier, and finishes it with the same key', async () => {
    const pos = await core();
    const sim = await simHandle(pos);
    await sim.faults.failNext(3, 'drop_connection');
    const result = await pos.dispatch('sales.charge', { amount: 4321 }, await signedInContext(pos));
    expect(result).toMatchObject({ ok: false, error: { code: 'stripe_unreachable' } });
    const [saved] = await call<Sale[]>(pos, 'sales.list', {});
    expect(saved).toMatchObject({ status: 'created', amount: 4321 });
    const alive = await waitForSale(pos, saved.id, (s) => s.status === 'awaiting_payment');
    expect(alive.qrData).not.toBeNull();
    expect(await paymentIntentsCreated(pos)).toBe(1);
  });

  it('fails the sale plainly when Stripe replays a stored 500 for its key, and never tries a second key', async () => {
    const pos = await core();
    const sim = await simHandle(pos);
    await sim.faults.failNext(1, 'http500');
    const result = await pos.dispatch('sales.charge', { amount: 4321, requestId: 'req-stored-500' }, await signedInContext(pos));
    expect(result).toMatchObject({ ok: false, error: { code: 'stripe_error' } });
    const [saved] = await call<Sale[]>(pos, 'sales.list', {});
    expect(saved).toMatchObject({ status: 'failed', failureCode: 'stripe_server_error', paymentIntentId: null });
    // The caller's retry with its key gets the same answer; nothing new is created at Stripe.
    const retry = await pos.dispatch('sales.charge', { amount: 4321, requestId: 'req-stored-500' }, await signedInContext(pos));
    expect(retry).toMatchObject({ ok: false });
    expect(await paymentIntentsCreated(pos)).toBe(0);
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

  it('finishes, at restart, a create that was interrupted, so the caller’s retry with its key gets the sale alive', async () => {
    const dataDir = tempDataDir();
    const config = loadCoreConfig({}, { dataDir, simPort: null });
    const first = await startCore(config, { log: () => undefined });
    const sim = await simHandle(first);
    await sim.faults.failNext(3, 'drop_connection');
    const failed = await first.dispatch('sales.charge', { amount: 7777, requestId: 'req-crash' }, await signedInContext(first));
    expect(failed.ok).toBe(false);
    await first.close();
    expect(fs.existsSync(path.join(dataDir, 'ledger.sqlite3'))).toBe(true);

    const second = await startCore(config, { log: () => undefined });
    cores.push(second);
    const retried = await call(second, 'sales.charge', { amount: 7777, requestId: 'req-crash' }, await signedInContext(second));
    expect(retried).toMatchObject({ amount: 7777, status: 'awaiting_payment' });
    expect(retried.qrData).not.toBeNull();
    expect(await call<Sale[]>(second, 'sales.list', {})).toHaveLength(1);
    expect(await paymentIntentsCreated(second)).toBe(1);
  });

  it('expires, without ever showing its QR, an interrupted create nobody can be waiting for any more', async () => {
    const dataDir = tempDataDir();
    const config = loadCoreConfig({}, { dataDir, simPort: null });
    const first = await startCore(config, { log: () => undefined });
    const sim = await simHandle(first);
    await sim.faults.failNext(3, 'drop_connection');
    await first.dispatch('sales.charge', { amount: 7777 }, await signedInContext(first));
    await first.close();

    // The till comes back eleven minutes later (its clock says so): past the 10-minute QR timeout.
    const later = { now: () => Date.now() + 11 * 60_000, setTimer: systemClock.setTimer };
    const second = await startCore(config, { log: () => undefined, clock: later });
    cores.push(second);
    const [saved] = await call<Sale[]>(second, 'sales.list', {}, await signedInContext(second));
    const expired = waitForSale(second, saved.id, (s) => s.status === 'expired');
    const now = await call(second, 'sales.get', { saleId: saved.id });
    expect(now.status === 'expired' ? now : await expired).toMatchObject({ qrData: null });
    expect(await paymentIntentsCreated(second)).toBe(1);
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
