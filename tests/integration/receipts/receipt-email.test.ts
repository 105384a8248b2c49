// Stripe's emailed receipt on the real core (demo mode: embedded stripe-sim, the official SDK, real
// SQLite): receipts.email sets the paid PaymentIntent's receipt_email, is audited with the address
// masked, keeps the address out of the ledger and the audit trail, refuses cash, by-hand and unpaid
// sales with the reason and a bad address before Stripe is asked; and the REST API's create-payment
// takes receipt_email with the same schema.
import fs from 'node:fs';
import path from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptEmailIdempotencyKey } from '../../../electron/core/receipts/receipt-email';
import type { PosCore } from '../../../electron/core/pos-core-types';
import type { AuditEntryView } from '../../../shared/manager-types';
import type { ReceiptEmailResult } from '../../../shared/receipt-email';
import type { Sale } from '../../../shared/sale';
import { call, paymentIntentsCreated, signedInContext, stripeFor, useTestCores, waitForSale } from '../../support/core-harness';
import { startTestTill, TEST_API_TOKEN, type TestTill } from '../http/http-test-till';

const core = useTestCores();
const ADDRESS = 'Somsri.K@example.co.th';

async function refusal(pos: PosCore, input: unknown): Promise<{ code: string; field?: string; message: string }> {
  const result = await pos.dispatch('receipts.email', input, await signedInContext(pos));
  expect(result.ok, 'receipts.email should be refused').toBe(false);
  return (result as { ok: false; error: { code: string; field?: string; message: string } }).error;
}

async function paidPromptPay(pos: PosCore, amount = 4_500): Promise<Sale> {
  const sale = await call<Sale>(pos, 'sales.charge', { amount });
  const paid = waitForSale(pos, sale.id, (s) => s.status === 'succeeded');
  await call(pos, 'demo.simulate', { saleId: sale.id, outcome: 'succeed' });
  return paid;
}

/** Every file the till wrote (ledger, its WAL, the audit trail, logs), as one text to search. */
function everythingOnDisk(dir: string): string {
  const texts: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else texts.push(fs.readFileSync(file).toString('latin1'));
    }
  };
  walk(dir);
  return texts.join('\n');
}

describe('receipts.email', () => {
  it('sets receipt_email on the paid PaymentIntent (and its Charge), audited masked, the address kept nowhere on the till', async () => {
    const pos = await core();
    const sale = await paidPromptPay(pos);
    const sent = await call<ReceiptEmailResult>(pos, 'receipts.email', { saleId: sale.id, email: `  ${ADDRESS} ` });
    expect(sent).toEqual({ saleId: sale.id, paymentIntentId: sale.paymentIntentId, sentTo: 'S•••@example.co.th' });

    const intent = await stripeFor(pos).paymentIntents.retrieve(sale.paymentIntentId!, { expand: ['latest_charge'] });
    expect(intent.receipt_email).toBe(ADDRESS);
    expect((intent.latest_charge as Stripe.Charge).receipt_email).toBe(ADDRESS);

    // Pressed again (or retried): the same answer, the same request to Stripe.
    expect(await call<ReceiptEmailResult>(pos, 'receipts.email', { saleId: sale.id, email: ADDRESS })).toEqual(sent);

    const audit = await call<AuditEntryView[]>(pos, 'audit.list', {});
    const emailed = audit.filter((entry) => entry.saleId === sale.id && entry.action === 'receipt.emailed');
    expect(emailed).toHaveLength(2);
    expect(JSON.stringify(emailed)).toContain('S•••@example.co.th');
    expect(JSON.stringify(audit)).not.toMatch(/somsri/i);
    // Not in the ledger, its WAL, the audit trail beside it, nor any log the till wrote.
    expect(everythingOnDisk(pos.config.dataDir)).not.toMatch(/somsri/i);
  });

  it('refuses cash, hand-confirmed and unpaid sales with the reason, and a bad address before Stripe is asked', async () => {
    const pos = await core();
    await call(pos, 'shifts.open', { float: 10_000 });
    const cash = await call<Sale>(pos, 'sales.cash', { amount: 5_000, tendered: 5_000 });
    expect(await refusal(pos, { saleId: cash.id, email: ADDRESS })).toMatchObject({ code: 'conflict', field: 'saleId', message: expect.stringMatching(/cash sale has no Stripe payment/) });
    await call(pos, 'settings.update', { promptPayId: '0812345678' });
    const manual = await call<Sale>(pos, 'sales.manualQr', { amount: 5_000 });
    await call(pos, 'sales.confirmManual', { saleId: manual.id });
    expect(await refusal(pos, { saleId: manual.id, email: ADDRESS })).toMatchObject({ code: 'conflict', field: 'saleId', message: expect.stringMatching(/confirmed by hand/) });
    const awaiting = await call<Sale>(pos, 'sales.charge', { amount: 2_000 });
    expect(await refusal(pos, { saleId: awaiting.id, email: ADDRESS })).toMatchObject({ code: 'conflict', field: 'saleId' });
    expect((await stripeFor(pos).paymentIntents.retrieve(awaiting.paymentIntentId!)).receipt_email).toBeNull();

    const paid = await paidPromptPay(pos);
    for (const bad of ['test@test', 'somsri', '', 'a b@example.com', `${'x'.repeat(195)}@example.com`]) {
      expect(await refusal(pos, { saleId: paid.id, email: bad }), bad).toMatchObject({ code: 'invalid_input' });
    }
    expect(await refusal(pos, { saleId: 'sale_doesNotExist00', email: ADDRESS })).toMatchObject({ code: 'not_found' });
    expect((await stripeFor(pos).paymentIntents.retrieve(paid.paymentIntentId!)).receipt_email).toBeNull();
    const audit = await call<AuditEntryView[]>(pos, 'audit.list', {});
    expect(audit.filter((entry) => entry.action === 'receipt.emailed')).toEqual([]);
  });

  it('uses one idempotency key per sale and address, without the address in it', () => {
    const key = receiptEmailIdempotencyKey('sale_01ABCDEFGH', ADDRESS);
    expect(receiptEmailIdempotencyKey('sale_01ABCDEFGH', ADDRESS.toLowerCase())).toBe(key);
    expect(receiptEmailIdempotencyKey('sale_01ABCDEFGH', 'other@example.com')).not.toBe(key);
    expect(receiptEmailIdempotencyKey('sale_01ABCDEFGZ', ADDRESS)).not.toBe(key);
    expect(key).toMatch(/^receipt-email:sale_01ABCDEFGH:[0-9a-f]{24}$/);
    expect(key).not.toMatch(/somsri|example/i);
  });
});

describe('REST create-payment receipt_email', () => {
  let till: TestTill;
  beforeAll(async () => {
    till = await startTestTill();
  });
  afterAll(async () => {
    await till?.close();
  });
  const create = (body: unknown) =>
    fetch(`${till.url}/payments/intents`, { method: 'POST', headers: { authorization: `Bearer ${TEST_API_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('passes receipt_email to Stripe, and refuses a bad address with the field named, creating nothing', async () => {
    const created = await create({ amount: 12_345, receipt_email: ADDRESS });
    expect(created.status).toBe(201);
    const { paymentIntentId } = (await created.json()) as { paymentIntentId: string };
    expect((await stripeFor(till.core).paymentIntents.retrieve(paymentIntentId)).receipt_email).toBe(ADDRESS);

    const before = await paymentIntentsCreated(till.core);
    const refused = await create({ amount: 12_345, receipt_email: 'test@test' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string; field: string } }).error).toMatchObject({ code: 'invalid_input', field: 'receipt_email' });
    expect(await paymentIntentsCreated(till.core)).toBe(before);
  });
});
