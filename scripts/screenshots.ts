// Screenshots of the cashier and customer display, in Thai and English: idle, an amount typed the
// Thai way, awaiting (QR), paid, failed and expired (with New QR), canceled, the Stripe account
// banners and approval; the till at 1280x800 and 1024x600, the customer display at 1920x1080 and a
// portrait tablet; then the manager's side (first run, sign-in, history, sale detail, refund, report,
// exports, people, settings). Needs a running browser-mode host in demo mode on a FRESH data dir (the first-run screen
// is shot before the owner exists) and a built renderer:
//   npx vite build
//   POS_DATA_DIR=$(mktemp -d) POS_PORT=4310 POS_API_TOKEN=t SIM_QR_FORMAT=emv npx tsx electron/host/main.ts &
//   SCREENSHOT_BASE_URL=http://127.0.0.1:4310 npx tsx scripts/screenshots.ts
// Writes PNGs to docs/screenshots/ (or SCREENSHOT_DIR). Uses Debian's Chromium (CHROMIUM_PATH).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { shootManagerScreens, shootSetupScreens, signInOwner } from './screenshots-manager';

const baseUrl = (process.env.SCREENSHOT_BASE_URL ?? 'http://127.0.0.1:4310').replace(/\/$/, '');
const outDir = path.resolve(process.env.SCREENSHOT_DIR ?? 'docs/screenshots');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const TILL = { width: 1280, height: 800 };
const SMALL_TILL = { width: 1024, height: 600 };
const CUSTOMER_SCREENS = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '800x1280', width: 800, height: 1280 },
];

async function openPage(browser: Browser, url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'th-TH', timezoneId: 'Asia/Bangkok' });
  const page = await context.newPage();
  // The till needs a signed-in cashier (the customer display does not).
  if (url.includes('/cashier/')) await signInOwner(page, baseUrl);
  page.on('console', (message) => {
    if (message.type() === 'error') console.error(`[${url}] ${message.text()}`);
  });
  page.on('pageerror', (error) => console.error(`[${url}] ${error.message}`));
  await page.goto(url);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

/** The till at both sizes it is sold with: `${name}-1280x800` and `${name}-1024x600`. */
async function tillShots(page: Page, name: string): Promise<void> {
  await shot(page, `${name}-1280x800`);
  await page.setViewportSize(SMALL_TILL);
  await page.waitForTimeout(150);
  await shot(page, `${name}-1024x600`);
  await page.setViewportSize(TILL);
  await page.waitForTimeout(150);
}

/**
 * Holds app.info's Stripe block for one frame (the one part not taken live: a demo host has no Stripe
 * account, and an account change needs a second ledger start). Returns the release function.
 */
async function holdStripeInfo(page: Page, stripe: Record<string, unknown>): Promise<() => Promise<void>> {
  const pattern = '**/api/pos/app.info';
  await page.route(pattern, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { ok: boolean; value?: Record<string, unknown> };
    if (body.value) body.value = { ...body.value, demo: false, mode: stripe.mode, stripe };
    await route.fulfill({ response, body: JSON.stringify(body) });
  });
  await page.reload();
  return async () => {
    await page.unroute(pattern);
    await page.reload();
  };
}

const TEST_ACCOUNT = { mode: 'test', account: 'acct_1QbKafeTest0001', accountName: 'Baan Kafe Co., Ltd.', pendingChange: null, missingPermissions: [] as string[] };
const LIVE_CHANGE = {
  mode: 'live',
  account: 'acct_1RzKafeLive0002',
  accountName: 'Baan Kafe Co., Ltd.',
  pendingChange: { fromMode: 'test', fromAccount: 'acct_1QbKafeTest0001', toMode: 'live', toAccount: 'acct_1RzKafeLive0002' },
  missingPermissions: [] as string[],
};

async function typeOnKeypad(page: Page, amount: string): Promise<void> {
  for (const ch of amount) await page.getByTestId(ch === '.' ? 'keypad-dot' : `keypad-${ch}`).click();
}

async function waitStatus(page: Page, testId: string, status: string): Promise<void> {
  await page.locator(`[data-testid="${testId}"][data-status="${status}"]`).waitFor({ timeout: 15_000 });
}

async function run(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    await shootSetupScreens(browser, baseUrl, shot);
    for (const lang of ['th', 'en'] as const) {
      const cashier = await openPage(browser, `${baseUrl}/cashier/?lang=${lang}`, TILL);
      const customers = await Promise.all(
        CUSTOMER_SCREENS.map(async (screen) => ({ screen, page: await openPage(browser, `${baseUrl}/customer/?lang=${lang}`, screen) })),
      );
      // A sale left awaiting payment comes back after a reload: finish it so the till starts idle.
      await cashier.locator('[data-testid="keypad-1"], [data-testid="cancel-button"]').first().waitFor();
      if (await cashier.getByTestId('cancel-button').isVisible()) {
        await cashier.getByTestId('cancel-button').click();
        await cashier.getByTestId('new-sale-button').click();
      }
      await cashier.getByTestId('keypad-1').waitFor();
      // Let any result from a previous sale fall back to the welcome screen.
      for (const { page } of customers) await waitStatus(page, 'customer-status', 'idle');

      // Idle.
      await tillShots(cashier, `cashier-${lang}-idle`);
      for (const { screen, page } of customers) await shot(page, `customer-${lang}-idle-${screen.name}`);

      // A validation message: below the ฿10 minimum, no call is made.
      await typeOnKeypad(cashier, '5');
      await cashier.getByTestId('charge-button').click();
      await cashier.getByTestId('amount-error').waitFor();
      await shot(cashier, `cashier-${lang}-amount-error-1280x800`);
      await cashier.getByTestId('keypad-clear').click();

      // Typed on the keyboard the Thai way: "12,500" is twelve thousand five hundred baht.
      await cashier.keyboard.type('12,500');
      await tillShots(cashier, `cashier-${lang}-typed-12500`);
      await cashier.getByTestId('keypad-clear').click();

      // Awaiting payment, QR on the customer display.
      await typeOnKeypad(cashier, '245.50');
      await cashier.getByTestId('description-input').fill(lang === 'th' ? 'ลาเต้เย็น 2 แก้ว' : '2 iced lattes');
      await cashier.getByTestId('charge-button').click();
      await waitStatus(cashier, 'sale-status', 'awaiting_payment');
      await cashier.getByTestId('cashier-qr').waitFor();
      for (const { page } of customers) await page.getByTestId('customer-qr').waitFor();
      await tillShots(cashier, `cashier-${lang}-awaiting`);
      for (const { screen, page } of customers) await shot(page, `customer-${lang}-awaiting-${screen.name}`);

      // Paid.
      await cashier.getByTestId('simulate-pay').click();
      await waitStatus(cashier, 'sale-status', 'succeeded');
      for (const { page } of customers) await waitStatus(page, 'customer-status', 'succeeded');
      await tillShots(cashier, `cashier-${lang}-paid`);
      for (const { screen, page } of customers) await shot(page, `customer-${lang}-paid-${screen.name}`);

      await cashier.getByTestId('new-sale-button').click();
      await waitStatus(cashier, 'sale-status', 'idle');

      // Failed: New QR for the same sale; it expires too, then the cashier cancels another sale.
      await typeOnKeypad(cashier, '80');
      await cashier.getByTestId('charge-button').click();
      await waitStatus(cashier, 'sale-status', 'awaiting_payment');
      await cashier.getByTestId('simulate-fail').click();
      await waitStatus(cashier, 'sale-status', 'failed');
      await waitStatus(customers[0].page, 'customer-status', 'failed');
      await cashier.locator('[data-testid="new-qr-button"]:not([disabled])').waitFor();
      await tillShots(cashier, `cashier-${lang}-failed`);
      await shot(customers[0].page, `customer-${lang}-failed-${customers[0].screen.name}`);
      await cashier.getByTestId('new-qr-button').click();
      await waitStatus(cashier, 'sale-status', 'awaiting_payment');
      await cashier.getByTestId('simulate-expire').click();
      await waitStatus(cashier, 'sale-status', 'expired');
      await waitStatus(customers[0].page, 'customer-status', 'expired');
      await cashier.locator('[data-testid="new-qr-button"]:not([disabled])').waitFor();
      await tillShots(cashier, `cashier-${lang}-expired`);
      await shot(customers[0].page, `customer-${lang}-expired-${customers[0].screen.name}`);
      await cashier.getByTestId('new-sale-button').click();
      await typeOnKeypad(cashier, '1200');
      await cashier.getByTestId('charge-button').click();
      await waitStatus(cashier, 'sale-status', 'awaiting_payment');
      await cashier.getByTestId('cancel-button').click();
      await waitStatus(cashier, 'sale-status', 'canceled');
      await waitStatus(customers[0].page, 'customer-status', 'canceled');
      await shot(cashier, `cashier-${lang}-canceled-1280x800`);
      await shot(customers[0].page, `customer-${lang}-canceled-${customers[0].screen.name}`);
      await cashier.getByTestId('new-sale-button').click();
      await waitStatus(cashier, 'sale-status', 'idle');

      // The Stripe account on screen (app.info held, see holdStripeInfo): test mode with a key that
      // lacks a permission, then a changed account waiting for a manager, and the approval PIN.
      let release = await holdStripeInfo(cashier, { ...TEST_ACCOUNT, missingPermissions: ['Refunds: Write'] });
      await cashier.getByTestId('stripe-permissions-banner').waitFor();
      await tillShots(cashier, `cashier-${lang}-stripe-permissions`);
      await release();
      release = await holdStripeInfo(cashier, LIVE_CHANGE);
      await cashier.getByTestId('stripe-change-banner').waitFor();
      await tillShots(cashier, `cashier-${lang}-stripe-change`);
      await cashier.getByTestId('stripe-approve-button').click();
      await cashier.getByTestId('stripe-approve-dialog').waitFor();
      await cashier.keyboard.type('24');
      await tillShots(cashier, `cashier-${lang}-stripe-approve`);
      await cashier.keyboard.press('Escape');
      await release();
      const customer = customers[0].page;
      const releaseCustomer = await holdStripeInfo(customer, TEST_ACCOUNT);
      await customer.getByTestId('customer-mode-badge').waitFor();
      await shot(customer, `customer-${lang}-test-mode-1920x1080`);
      await releaseCustomer();
      await cashier.context().close();
      for (const { page } of customers) await page.context().close();
    }
    await shootManagerScreens(browser, baseUrl, shot);
  } finally {
    await browser.close();
  }
}

run().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
