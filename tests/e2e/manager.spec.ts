import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { startTill, type Till } from './support/processes';
import { OWNER, answered, openSignedIn, posCall, tapPin } from './support/sign-in';

// The manager's side in demo mode, driven through the UI: first run, sign-in and lockout, history
// search, sale detail and refunds, the daily report and a CSV export.
let till: Till;
test.beforeAll(async () => {
  till = await startTill();
});
test.afterAll(async () => {
  await till?.host.stop();
});

/** Rings up and pays a demo sale on the till; returns its sale and PaymentIntent ids. */
async function paidSale(page: Page, keys: string, description: string): Promise<{ saleId: string; paymentIntentId: string }> {
  await page.goto(`${till.baseUrl}/cashier/?lang=en#/`);
  await page.getByTestId('keypad-clear').click();
  for (const key of keys) await page.getByTestId(key === '.' ? 'keypad-dot' : `keypad-${key}`).click();
  await page.getByTestId('description-input').fill(description);
  await page.getByTestId('charge-button').click();
  const status = page.getByTestId('sale-status');
  await expect(status).toHaveAttribute('data-status', 'awaiting_payment');
  await page.getByTestId('simulate-pay').click();
  await expect(status).toHaveAttribute('data-status', 'succeeded');
  const saleId = (await status.getAttribute('data-sale-id'))!;
  const paymentIntentId = (await status.getAttribute('data-payment-intent-id'))!;
  await page.getByTestId('new-sale-button').click();
  return { saleId, paymentIntentId };
}

test('first run creates the owner through the UI; wrong PINs are refused and then lock the name', async ({ page }) => {
  await page.goto(`${till.baseUrl}/cashier/?lang=en`);
  await expect(page.getByTestId('setup-screen')).toBeVisible();
  await page.getByTestId('setup-name').fill(OWNER.name);
  await page.getByTestId('setup-name').press('Enter');
  // The physical keyboard works on the PIN pad.
  await page.keyboard.type(OWNER.pin);
  await page.keyboard.press('Enter');
  await page.keyboard.type('999999');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('auth-error')).toContainText('different');
  await page.keyboard.type(OWNER.pin);
  const created = answered(page, 'auth.setupOwner');
  await page.keyboard.press('Enter');
  await created;
  await expect(page.getByTestId('current-user')).toContainText(OWNER.name);
  await expect(page.getByTestId('keypad-1')).toBeVisible();

  // The owner adds a cashier on the People screen.
  await page.getByTestId('manager-button').click();
  await page.getByTestId('tab-people').click();
  await page.getByTestId('person-name').fill('Nok');
  await page.getByTestId('person-pin').fill('1357');
  await page.getByTestId('person-add').click();
  await expect(page.getByTestId('people-notice')).toContainText('Nok');
  await expect(page.getByTestId('person-row')).toHaveCount(2);

  // Switch user: Nok types wrong PINs until the name is locked.
  await page.getByTestId('sign-out-button').click();
  await expect(page.getByTestId('sign-in-screen')).toBeVisible();
  await page.getByTestId('cashier-tile').filter({ hasText: 'Nok' }).click();
  await tapPin(page, '0000');
  await page.getByTestId('sign-in-button').click();
  await expect(page.getByTestId('auth-error')).toContainText('Wrong PIN');
  await expect(page.getByTestId('auth-error')).toContainText(/tries left/);
  // Each try waits for the till's answer (the PIN is checked with scrypt, seconds on a loaded machine)
  // before reading the message: the screen clears it on Enter and shows the new one with the answer,
  // so the next PIN is never typed while one is still being checked, nor an old message read.
  const tryPin = async (pin: string): Promise<string> => {
    await page.keyboard.type(pin);
    const answer = answered(page, 'auth.signIn');
    await page.keyboard.press('Enter');
    await answer;
    await expect(page.getByTestId('auth-error')).toBeVisible();
    return (await page.getByTestId('auth-error').textContent()) ?? '';
  };
  let locked = false;
  for (let attempt = 0; attempt < 8 && !locked; attempt += 1) locked = /locked/i.test(await tryPin('0000'));
  expect(locked).toBe(true);
  await expect(page.getByTestId('auth-error')).toContainText(/Try again at \d{1,2}:\d{2}/);
  // Even the right PIN is refused while locked, and nobody is signed in.
  expect(await tryPin('1357')).toMatch(/locked/i);
  await expect(page.getByTestId('sign-in-screen')).toBeVisible();
  const status = await posCall<{ user: unknown }>(page, till.baseUrl, 'auth.status', {});
  expect(status.value?.user).toBeNull();
});

test('a cashier needs a manager PIN to open history, the daily report or export; refused without it', async ({ page }) => {
  await openSignedIn(page, till.baseUrl);
  const created = await posCall<{ cashierId: string }>(page, till.baseUrl, 'cashiers.create', { name: 'Mali', pin: '8642', role: 'cashier' });
  expect(created.ok).toBe(true);
  await page.getByTestId('sign-out-button').click();
  await page.getByTestId('cashier-tile').filter({ hasText: 'Mali' }).click();
  await tapPin(page, '8642');
  const signedIn = answered(page, 'auth.signIn');
  await page.getByTestId('sign-in-button').click();
  await signedIn;
  await expect(page.getByTestId('current-user')).toContainText('Mali');

  // Without the manager role the core refuses the export and nothing is started.
  const refused = await posCall(page, till.baseUrl, 'reports.export', { from: '2026-01-01', to: '2026-01-01', format: 'csv' });
  expect(refused.error?.code).toBe('forbidden');

  // History, sale details and refunds show customers' emails: the core refuses them to a cashier.
  const search = await posCall(page, till.baseUrl, 'sales.search', { from: '2026-01-01', to: '2026-01-01' });
  expect(search.error?.code).toBe('forbidden');

  // Manager asks for a manager's PIN before anything of the manager's area shows; without it the till stays.
  await page.getByTestId('manager-button').click();
  await expect(page.getByTestId('elevate-dialog')).toBeVisible();
  await expect(page.getByTestId('history-view')).toHaveCount(0);
  await page.getByTestId('elevate-cancel').click();
  await expect(page.getByTestId('elevate-dialog')).toBeHidden();
  await expect(page.getByTestId('keypad-1')).toBeVisible();
  await expect(page.getByTestId('manager-button')).toBeVisible();

  // A report opened by its address asks too, and says why when refused.
  await page.goto(`${till.baseUrl}/cashier/?lang=en#/report`);
  await expect(page.getByTestId('elevate-dialog')).toBeVisible();
  await page.getByTestId('elevate-cancel').click();
  await expect(page.getByRole('alert')).toContainText('manager');

  await page.getByTestId('tab-exports').click();
  await page.getByTestId('export-start').click();
  await expect(page.getByTestId('elevate-dialog')).toBeVisible();
  await page.keyboard.type('1111');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('elevate-error')).toContainText('Wrong PIN');
  await page.keyboard.type(OWNER.pin);
  const elevated = answered(page, 'auth.elevate');
  await page.keyboard.press('Enter');
  await elevated;
  await expect(page.getByTestId('elevate-dialog')).toBeHidden();
  // The export that needed the PIN was retried and runs.
  await expect(page.getByTestId('export-job').first()).toBeVisible();
  await expect(page.getByTestId('current-user')).toContainText(/Manager \(temporary\)/);

  // Raised for a while: History opens without another PIN.
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history-view')).toBeVisible();
  await expect(page.getByTestId('elevate-dialog')).toHaveCount(0);
});

test('focus follows the area: Enter after opening the manager area does not press Back to till, and back at the till Enter charges', async ({ page }) => {
  await openSignedIn(page, till.baseUrl);
  await page.getByTestId('manager-button').click();
  await expect(page.getByTestId('history-view')).toBeVisible();
  await expect(page.locator('#manager-main')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('history-view')).toBeVisible();

  await page.getByTestId('till-button').click();
  await expect(page.getByTestId('keypad-1')).toBeVisible();
  await expect(page.locator('#till-main')).toBeFocused();
  await page.keyboard.type('55');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-status')).toHaveAttribute('data-status', 'awaiting_payment');
  await expect(page.getByTestId('manager-button')).toBeVisible();
  await page.getByTestId('cancel-button').click();
});

test('history finds a paid sale by amount and by PaymentIntent id, and its detail shows the timeline', async ({ page }) => {
  await openSignedIn(page, till.baseUrl);
  const sale = await paidSale(page, '123.45', 'History latte');
  await page.getByTestId('manager-button').click();
  await expect(page.getByTestId('history-view')).toBeVisible();

  await page.getByTestId('history-search').fill('123.45');
  await page.getByTestId('history-search').press('Enter');
  await expect(page.getByTestId('history-row')).toHaveCount(1);
  await expect(page.getByTestId('history-row')).toHaveAttribute('data-sale-id', sale.saleId);

  await page.getByTestId('history-search').fill(sale.paymentIntentId);
  await page.getByTestId('history-search-button').click();
  await expect(page.getByTestId('history-row')).toHaveCount(1);
  await expect(page.getByTestId('history-row')).toHaveAttribute('data-payment-intent-id', sale.paymentIntentId);
  // Shop language: the id is for the detail view, not a column of its own.
  await expect(page.getByTestId('history-list')).not.toContainText(sale.paymentIntentId);

  await page.getByTestId('history-row').click();
  await expect(page.getByTestId('sale-detail')).toHaveAttribute('data-sale-id', sale.saleId);
  await expect(page.getByTestId('detail-pi')).toHaveText(sale.paymentIntentId);
  await expect(page.getByTestId('detail-status')).toHaveText('Paid');
  await expect(page.getByTestId('timeline-entry').first()).toBeVisible();
  await expect(page.getByTestId('timeline')).toContainText(OWNER.name);
  await expect(page.getByTestId('timeline')).toContainText('Sale started');
  await expect(page.getByTestId('timeline')).not.toContainText('awaiting_payment');
});

test('a partial refund of a paid sale goes through; more than what is left and unpaid sales are refused', async ({ page }) => {
  await openSignedIn(page, till.baseUrl);
  const sale = await paidSale(page, '300', 'Refund me');
  await page.goto(`${till.baseUrl}/cashier/?lang=en#/sale/${sale.saleId}`);
  await expect(page.getByTestId('detail-refundable')).toContainText('300.00');

  await page.getByTestId('refund-button').click();
  const dialog = page.getByTestId('refund-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('refund-max')).toContainText('300.00');
  // The email is required: PromptPay refunds are completed by Stripe emailing the customer.
  await page.getByTestId('refund-mode-partial').click();
  for (const key of ['1', '0', '0']) await dialog.getByTestId(`keypad-${key}`).click();
  await page.getByTestId('refund-submit').click();
  await expect(page.getByTestId('refund-problem')).toContainText('email');
  await page.getByTestId('refund-email').fill('customer@example.com');
  await page.getByTestId('refund-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('refund-row')).toHaveCount(1);
  await expect(page.getByTestId('refund-row').first()).toContainText('100.00');
  await expect(page.getByTestId('refund-status').first()).toHaveText(/Pending|Waiting for customer|Refunded/);
  await expect(page.getByTestId('detail-refundable')).toContainText('200.00');
  await expect(page.getByTestId('detail-refund-state')).toHaveText('Partly refunded: ฿100.00 of ฿300.00');

  // Over-refund: refused in the dialog before any call…
  await page.getByTestId('refund-button').click();
  await page.getByTestId('refund-mode-partial').click();
  for (const key of ['2', '5', '0']) await dialog.getByTestId(`keypad-${key}`).click();
  await page.getByTestId('refund-email').fill('customer@example.com');
  await expect(page.getByTestId('refund-problem')).toContainText('more than what is left');
  await expect(page.getByTestId('refund-submit')).toBeDisabled();
  await dialog.getByTestId('keypad-backspace').click();
  await expect(page.getByTestId('refund-submit')).toBeEnabled();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  // …and by the core when asked directly, with nothing changed.
  const over = await posCall(page, till.baseUrl, 'refunds.create', { saleId: sale.saleId, amount: 25_000, email: 'customer@example.com' });
  expect(over.ok).toBe(false);
  expect(over.error?.message).toMatch(/refund/i);
  const detail = await posCall<{ refunds: unknown[]; refundable: number }>(page, till.baseUrl, 'sales.detail', { saleId: sale.saleId });
  expect(detail.value?.refunds).toHaveLength(1);
  expect(detail.value?.refundable).toBe(20_000);
  await expect(page.getByTestId('refund-row')).toHaveCount(1);

  // A sale that was never paid cannot be refunded: the button is off and the core refuses.
  await page.goto(`${till.baseUrl}/cashier/?lang=en#/`);
  await page.getByTestId('keypad-clear').click();
  for (const key of ['4', '0']) await page.getByTestId(`keypad-${key}`).click();
  await page.getByTestId('charge-button').click();
  await expect(page.getByTestId('sale-status')).toHaveAttribute('data-status', 'awaiting_payment');
  await page.getByTestId('simulate-fail').click();
  await expect(page.getByTestId('sale-status')).toHaveAttribute('data-status', 'failed');
  const failedId = (await page.getByTestId('sale-status').getAttribute('data-sale-id'))!;
  await page.getByTestId('new-sale-button').click();
  await page.goto(`${till.baseUrl}/cashier/?lang=en#/sale/${failedId}`);
  await expect(page.getByTestId('refund-button')).toBeDisabled();
  const unpaid = await posCall(page, till.baseUrl, 'refunds.create', { saleId: failedId, amount: 1000, email: 'customer@example.com' });
  expect(unpaid.ok).toBe(false);
  const failedDetail = await posCall<{ refunds: unknown[] }>(page, till.baseUrl, 'sales.detail', { saleId: failedId });
  expect(failedDetail.value?.refunds).toHaveLength(0);
});

test('the daily report names sales from another system (the REST API) in the screen language', async ({ page }) => {
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=th');
  const created = await fetch(`${till.baseUrl}/payments/intents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${till.apiToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ amount: 4_200, description: 'from the ordering app' }),
  });
  expect(created.status).toBe(201);
  const { paymentIntentId } = (await created.json()) as { paymentIntentId: string };
  expect((await fetch(`${till.baseUrl}/_sim/payment_intents/${paymentIntentId}/succeed`, { method: 'POST' })).ok).toBe(true);
  await expect.poll(async () => (await posCall<{ status: string }[]>(page, till.baseUrl, 'sales.list', {})).value?.[0]?.status).toBe('succeeded');

  await page.goto(`${till.baseUrl}/cashier/?lang=th#/report`);
  const names = page.getByTestId('report-by-cashier').getByTestId('report-cashier-name');
  await expect(names.filter({ hasText: 'ระบบอื่น (API)' })).toHaveCount(1);
  await expect(page.getByTestId('report-by-cashier')).not.toContainText('no cashier');
});

test('the daily report shows the paid sale, and a CSV export completes with progress and downloads', async ({ page }) => {
  await openSignedIn(page, till.baseUrl);
  const sale = await paidSale(page, '88.50', 'Report noodles');
  await page.getByTestId('manager-button').click();
  await page.getByTestId('tab-report').click();
  await expect(page.getByTestId('report-view')).toBeVisible();
  const row = page.locator(`[data-testid="report-payment-row"][data-sale-id="${sale.saleId}"]`);
  await expect(row).toContainText('88.50');
  // Shop language: the PaymentIntent id is in the sale's detail, not a report column.
  await expect(row).toContainText('Report noodles');
  await expect(row).not.toContainText(sale.paymentIntentId);
  await expect(page.getByTestId('kpi-paid')).toBeVisible();
  await expect(page.getByTestId('hour-chart').locator('rect.hour-chart__bar').first()).toBeVisible();

  await page.getByTestId('tab-exports').click();
  await page.getByTestId('export-format-csv').click();
  await page.getByTestId('export-start').click();
  const job = page.getByTestId('export-job').first();
  await expect(job).toBeVisible();
  await expect(page.getByTestId('export-progress').first()).toBeVisible();
  await expect(job).toHaveAttribute('data-status', 'done', { timeout: 15_000 });
  await expect(page.getByTestId('export-count').first()).toContainText('100%');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').first().click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv).toContain(sale.paymentIntentId);
});
