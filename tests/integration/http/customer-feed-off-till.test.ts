// A paired device off the till (POS_HOST=0.0.0.0, a tablet customer display on the LAN) gets the
// customer feed and nothing more (regression: it got every live event — refunds with customer emails,
// export progress, payment path — and every field of each sale, cashier and order reference included).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sale } from '../../../shared/sale';
import { callPos, startTestTill, type TestTill } from './http-test-till';
import { LanDisplay, nonLoopbackIPv4 } from './lan-display';
import { openEventStream, type EventStreamReader } from './sse-reader';

const address = nonLoopbackIPv4();
let till: TestTill;
let display: LanDisplay;

beforeAll(async () => {
  if (address === null) return;
  till = await startTestTill({ host: '0.0.0.0' });
  display = LanDisplay.of(till, address);
  const paired = await display.pairWith(till);
  if (!paired.body.ok) throw new Error(`pairing failed: ${paired.body.error.message}`);
});
afterAll(async () => {
  await till?.close();
});

/** The fields the customer display reads (renderer/customer, renderer/state/customer-store.ts). */
const SHOWN = ['id', 'amount', 'currency', 'description', 'status', 'qrData', 'qrExpiresAt', 'qrAttempt', 'createdAt', 'updatedAt'] as const;

function expectCustomerView(seen: Sale, full: Sale): void {
  expect(full.qrAttempt, 'the till’s own view carries the QR attempt').toBeTypeOf('number');
  for (const key of SHOWN) expect(seen[key], key).toEqual(full[key]);
  expect(seen).toMatchObject({ cashier: null, orderRef: null, paymentIntentId: null, paymentIntentStatus: null, qrImageUrl: null, failureCode: null, flagged: false, flagReason: null });
}

describe.skipIf(address === null)('a paired customer display off the till', () => {
  it('streams only sale.updated, with only what the customer display shows', async () => {
    let lan: EventStreamReader | null = null;
    let local: EventStreamReader | null = null;
    try {
      lan = await display.events();
      // The till's signed-in cashier screen (its session cookie): the whole feed.
      local = await openEventStream(`${till.url}/api/pos/events`, { headers: { cookie: till.cookie! } });
      expect(lan.response.status).toBe(200);

      const charged = await callPos(till, 'sales.charge', { amount: 4200, description: 'Table 4', orderRef: 'ORDER-7788', email: 'somchai.customer@example.com' });
      expect(charged.body.ok).toBe(true);
      const sale = charged.body.value;
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(Date.now());
      expect((await callPos(till, 'reports.export', { from: today, to: today, format: 'csv' })).body.ok).toBe(true);
      // The till's own stream gets the back-office events and the full sale …
      await local.next((e) => e.event === 'export.progress');
      const fullAwaiting = JSON.parse((await local.next((e) => e.event === 'sale.updated' && JSON.parse(e.data).status === 'awaiting_payment')).data) as Sale;
      expect(fullAwaiting).toMatchObject({ cashier: 'Owner Somchai', orderRef: 'ORDER-7788' });

      // … then one more sale update: events reach every stream in order, so the LAN stream has seen
      // everything emitted before it once it has this one.
      await callPos(till, 'sales.cancel', { saleId: sale.id });
      const canceled = JSON.parse((await lan.next((e) => e.event === 'sale.updated' && JSON.parse(e.data).status === 'canceled')).data) as Sale;
      await local.next((e) => e.event === 'sale.updated' && JSON.parse(e.data).status === 'canceled');

      const lanEvents = lan.text();
      expect([...lanEvents.matchAll(/^event: (.+)$/gm)].map((m) => m[1]).every((type) => type === 'sale.updated')).toBe(true);
      for (const secret of ['export.progress', 'payments.path', 'refund.updated', 'Owner Somchai', 'ORDER-7788', 'somchai.customer']) {
        expect(lanEvents, secret).not.toContain(secret);
      }
      const lanAwaiting = [...lanEvents.matchAll(/^data: (.+)$/gm)].map((m) => JSON.parse(m[1]) as Sale).find((s) => s.status === 'awaiting_payment')!;
      expectCustomerView(lanAwaiting, fullAwaiting);
      expect(lanAwaiting.qrData).toEqual(expect.any(String));
      expect(canceled).toMatchObject({ id: sale.id, amount: 4200, status: 'canceled', cashier: null, orderRef: null });
    } finally {
      lan?.close();
      local?.close();
    }
  });

  it('gets sales.current as the customer display sees it, while the till gets the whole sale', async () => {
    const charged = await callPos(till, 'sales.charge', { amount: 5600, description: 'Iced tea', orderRef: 'ORDER-9911' });
    const full = (await callPos<Sale | null>(till, 'sales.current', {})).body.value!;
    expect(full).toMatchObject({ id: charged.body.value.id, cashier: 'Owner Somchai', orderRef: 'ORDER-9911' });
    expect(full.paymentIntentId).toMatch(/^pi_/);

    const { status, body } = await display.post<Sale | null>('sales.current', {});
    expect(status).toBe(200);
    expectCustomerView(body.value!, full);
    expect(JSON.stringify(body)).not.toContain('ORDER-9911');
    await callPos(till, 'sales.cancel', { saleId: full.id });
  });
});
