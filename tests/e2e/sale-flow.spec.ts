import { expect, test, type Page } from '@playwright/test';
import { CustomerDisplayPage } from './pages/customer-display-page';
import { TillPage } from './pages/till-page';
import { decodeQrShown } from './support/qr-decode';
import { startStandaloneSim, startTill, type StandaloneSim, type Till } from './support/processes';
import { answered, openSignedIn, posCall } from './support/sign-in';

// The till runs against a standalone simulator (as it would against Stripe's servers), so Stripe's
// own view of each PaymentIntent can be read independently of the till.
let sim: StandaloneSim;
let till: Till;

test.beforeAll(async () => {
  sim = await startStandaloneSim();
  till = await startTill({ STRIPE_SECRET_KEY: 'sk_test_e2e', STRIPE_API_BASE: sim.url });
});
test.afterAll(async () => {
  await till?.host.stop();
  await sim?.process.stop();
});

/** The cashier's screen signed in and a customer display following the till, as page objects. */
async function openScreens(page: Page, customerPage: Page): Promise<{ till: TillPage; customer: CustomerDisplayPage }> {
  await openSignedIn(page, till.baseUrl);
  await customerPage.goto(`${till.baseUrl}/customer/?lang=en`);
  const customer = new CustomerDisplayPage(customerPage);
  await customer.expectLive();
  // The cashier's screen is the one in front (a hidden page's animation frames are throttled).
  await page.bringToFront();
  return { till: new TillPage(page), customer };
}

/**
 * Requests that could create or change something at Stripe (every method but GET), by endpoint. The
 * till's watcher keeps reading Stripe's event log in the background (every 5 s while an expired
 * sale may still be paid late), so the total count moves on its own; its reads are all GETs.
 */
async function stripeWrites(): Promise<Record<string, number>> {
  const { requests } = (await (await fetch(`${sim.url}/_sim/stats`)).json()) as { requests: Record<string, number> };
  return Object.fromEntries(Object.entries(requests).filter(([endpoint]) => !endpoint.startsWith('GET ')));
}

// sales.list needs a signed-in cashier: read it with the page's own session.
async function listSales(page: Page): Promise<{ id: string; status: string }[]> {
  const reply = await posCall<{ id: string; status: string }[]>(page, till.baseUrl, 'sales.list', {});
  if (!reply.ok) throw new Error(`sales.list failed: ${JSON.stringify(reply.error)}`);
  return reply.value!;
}

test('a 123.45 sale shows its exact QR on the customer display and turns paid on both screens', async ({ page, context }) => {
  const { till: cashier, customer } = await openScreens(page, await context.newPage());
  await customer.expectStatus('idle');
  await cashier.keyIn(['1', '2', '3', 'dot', '4', '5']);
  await expect(cashier.amountDisplay).toContainText('123.45');
  await cashier.chargeButton.click();

  await customer.expectQr();
  await expect(customer.amount).toContainText('123.45');
  await expect(customer.countdown).toHaveText(/\d{1,2}:\d{2}/);

  const paymentIntentId = await cashier.status.getAttribute('data-payment-intent-id');
  const intent = await sim.paymentIntent(paymentIntentId!);
  expect(intent.amount).toBe(12345);
  const expected = (intent.next_action as { promptpay_display_qr_code: { data: string } }).promptpay_display_qr_code.data;
  expect(await decodeQrShown(customer.qr)).toBe(expected);

  await sim.control(paymentIntentId!, 'succeed');
  await cashier.expectStatus('succeeded');
  await customer.expectStatus('succeeded');
});

test('typing 12,500 on the keyboard charges ฿12,500.00: a comma separates thousands, it is never a decimal point', async ({ page, context }) => {
  const { till: cashier, customer } = await openScreens(page, await context.newPage());
  await cashier.keyIn([]);
  await page.keyboard.type('12,500');
  await expect(cashier.amountDisplay).toHaveText('฿12,500');
  await expect(cashier.chargeButton).toContainText('12,500.00');
  await cashier.press(['Enter']);

  await cashier.expectStatus('awaiting_payment');
  await expect(cashier.amountDisplay).toHaveText('฿12,500.00');
  await expect(customer.amount).toContainText('12,500.00');
  const intent = await sim.paymentIntent((await cashier.status.getAttribute('data-payment-intent-id'))!);
  expect(intent.amount).toBe(1_250_000);
  const saleId = await cashier.status.getAttribute('data-sale-id');
  const sale = await posCall<{ amount: number }>(page, till.baseUrl, 'sales.get', { saleId });
  expect(sale.value?.amount).toBe(1_250_000);

  // A comma out of place ("12,50") is not read as ฿12.50: it is ignored, and the display says what will be charged.
  await cashier.cancelSale();
  await cashier.newSale();
  await page.keyboard.type('12,50');
  await expect(cashier.amountDisplay).toHaveText('฿1,250');
});

for (const [action, status] of [['expire', 'expired'], ['fail', 'failed']] as const) {
  test(`a sale whose payment attempt Stripe reports as ${action} shows ${status} on both screens`, async ({ page, context }) => {
    const { till: cashier, customer } = await openScreens(page, await context.newPage());
    const { paymentIntentId } = await cashier.charge(['5', '0']);
    await customer.expectQr();
    await sim.control(paymentIntentId, action);
    await cashier.expectStatus(status);
    await customer.expectStatus(status);
  });
}

test('the cashier cancels an awaiting sale and Stripe cancels the PaymentIntent', async ({ page, context }) => {
  const { till: cashier, customer } = await openScreens(page, await context.newPage());
  const { paymentIntentId } = await cashier.charge(['2', '0']);
  await cashier.cancelSale();
  await cashier.expectStatus('canceled');
  await customer.expectStatus('canceled');
  expect((await sim.paymentIntent(paymentIntentId)).status).toBe('canceled');
  await cashier.newSale();
  await expect(cashier.amountDisplay).not.toContainText('20');
});

test('amounts below ฿10, above the maximum, malformed or empty are refused with a message and create nothing', async ({ page }) => {
  await openSignedIn(page, till.baseUrl);
  const cashier = new TillPage(page);
  const before = await listSales(page);
  const writesBefore = await stripeWrites();

  await cashier.keyIn([]);
  await cashier.chargeButton.click();
  await expect(cashier.amountError).toBeVisible();

  await cashier.keyIn(['9', 'dot', '9', '9']);
  await cashier.chargeButton.click();
  await expect(cashier.amountError).toContainText('10.00');

  // Physical keyboard: the entry stops at the largest charge (฿999,999.99), so digits past it are not taken.
  await cashier.keyIn([]);
  await page.keyboard.type('123456789');
  await expect(cashier.amountDisplay).toHaveText('฿123,456');
  await cashier.keyIn([]);

  expect(await listSales(page)).toEqual(before);
  expect(await stripeWrites()).toEqual(writesBefore);
});

test('a sale paid while the till was killed shows succeeded after restart, without cashier action', async ({ page, context }) => {
  const customerPage = await context.newPage();
  const { till: cashier, customer } = await openScreens(page, customerPage);
  const { paymentIntentId } = await cashier.charge(['7', '7', '7']);
  const [sale] = await listSales(page);

  await till.host.kill();
  // The display keeps trying to reach the till while it is down; its first answered reads (it re-reads
  // the till and its current sale on every reconnect) come from the restarted till.
  const displayBack = Promise.all([answered(customerPage, 'app.info'), answered(customerPage, 'sales.current')]);
  await sim.control(paymentIntentId, 'succeed');
  till = await startTill({ STRIPE_SECRET_KEY: 'sk_test_e2e', STRIPE_API_BASE: sim.url, POS_PORT: new URL(till.baseUrl).port }, till.dataDir);

  const response = await fetch(`${till.baseUrl}/payments/${sale.id}`, { headers: { authorization: `Bearer ${till.apiToken}` } });
  expect(await response.json()).toMatchObject({ saleId: sale.id, saleStatus: 'succeeded', status: 'succeeded' });
  // Reloaded (the display reopened) once its own reconnection has been answered, so the reload never
  // overlaps the restart or that reconnection (a reload racing them ended in net::ERR_ABORTED under load).
  await displayBack;
  const reread = answered(customerPage, 'sales.current');
  await customerPage.reload();
  await reread;
  await customer.expectStatus('succeeded');
  expect((await listSales(page)).filter((s) => s.id === sale.id)).toHaveLength(1);
});
