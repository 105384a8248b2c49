import { expect, test } from '@playwright/test';
import { CustomerDisplayPage } from './pages/customer-display-page';
import { firstDemoSales } from './pages/first-demo-sales';
import { TillPage } from './pages/till-page';
import { decodeQrShown } from './support/qr-decode';
import { startTill, type Till } from './support/processes';
import { OWNER, openSignedIn, posCall } from './support/sign-in';

// Demo mode: no Stripe key, the embedded simulator, a DEMO badge and a "simulate customer" panel.
let till: Till;
test.beforeAll(async () => {
  till = await startTill();
});
test.afterAll(async () => {
  await till?.host.stop();
});

test('in demo mode the cashier can simulate the customer paying and both screens say paid', async ({ page, context }) => {
  const customerPage = await context.newPage();
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=th');
  await customerPage.goto(`${till.baseUrl}/customer/?lang=th`);
  const cashier = new TillPage(page);
  const customer = new CustomerDisplayPage(customerPage);
  await cashier.expectDemoMode();
  await cashier.press(['1', '5', '0']);
  await cashier.press(['Enter']);
  await cashier.expectStatus('awaiting_payment');
  await customer.expectQr();
  await cashier.simulate('pay');
  await cashier.expectStatus('succeeded');
  await customer.expectStatus('succeeded');
});

// The desktop smoke test (tests/electron/smoke.spec.ts) runs this same walk in the real app's windows.
test('on a fresh till the owner is set up on screen, then a PromptPay sale paid by the simulated customer and a cash sale: the desktop smoke test\'s steps', async ({ page, context }) => {
  // A till of its own (a fresh ledger asks for the owner), started on a shared, loaded machine.
  test.setTimeout(150_000);
  const fresh = await startTill();
  try {
    const customerPage = await context.newPage();
    await customerPage.goto(`${fresh.baseUrl}/customer/?lang=en`);
    await page.goto(`${fresh.baseUrl}/cashier/?lang=en`);
    // Tabs, unlike the app's two windows, take turns in front: the till's is (a hidden page gets no animation frames).
    await page.bringToFront();
    const sales = await firstDemoSales(new TillPage(page), new CustomerDisplayPage(customerPage), OWNER);
    const stored = await posCall<{ status: string; tender: string; amount: number }>(page, fresh.baseUrl, 'sales.get', { saleId: sales.promptPay.saleId });
    expect(stored.value).toMatchObject({ status: 'succeeded', amount: 15_000 });
    const cash = await posCall<{ status: string; tender: string; amount: number }>(page, fresh.baseUrl, 'sales.get', { saleId: sales.cashSaleId });
    expect(cash.value).toMatchObject({ status: 'succeeded', tender: 'cash', amount: 12_000 });
  } finally {
    await fresh.host.stop();
  }
});

test('an expired QR gets a New QR for the same sale, and paying that one makes the sale paid on both screens', async ({ page, context }) => {
  const customerPage = await context.newPage();
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=en');
  await customerPage.goto(`${till.baseUrl}/customer/?lang=en`);
  const cashier = new TillPage(page);
  const customer = new CustomerDisplayPage(customerPage);
  await customer.expectMode('demo');
  await page.bringToFront();
  await cashier.description.fill('Table 7');
  await cashier.description.blur();
  await cashier.press(['2', '4', '0']);
  await cashier.press(['Enter']);
  const { saleId, paymentIntentId } = await cashier.awaitingSale();
  const firstQr = await decodeQrShown(customer.qr);

  await cashier.simulate('expire');
  await cashier.expectStatus('expired');
  await customer.expectStatus('expired');
  await expect(cashier.endedReason).toHaveText('Stripe ended the QR: it expired before the customer paid.');

  // One tap (Enter does the same): the same sale, amount, note and PaymentIntent, with a new QR.
  await cashier.newQr();
  await cashier.expectStatus('awaiting_payment');
  await expect(cashier.status).toHaveAttribute('data-sale-id', saleId);
  await expect(cashier.status).toHaveAttribute('data-payment-intent-id', paymentIntentId);
  await expect(cashier.amountDisplay).toHaveText('฿240.00');
  await expect(cashier.description).toHaveValue('Table 7');
  await customer.expectStatus('awaiting_payment');
  await expect(customer.amount).toContainText('240.00');
  const secondQr = await decodeQrShown(customer.qr);
  expect(secondQr).not.toBe(firstQr);

  await cashier.simulate('pay');
  await cashier.expectStatus('succeeded');
  await customer.expectStatus('succeeded');
  await expect(cashier.recentSales.getByText('Table 7')).toHaveCount(1);
});

test('Enter asks for a New QR on a failed sale', async ({ page }) => {
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=th');
  const cashier = new TillPage(page);
  await cashier.press(['3', '3']);
  await cashier.press(['Enter']);
  await cashier.expectStatus('awaiting_payment');
  await cashier.simulate('fail');
  await cashier.expectStatus('failed');
  await expect(page.getByTestId('new-qr-button')).toBeVisible();
  await cashier.press(['Enter']);
  await cashier.expectStatus('awaiting_payment');
  await expect(cashier.amountDisplay).toHaveText('฿33.00');
});

test('the simulator hosted test-payment page in the QR is reachable through the till and can authorize', async ({ page }) => {
  const response = await fetch(`${till.baseUrl}/payments/intents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${till.apiToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ amount: 2500, description: 'from the ordering app' }),
  });
  expect(response.status).toBe(201);
  const created = (await response.json()) as { paymentIntentId: string; saleId: string; qr: { data: string } };
  await page.goto(`${till.baseUrl}/customer/?lang=en`);
  const customer = new CustomerDisplayPage(page);
  await customer.expectStatus('awaiting_payment');
  const control = await fetch(`${till.baseUrl}/_sim/payment_intents/${created.paymentIntentId}/succeed`, { method: 'POST' });
  expect(control.ok).toBe(true);
  await customer.expectStatus('succeeded');
});

test('after a paid sale the first digit typed starts the next sale', async ({ page }) => {
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=en');
  const cashier = new TillPage(page);
  await cashier.press(['3', '0', 'Enter']);
  await cashier.expectStatus('awaiting_payment');
  await cashier.simulate('pay');
  await cashier.expectStatus('succeeded');
  await cashier.press(['7']);
  await expect(cashier.amountDisplay).toHaveText('฿7');
  await expect(page.getByTestId('keypad-1')).toBeVisible();
});

test("recent sales show times in the shop's zone, not the computer's", async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: 'America/New_York' });
  const page = await context.newPage();
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=en');
  const cashier = new TillPage(page);
  await cashier.press(['4', '5', 'Enter']);
  const { saleId } = await cashier.awaitingSale();
  const sale = await posCall<{ createdAt: number }>(page, till.baseUrl, 'sales.get', { saleId });
  const bangkok = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Bangkok', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(sale.value!.createdAt);
  await expect(page.locator(`[data-testid="recent-sales"] [data-sale-id="${saleId}"]`)).toContainText(bangkok);
  await cashier.cancelSale();
  await context.close();
});
