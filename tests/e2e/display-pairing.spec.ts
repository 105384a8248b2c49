import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startTill, type Till } from './support/processes';
import { openSignedIn } from './support/sign-in';
import { nonLoopbackIPv4 } from '../support/lan-address';

// Pairing a tablet as the customer display, in a real browser. The host listens on every address
// (POS_HOST=0.0.0.0); the till's own browser uses http://127.0.0.1 (loopback: the till itself, no
// pairing), the "tablet" opens the customer display at this machine's LAN address, so the host sees
// it as a device off the till. Skipped only when the machine has no LAN address.

const address = nonLoopbackIPv4();
// Screenshots go to test-results/ on an ordinary run; POS_UPDATE_SCREENSHOTS=1 refreshes docs/screenshots.
const SHOTS = path.join(process.cwd(), process.env.POS_UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots');
let till: Till;
let lanBase: string;

test.skip(address === null, 'this machine has no LAN address');
test.beforeAll(async () => {
  till = await startTill({ POS_HOST: '0.0.0.0' });
  lanBase = till.baseUrl.replace('127.0.0.1', address!);
});
test.afterAll(async () => {
  await till?.host.stop();
});

async function tablet(browser: Browser, lang: 'th' | 'en', viewport = { width: 1024, height: 768 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${lanBase}/customer/?lang=${lang}`);
  return page;
}

/** Opens "Pair a customer display" on the till and returns the code it shows. */
async function codeOnTill(page: Page): Promise<string> {
  await page.getByTestId('pair-display-button').click();
  const code = page.getByTestId('pair-code');
  await expect(code).toHaveAttribute('data-code', /^\d{6}$/);
  await expect(page.getByTestId('pair-code-countdown')).toContainText(/0[45]:\d\d/);
  return (await code.getAttribute('data-code'))!;
}

test('an unpaired tablet is asked for the code; a wrong code is refused and the right one starts the display', async ({ page, browser }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=en');
  // The till itself (loopback) shows its customer display without pairing.
  const own = await page.context().newPage();
  await own.goto(`${till.baseUrl}/customer/?lang=en`);
  await expect(own.getByTestId('customer-status')).toHaveAttribute('data-status', 'idle');
  await own.close();

  const display = await tablet(browser, 'en');
  await expect(display.getByTestId('pairing-screen')).toBeVisible();
  await expect(display.getByTestId('pairing-screen')).toContainText('Pair this display');
  await display.screenshot({ path: path.join(SHOTS, 'pairing-en-1024x768.png') });

  const code = await codeOnTill(page);
  await expect(page.getByTestId('pair-code')).toHaveText(`${code.slice(0, 3)} ${code.slice(3)}`);
  await page.screenshot({ path: path.join(SHOTS, 'pair-code-en-1280x800.png') });

  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  for (const digit of wrong) await display.getByTestId(`pairing-key-${digit}`).click();
  await expect(display.getByTestId('pairing-error')).toHaveAttribute('data-error', 'pair.error.wrong');
  await display.screenshot({ path: path.join(SHOTS, 'pairing-en-wrong-code-1024x768.png') });

  // The physical keyboard works too (a tablet with a keyboard cover).
  await display.keyboard.type(code);
  await expect(display.getByTestId('customer-status')).toHaveAttribute('data-status', 'idle');

  // The paired display follows the till's sale.
  await page.getByTestId('pair-display-dialog').getByRole('button', { name: 'Close' }).last().click();
  await page.getByTestId('keypad-clear').click();
  for (const key of '125') await page.getByTestId(`keypad-${key}`).click();
  await page.getByTestId('charge-button').click();
  await expect(display.getByTestId('customer-status')).toHaveAttribute('data-status', 'awaiting_payment');
  await expect(display.getByTestId('customer-amount')).toContainText('125.00');
  await page.getByTestId('simulate-pay').click();
  await expect(display.getByTestId('customer-status')).toHaveAttribute('data-status', 'succeeded');

  // A manager unpairs it in Settings: the tablet goes back to the pairing screen.
  await page.getByTestId('new-sale-button').click();
  await page.goto(`${till.baseUrl}/cashier/?lang=en#/settings`);
  const row = page.getByTestId('display-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Display 1');
  await page.screenshot({ path: path.join(SHOTS, 'settings-displays-en-1280x800.png'), fullPage: true });
  // The tablet learns it when its event stream drops and its next read of the till is refused (after
  // the stream's reconnect delay, longer on a loaded machine): that refusal is what is waited for.
  const refused = display.waitForResponse((response) => response.url().endsWith('/api/pos/sales.current') && !response.ok());
  await row.getByTestId('display-unpair').click();
  await expect(page.getByTestId('displays-card')).toContainText('No tablet is paired');
  await refused;
  await expect(display.getByTestId('pairing-screen')).toBeVisible();
  await display.context().close();
});

test('the pairing screen and the code dialog in Thai, and the pairing screen in portrait', async ({ page, browser }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=th');
  const landscape = await tablet(browser, 'th');
  await expect(landscape.getByTestId('pairing-screen')).toContainText('จับคู่จอนี้กับเครื่องขาย');
  await landscape.screenshot({ path: path.join(SHOTS, 'pairing-th-1024x768.png') });
  for (const [lang, name] of [['th', 'pairing-th-800x1280.png'], ['en', 'pairing-en-800x1280.png']] as const) {
    const portrait = await tablet(browser, lang, { width: 800, height: 1280 });
    await expect(portrait.getByTestId('pairing-screen')).toBeVisible();
    for (const digit of '482') await portrait.getByTestId(`pairing-key-${digit}`).click();
    await portrait.screenshot({ path: path.join(SHOTS, name) });
    await portrait.context().close();
  }
  await codeOnTill(page);
  await page.screenshot({ path: path.join(SHOTS, 'pair-code-th-1280x800.png') });
  await landscape.context().close();
});
