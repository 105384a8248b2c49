import { expect, test } from '@playwright/test';
import { startTill, type Till } from './support/processes';
import { openSignedIn } from './support/sign-in';

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
