import { expect, test } from '@playwright/test';
import { decodeQrShown } from './support/qr-decode';
import { startTill, type Till } from './support/processes';
import { openSignedIn, posCall } from './support/sign-in';

// Demo mode: no Stripe key, the embedded simulator, a DEMO badge and a "simulate customer" panel.
let till: Till;
test.beforeAll(async () => {
  till = await startTill();
});
test.afterAll(async () => {
  await till?.host.stop();
});

test('in demo mode the cashier can simulate the customer paying and both screens say paid', async ({ page, context }) => {
  const customer = await context.newPage();
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=th');
  await customer.goto(`${till.baseUrl}/customer/?lang=th`);
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  for (const key of ['1', '5', '0']) await page.keyboard.press(key);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-status')).toHaveAttribute('data-status', 'awaiting_payment');
  await expect(customer.getByTestId('customer-qr')).toBeVisible({ timeout: 2_000 });
  await page.getByTestId('simulate-pay').click();
  await expect(page.getByTestId('sale-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 2_000 });
  await expect(customer.getByTestId('customer-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 2_000 });
});

test('an expired QR gets a New QR for the same sale, and paying that one makes the sale paid on both screens', async ({ page, context }) => {
  const customer = await context.newPage();
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=en');
  await customer.goto(`${till.baseUrl}/customer/?lang=en`);
  await expect(customer.getByTestId('customer-mode-badge')).toHaveAttribute('data-mode', 'demo');
  await page.bringToFront();
  await page.getByTestId('description-input').fill('Table 7');
  await page.getByTestId('description-input').blur();
  for (const key of ['2', '4', '0']) await page.keyboard.press(key);
  await page.keyboard.press('Enter');
  const status = page.getByTestId('sale-status');
  await expect(status).toHaveAttribute('data-status', 'awaiting_payment');
  const saleId = await status.getAttribute('data-sale-id');
  const paymentIntentId = await status.getAttribute('data-payment-intent-id');
  const firstQr = await decodeQrShown(customer.getByTestId('customer-qr'), 2_000);

  await page.getByTestId('simulate-expire').click();
  await expect(status).toHaveAttribute('data-status', 'expired', { timeout: 2_000 });
  await expect(customer.getByTestId('customer-status')).toHaveAttribute('data-status', 'expired', { timeout: 2_000 });
  await expect(page.getByTestId('sale-ended-reason')).toHaveText('Stripe ended the QR: it expired before the customer paid.');

  // One tap (Enter does the same): the same sale, amount, note and PaymentIntent, with a new QR.
  await page.getByTestId('new-qr-button').click();
  await expect(status).toHaveAttribute('data-status', 'awaiting_payment', { timeout: 2_000 });
  await expect(status).toHaveAttribute('data-sale-id', saleId!);
  await expect(status).toHaveAttribute('data-payment-intent-id', paymentIntentId!);
  await expect(page.getByTestId('amount-display')).toHaveText('฿240.00');
  await expect(page.getByTestId('description-input')).toHaveValue('Table 7');
  await expect(customer.getByTestId('customer-status')).toHaveAttribute('data-status', 'awaiting_payment', { timeout: 2_000 });
  await expect(customer.getByTestId('customer-amount')).toContainText('240.00');
  const secondQr = await decodeQrShown(customer.getByTestId('customer-qr'));
  expect(secondQr).not.toBe(firstQr);

  await page.getByTestId('simulate-pay').click();
  await expect(status).toHaveAttribute('data-status', 'succeeded', { timeout: 2_000 });
  await expect(customer.getByTestId('customer-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 2_000 });
  await expect(page.getByTestId('recent-sales').getByText('Table 7')).toHaveCount(1);
});

test('Enter asks for a New QR on a failed sale', async ({ page }) => {
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=th');
  for (const key of ['3', '3']) await page.keyboard.press(key);
  await page.keyboard.press('Enter');
  const status = page.getByTestId('sale-status');
  await expect(status).toHaveAttribute('data-status', 'awaiting_payment');
  await page.getByTestId('simulate-fail').click();
  await expect(status).toHaveAttribute('data-status', 'failed', { timeout: 2_000 });
  await expect(page.getByTestId('new-qr-button')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(status).toHaveAttribute('data-status', 'awaiting_payment', { timeout: 2_000 });
  await expect(page.getByTestId('amount-display')).toHaveText('฿33.00');
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
  await expect(page.getByTestId('customer-status')).toHaveAttribute('data-status', 'awaiting_payment');
  const control = await fetch(`${till.baseUrl}/_sim/payment_intents/${created.paymentIntentId}/succeed`, { method: 'POST' });
  expect(control.ok).toBe(true);
  await expect(page.getByTestId('customer-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 2_000 });
});

test('after a paid sale the first digit typed starts the next sale', async ({ page }) => {
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=en');
  for (const key of ['3', '0', 'Enter']) await page.keyboard.press(key);
  await expect(page.getByTestId('sale-status')).toHaveAttribute('data-status', 'awaiting_payment');
  await page.getByTestId('simulate-pay').click();
  await expect(page.getByTestId('sale-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 2_000 });
  await page.keyboard.press('7');
  await expect(page.getByTestId('amount-display')).toHaveText('฿7');
  await expect(page.getByTestId('keypad-1')).toBeVisible();
});

test("recent sales show times in the shop's zone, not the computer's", async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: 'America/New_York' });
  const page = await context.newPage();
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=en');
  for (const key of ['4', '5', 'Enter']) await page.keyboard.press(key);
  const status = page.getByTestId('sale-status');
  await expect(status).toHaveAttribute('data-status', 'awaiting_payment');
  const saleId = (await status.getAttribute('data-sale-id'))!;
  const sale = await posCall<{ createdAt: number }>(page, till.baseUrl, 'sales.get', { saleId });
  const bangkok = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Bangkok', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(sale.value!.createdAt);
  await expect(page.locator(`[data-testid="recent-sales"] [data-sale-id="${saleId}"]`)).toContainText(bangkok);
  await page.getByTestId('cancel-button').click();
  await context.close();
});
