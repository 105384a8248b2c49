import { expect, test, type Page } from '@playwright/test';
import { decodeQrShown } from './support/qr-decode';
import { startStandaloneSim, startTill, type StandaloneSim, type Till } from './support/processes';
import { openSignedIn, posCall } from './support/sign-in';

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

async function openScreens(page: Page, customer: Page): Promise<void> {
  await openSignedIn(page, till.baseUrl);
  await customer.goto(`${till.baseUrl}/customer/?lang=en`);
  // A sale that just finished stays on the customer display for a moment; any status means it is live.
  await expect(customer.getByTestId('customer-status')).toHaveAttribute('data-status', /.+/);
  // The cashier's screen is the one in front (a hidden page's animation frames are throttled).
  await page.bringToFront();
}

async function keyIn(page: Page, keys: string[]): Promise<void> {
  await page.getByTestId('keypad-clear').click();
  for (const key of keys) await page.getByTestId(`keypad-${key}`).click();
}

async function charge(page: Page, keys: string[]): Promise<string> {
  await keyIn(page, keys);
  await page.getByTestId('charge-button').click();
  const status = page.getByTestId('sale-status');
  await expect(status).toHaveAttribute('data-status', 'awaiting_payment');
  const paymentIntentId = await status.getAttribute('data-payment-intent-id');
  expect(paymentIntentId).toMatch(/^pi_/);
  return paymentIntentId!;
}

// sales.list needs a signed-in cashier: read it with the page's own session.
async function listSales(page: Page): Promise<{ id: string; status: string }[]> {
  const reply = await posCall<{ id: string; status: string }[]>(page, till.baseUrl, 'sales.list', {});
  if (!reply.ok) throw new Error(`sales.list failed: ${JSON.stringify(reply.error)}`);
  return reply.value!;
}

test('a 123.45 sale shows its exact QR on the customer display and turns paid on both screens', async ({ page, context }) => {
  const customer = await context.newPage();
  await openScreens(page, customer);
  await expect(customer.getByTestId('customer-status')).toHaveAttribute('data-status', 'idle');
  await keyIn(page, ['1', '2', '3', 'dot', '4', '5']);
  await expect(page.getByTestId('amount-display')).toContainText('123.45');
  await page.getByTestId('charge-button').click();

  const qr = customer.getByTestId('customer-qr');
  await expect(qr).toBeVisible({ timeout: 2_000 });
  await expect(customer.getByTestId('customer-amount')).toContainText('123.45');
  await expect(customer.getByTestId('customer-countdown')).toHaveText(/\d{1,2}:\d{2}/);

  const paymentIntentId = await page.getByTestId('sale-status').getAttribute('data-payment-intent-id');
  const intent = await sim.paymentIntent(paymentIntentId!);
  expect(intent.amount).toBe(12345);
  const expected = (intent.next_action as { promptpay_display_qr_code: { data: string } }).promptpay_display_qr_code.data;
  expect(await decodeQrShown(qr)).toBe(expected);

  await sim.control(paymentIntentId!, 'succeed');
  await expect(page.getByTestId('sale-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 2_000 });
  await expect(customer.getByTestId('customer-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 2_000 });
});

test('typing 12,500 on the keyboard charges ฿12,500.00: a comma separates thousands, it is never a decimal point', async ({ page, context }) => {
  const customer = await context.newPage();
  await openScreens(page, customer);
  await keyIn(page, []);
  await page.keyboard.type('12,500');
  await expect(page.getByTestId('amount-display')).toHaveText('฿12,500');
  await expect(page.getByTestId('charge-button')).toContainText('12,500.00');
  await page.keyboard.press('Enter');

  const status = page.getByTestId('sale-status');
  await expect(status).toHaveAttribute('data-status', 'awaiting_payment');
  await expect(page.getByTestId('amount-display')).toHaveText('฿12,500.00');
  await expect(customer.getByTestId('customer-amount')).toContainText('12,500.00', { timeout: 2_000 });
  const intent = await sim.paymentIntent((await status.getAttribute('data-payment-intent-id'))!);
  expect(intent.amount).toBe(1_250_000);
  const saleId = await status.getAttribute('data-sale-id');
  const sale = await posCall<{ amount: number }>(page, till.baseUrl, 'sales.get', { saleId });
  expect(sale.value?.amount).toBe(1_250_000);

  // A comma out of place ("12,50") is not read as ฿12.50: it is ignored, and the display says what will be charged.
  await page.getByTestId('cancel-button').click();
  await page.getByTestId('new-sale-button').click();
  await page.keyboard.type('12,50');
  await expect(page.getByTestId('amount-display')).toHaveText('฿1,250');
});

for (const [action, status] of [['expire', 'expired'], ['fail', 'failed']] as const) {
  test(`a sale whose payment attempt Stripe reports as ${action} shows ${status} on both screens`, async ({ page, context }) => {
    const customer = await context.newPage();
    await openScreens(page, customer);
    const paymentIntentId = await charge(page, ['5', '0']);
    await expect(customer.getByTestId('customer-qr')).toBeVisible({ timeout: 2_000 });
    await sim.control(paymentIntentId, action);
    await expect(page.getByTestId('sale-status')).toHaveAttribute('data-status', status, { timeout: 2_000 });
    await expect(customer.getByTestId('customer-status')).toHaveAttribute('data-status', status, { timeout: 2_000 });
  });
}

test('the cashier cancels an awaiting sale and Stripe cancels the PaymentIntent', async ({ page, context }) => {
  const customer = await context.newPage();
  await openScreens(page, customer);
  const paymentIntentId = await charge(page, ['2', '0']);
  await page.getByTestId('cancel-button').click();
  await expect(page.getByTestId('sale-status')).toHaveAttribute('data-status', 'canceled');
  await expect(customer.getByTestId('customer-status')).toHaveAttribute('data-status', 'canceled', { timeout: 2_000 });
  expect((await sim.paymentIntent(paymentIntentId)).status).toBe('canceled');
  await page.getByTestId('new-sale-button').click();
  await expect(page.getByTestId('amount-display')).not.toContainText('20');
});

test('amounts below ฿10, above the maximum, malformed or empty are refused with a message and create nothing', async ({ page }) => {
  await openSignedIn(page, till.baseUrl);
  const before = await listSales(page);
  const statsBefore = (await (await fetch(`${sim.url}/_sim/stats`)).json()) as { total: number };

  await keyIn(page, []);
  await page.getByTestId('charge-button').click();
  await expect(page.getByTestId('amount-error')).toBeVisible();

  await keyIn(page, ['9', 'dot', '9', '9']);
  await page.getByTestId('charge-button').click();
  await expect(page.getByTestId('amount-error')).toContainText('10.00');

  // Physical keyboard: the entry stops at the largest charge (฿999,999.99), so digits past it are not taken.
  await keyIn(page, []);
  await page.keyboard.type('123456789');
  await expect(page.getByTestId('amount-display')).toHaveText('฿123,456');
  await keyIn(page, []);

  expect(await listSales(page)).toEqual(before);
  const statsAfter = (await (await fetch(`${sim.url}/_sim/stats`)).json()) as { total: number };
  expect(statsAfter.total).toBe(statsBefore.total);
});

test('a sale paid while the till was killed shows succeeded after restart, without cashier action', async ({ page, context }) => {
  const customer = await context.newPage();
  await openScreens(page, customer);
  const paymentIntentId = await charge(page, ['7', '7', '7']);
  const [sale] = await listSales(page);

  await till.host.kill();
  await sim.control(paymentIntentId, 'succeed');
  till = await startTill({ STRIPE_SECRET_KEY: 'sk_test_e2e', STRIPE_API_BASE: sim.url, POS_PORT: new URL(till.baseUrl).port }, till.dataDir);

  const response = await fetch(`${till.baseUrl}/payments/${sale.id}`, { headers: { authorization: `Bearer ${till.apiToken}` } });
  expect(await response.json()).toMatchObject({ saleId: sale.id, saleStatus: 'succeeded', status: 'succeeded' });
  await customer.reload();
  await expect(customer.getByTestId('customer-status')).toHaveAttribute('data-status', 'succeeded');
  expect((await listSales(page)).filter((s) => s.id === sale.id)).toHaveLength(1);
});
