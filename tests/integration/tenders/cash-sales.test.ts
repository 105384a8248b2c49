// Cash sales through the real core (SQLite ledger, embedded stripe-sim): recorded paid at once into the
// open shift's drawer, idempotent by requestId, and never a word to Stripe.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../../electron/core/pos-core-types';
import { startStripeSim, type StripeSim } from '../../../stripe-sim';
import type { AppInfo } from '../../../shared/pos-contract';
import type { PosEvent } from '../../../shared/pos-contract';
import type { BackupInfo, SaleDetail, Shift } from '../../../shared/manager-types';
import type { Sale } from '../../../shared/sale';
import { call, signedInContext, startTestCore, tempDataDir, useTestCores } from '../../support/core-harness';
import { ledgerRow, openShift, refusal, stripeRequests } from './tender-support';

const core = useTestCores();

describe('sales.cash', () => {
  it('refuses a cash sale while no shift is open on the till, and records nothing', async () => {
    const pos = await core();
    const context = await signedInContext(pos);
    const error = await refusal(pos, 'sales.cash', { amount: 12_345, tendered: 20_000 }, context);
    expect(error).toMatchObject({ code: 'conflict', field: 'shift' });
    expect(error.message).toContain('Open a shift first');
    expect(ledgerRow<{ n: number }>(pos, 'SELECT count(*) AS n FROM sales')!.n).toBe(0);
  });

  it('records a cash sale paid at once, in the open shift, with the change on its timeline and no Stripe request', async () => {
    const pos = await core();
    const shiftId = await openShift(pos);
    await pos.settled!();
    const before = await stripeRequests(pos);
    const events: Sale[] = [];
    const shiftEvents: (Shift | null)[] = [];
    const stop = pos.subscribe((event: PosEvent) => {
      if (event.type === 'sale.updated') events.push(event.data);
      if (event.type === 'shift.updated') shiftEvents.push(event.data);
    });
    // Under Stripe's ฿10 minimum: cash has none.
    const sale = await call(pos, 'sales.cash', { amount: 12_345, tendered: 50_000, description: 'Table 2' });
    stop();
    expect(sale).toMatchObject({ status: 'succeeded', tender: 'cash', cashTendered: 50_000, amount: 12_345, paymentIntentId: null, qrData: null, cashier: 'Owner Somchai', flagged: false });
    expect(events.at(-1)).toMatchObject({ id: sale.id, status: 'succeeded', tender: 'cash' });
    // The drawer's expected cash follows at once (the shift chip and the close screen).
    expect(shiftEvents.at(-1)).toMatchObject({ id: shiftId, cash: { cashSales: { count: 1, amount: 12_345 }, expected: 100_000 + 12_345 } });
    expect(ledgerRow(pos, 'SELECT tender, cash_tendered, shift_id, status, paid_at IS NOT NULL AS paid FROM sales WHERE id = ?', sale.id))
      .toEqual({ tender: 'cash', cash_tendered: 50_000, shift_id: shiftId, status: 'succeeded', paid: 1 });
    const detail = await call<SaleDetail>(pos, 'sales.detail', { saleId: sale.id });
    const received = detail.timeline.find((entry) => entry.kind === 'cash_received');
    expect(received).toMatchObject({ applied: true, fromStatus: 'created', toStatus: 'succeeded' });
    expect(JSON.stringify(received!.detail)).toContain('change ฿376.55');
    expect(ledgerRow(pos, "SELECT actor, detail FROM audit_log WHERE action = 'sale.cash'")).toMatchObject({ actor: 'Owner Somchai' });
    // The customer display shows it (the change due) like any sale that just finished.
    expect(await call<Sale | null>(pos, 'sales.current', {})).toMatchObject({ id: sale.id, tender: 'cash' });
    await pos.settled!();
    expect(await stripeRequests(pos)).toEqual(before);
  });

  it('answers a retry with the same requestId with the same sale, and refuses the id for a different sale', async () => {
    const pos = await core();
    await openShift(pos);
    const request = { amount: 5_000, tendered: 10_000, requestId: 'cash-request-0001' };
    const first = await call(pos, 'sales.cash', request);
    const again = await call(pos, 'sales.cash', request);
    expect(again).toMatchObject({ id: first.id, status: 'succeeded' });
    const context = await signedInContext(pos);
    expect(await refusal(pos, 'sales.cash', { ...request, tendered: 20_000 }, context)).toMatchObject({ code: 'conflict' });
    await call(pos, 'settings.update', { promptPayId: '0812345678' });
    const otherTender = await refusal(pos, 'sales.manualQr', { amount: 5_000, requestId: 'cash-request-0001' }, context);
    expect(otherTender).toMatchObject({ code: 'conflict' });
    expect(otherTender.message).toContain('already made a different sale');
    expect(ledgerRow<{ n: number }>(pos, 'SELECT count(*) AS n FROM sales')!.n).toBe(1);
  });

  it('refuses cash short of the amount and amounts that are not whole satang, recording nothing', async () => {
    const pos = await core();
    await openShift(pos);
    const context = await signedInContext(pos);
    expect(await refusal(pos, 'sales.cash', { amount: 10_000, tendered: 9_999 }, context)).toMatchObject({ code: 'invalid_input', field: 'tendered' });
    expect(await refusal(pos, 'sales.cash', { amount: 0, tendered: 100 }, context)).toMatchObject({ code: 'invalid_input', field: 'amount' });
    expect(await refusal(pos, 'sales.cash', { amount: 10.5, tendered: 100 }, context)).toMatchObject({ code: 'invalid_input', field: 'amount' });
    expect(ledgerRow<{ n: number }>(pos, 'SELECT count(*) AS n FROM sales')!.n).toBe(0);
  });

  it('cannot be canceled once recorded (it was paid on the spot)', async () => {
    const pos = await core();
    await openShift(pos);
    const sale = await call(pos, 'sales.cash', { amount: 2_000, tendered: 2_000 });
    const context = await signedInContext(pos);
    expect(await refusal(pos, 'sales.cancel', { saleId: sale.id }, context)).toMatchObject({ code: 'conflict' });
    expect(await call(pos, 'sales.get', { saleId: sale.id })).toMatchObject({ status: 'succeeded' });
  });

  it('is refused while a restore replaces the ledger, like any sale', async () => {
    const pos = await core();
    await openShift(pos);
    await call(pos, 'settings.update', { backupFolder: path.join(tempDataDir(), 'backups'), promptPayId: '0812345678' });
    const backup = await call<BackupInfo>(pos, 'backup.run', {});
    const context = await signedInContext(pos);
    const restoring = pos.dispatch('backup.restore', { file: backup.file }, context);
    expect(await refusal(pos, 'sales.cash', { amount: 5_000, tendered: 5_000 }, context)).toMatchObject({ code: 'conflict', field: 'maintenance' });
    expect(await refusal(pos, 'sales.manualQr', { amount: 5_000 }, context)).toMatchObject({ code: 'conflict', field: 'maintenance' });
    expect(await restoring).toMatchObject({ ok: true });
    expect(ledgerRow<{ n: number }>(pos, 'SELECT count(*) AS n FROM sales')!.n).toBe(0);
  });

  describe('with the Stripe account changed and not yet approved', () => {
    const started: PosCore[] = [];
    const sims: StripeSim[] = [];
    afterEach(async () => {
      await Promise.all(started.splice(0).map((pos) => pos.close()));
      await Promise.all(sims.splice(0).map((sim) => sim.close()));
    });

    it('still takes cash (Stripe is not involved) while Stripe charges wait for a manager', async () => {
      const sim = await startStripeSim({ port: 0 });
      sims.push(sim);
      const dataDir = tempDataDir();
      const keyed = await startTestCore({ dataDir, stripeSecretKey: 'sk_test_51ShopTestKeyForTheLedger', stripeApiBase: sim.url });
      await signedInContext(keyed);
      // The ledger binds to the key's account once Stripe has answered the start-up check.
      while ((await call<AppInfo>(keyed, 'app.info', {})).stripe.account === null) await new Promise((resolve) => setImmediate(resolve));
      await keyed.close();
      const demo = await startTestCore({ dataDir, stripeSecretKey: null });
      started.push(demo);
      const context = await signedInContext(demo);
      while ((await call<AppInfo>(demo, 'app.info', {})).stripe.pendingChange === null) await new Promise((resolve) => setImmediate(resolve));
      expect(await refusal(demo, 'sales.charge', { amount: 5_000 }, context)).toMatchObject({ code: 'conflict', field: 'stripe_account' });
      await openShift(demo);
      expect(await call(demo, 'sales.cash', { amount: 5_000, tendered: 5_000 })).toMatchObject({ status: 'succeeded', tender: 'cash' });
    });
  });
});
