import { expect, test } from '@playwright/test';
import { startStandaloneSim, startTill, tempDir, type StandaloneSim, type Till } from './support/processes';
import { OWNER, answered, openSignedIn, posCall } from './support/sign-in';

// Where the money goes, on screen: the Stripe mode and account in the cashier's header and on the
// customer display, a changed account that pauses charging until a manager approves it, and a
// restricted key's missing permissions named. Against a standalone simulator, as against Stripe.
let sim: StandaloneSim;
const tills: Till[] = [];

test.beforeAll(async () => {
  sim = await startStandaloneSim();
});
test.afterAll(async () => {
  for (const running of tills) await running.host.stop();
  await sim?.process.stop();
});

async function till(env: Record<string, string>, dataDir?: string): Promise<Till> {
  const started = await startTill(env, dataDir);
  tills.push(started);
  return started;
}

test('a test-mode till names its Stripe account; switched to demo on the same ledger, charging waits for a manager to approve', async ({ page, context }) => {
  const dataDir = tempDir('chamra-e2e-account-');
  const first = await till({ STRIPE_SECRET_KEY: 'sk_test_e2e_first', STRIPE_API_BASE: sim.url }, dataDir);
  await openSignedIn(page, first.baseUrl);
  const chip = page.getByTestId('stripe-account');
  await expect(chip).toHaveAttribute('data-mode', 'test');
  await expect(chip).toContainText('TEST MODE');
  await expect(page.getByTestId('stripe-account-name')).toContainText('acct_1ChamraSimulatorTH');
  const customer = await context.newPage();
  await customer.goto(`${first.baseUrl}/customer/?lang=en`);
  await expect(customer.getByTestId('customer-mode-badge')).toHaveAttribute('data-mode', 'test');
  await expect(customer.getByTestId('customer-mode-badge')).toContainText('no real money moves');
  await customer.close();
  await first.host.stop();

  // The same ledger, now without a key (demo): a different account and mode.
  const second = await till({}, dataDir);
  await openSignedIn(page, second.baseUrl);
  const banner = page.getByTestId('stripe-change-banner');
  await expect(banner).toContainText('Stripe account changed from Stripe test acct_1ChamraSimulatorTH to Demo');
  await expect(banner).toContainText('charges are paused until a manager approves');
  await page.keyboard.type('25');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('core-error')).toContainText('Charges are paused until a manager approves the new Stripe account');
  await expect(page.getByTestId('sale-status')).toHaveAttribute('data-status', 'idle');
  expect((await posCall<unknown[]>(page, second.baseUrl, 'sales.list', {})).value).toEqual([]);

  await page.getByTestId('stripe-approve-button').click();
  const dialog = page.getByTestId('stripe-approve-dialog');
  await expect(dialog).toContainText('Demo');
  await page.keyboard.type('1111');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('stripe-approve-error')).toBeVisible();
  await expect(page.getByTestId('current-user')).toBeVisible();
  await page.keyboard.type(OWNER.pin);
  // The PIN is checked with scrypt before the till answers: slow on a loaded machine.
  const approved = answered(page, 'stripe.approveChange');
  await page.keyboard.press('Enter');
  await approved;
  await expect(dialog).toBeHidden();
  await expect(banner).toBeHidden();
  await expect(page.getByTestId('stripe-account')).toHaveAttribute('data-mode', 'demo');

  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-status')).toHaveAttribute('data-status', 'awaiting_payment');
  await page.getByTestId('cancel-button').click();
});

test('a restricted key without Refunds write is named in a banner, in Thai too', async ({ page }) => {
  const response = await fetch(`${sim.url}/_sim/restricted_keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: 'rk_test_e2e_no_refunds', permissions: { payment_intents: 'write', events: 'read' } }),
  });
  expect(response.ok).toBe(true);
  const restricted = await till({ STRIPE_SECRET_KEY: 'rk_test_e2e_no_refunds', STRIPE_API_BASE: sim.url });
  await openSignedIn(page, restricted.baseUrl);
  const banner = page.getByTestId('stripe-permissions-banner');
  await expect(banner).toContainText('missing permissions: Refunds: Write');
  await page.getByTestId('lang-toggle').click();
  await expect(banner).toContainText('คีย์ Stripe ขาดสิทธิ์: Refunds: Write');
});
