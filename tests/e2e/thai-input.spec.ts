import { expect, test, type Page } from '@playwright/test';
import { startTill, type Till } from './support/processes';
import { OWNER, answered, openSignedIn, posCall } from './support/sign-in';
// Code passed to page.evaluate runs in the browser; the Node typings here have no DOM, so the few
// browser globals it uses are declared loosely for this file only.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;
declare const getComputedStyle: any;
declare const KeyboardEvent: any;

// Kedmanee's number row: Playwright's keyboard is US-only, so these presses are dispatched as the
// browser reports them with the Thai layout active (the letter in `key`, the physical key in `code`).
const KEDMANEE: Record<string, string> = { '1': 'ๅ', '2': '/', '3': '-', '4': 'ภ', '5': 'ถ', '6': 'ุ', '7': 'ึ', '8': 'ค', '9': 'ต', '0': 'จ' };

async function typeWithThaiLayout(page: Page, digits: string): Promise<void> {
  for (const digit of digits) {
    const press = digit === '.' ? { key: 'ใ', code: 'Period' } : { key: KEDMANEE[digit]!, code: `Digit${digit}` };
    await page.evaluate((init) => {
      (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { ...init, bubbles: true, cancelable: true }));
    }, press);
  }
}

// Thai tills: the Thai face ships with the app, and a Thai keyboard layout still types amounts.
let till: Till;
test.beforeAll(async () => {
  till = await startTill();
});
test.afterAll(async () => {
  await till?.host.stop();
});

test('first-run setup: Tab picks the PIN box that is typed into, and the Thai layout types digits', async ({ page }) => {
  await page.goto(`${till.baseUrl}/cashier/?lang=th`);
  await page.getByTestId('setup-shop-name').fill('ร้านกาแฟดอย');
  await page.getByTestId('setup-name').fill(OWNER.name);
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('setup-pin-field')).toBeFocused();
  await typeWithThaiLayout(page, OWNER.pin);
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('setup-confirm-field')).toBeFocused();
  await expect(page.getByTestId('setup-confirm-field')).toHaveClass(/is-active/);
  await expect(page.getByTestId('setup-pin-field').getByRole('img')).toHaveAttribute('data-length', String(OWNER.pin.length));
  await typeWithThaiLayout(page, OWNER.pin);
  await expect(page.getByTestId('setup-confirm-field').getByRole('img')).toHaveAttribute('data-length', String(OWNER.pin.length));
  // The owner's PIN is hashed with scrypt before the till answers (many seconds on a loaded machine):
  // the answer is waited for, then the signed-in screen.
  const created = answered(page, 'auth.setupOwner');
  await page.getByTestId('setup-submit').click();
  await created;
  await expect(page.getByTestId('current-user')).toBeVisible();
  const info = await posCall<{ shopName: string }>(page, till.baseUrl, 'app.info');
  expect(info.value?.shopName).toBe('ร้านกาแฟดอย');
});

test('with the Thai layout the number row and Thai digits type the amount; the customer sees the note and the shop name', async ({ page, context }) => {
  // The shop's name as first-run setup (the test above) named it; set here too, so this test does not
  // depend on that one having passed.
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=th');
  expect((await posCall(page, till.baseUrl, 'settings.update', { shopName: 'ร้านกาแฟดอย' })).ok).toBe(true);
  await expect(page.getByTestId('description-shown')).toHaveText('ลูกค้าจะเห็นหมายเหตุนี้บนจอของลูกค้า');
  await typeWithThaiLayout(page, '12.5');
  await page.evaluate(() => window.dispatchEvent(new KeyboardEvent('keydown', { key: '๐', bubbles: true, cancelable: true })));
  await expect(page.getByTestId('amount-display')).toHaveText('฿12.50');
  const customer = await context.newPage();
  await customer.goto(`${till.baseUrl}/customer/?lang=th`);
  await expect(customer.getByTestId('customer-status')).toHaveAttribute('data-status', /.+/);
  await page.bringToFront();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-status')).toHaveAttribute('data-status', 'awaiting_payment');
  await expect(customer.getByTestId('customer-payee')).toHaveText('ร้านกาแฟดอย');
});

test('the Thai font is served by the till itself and renders Thai on the cashier and customer screens', async ({ page, context }) => {
  const fontRequests: string[] = [];
  context.on('request', (request) => {
    if (request.resourceType() === 'font') fontRequests.push(request.url());
  });
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=th');
  // The page asks for the Thai face when it lays Thai text out, which on a loaded machine can come after
  // fonts.ready has already settled: wait until the face is loaded (check() never loads one itself).
  await expect.poll(() => page.evaluate(() => document.fonts.check('16px Sarabun', 'ทดสอบ'))).toBe(true);
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/^"?Sarabun/);
  const customer = await context.newPage();
  await customer.goto(`${till.baseUrl}/customer/?lang=th`);
  await expect.poll(() => customer.evaluate(() => document.fonts.check('700 16px Sarabun', 'ทดสอบ'))).toBe(true);
  expect(fontRequests.length).toBeGreaterThan(0);
  for (const url of fontRequests) expect(url.startsWith(`${till.baseUrl}/`)).toBe(true);
  expect(fontRequests.some((url) => /sarabun-thai-\d+-normal.*\.woff2$/.test(url))).toBe(true);
});

test('history dates are shown and typed day/month/Buddhist-era year on Thai screens; a day that is not real changes nothing', async ({ page }) => {
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=th#/history');
  const field = page.getByTestId('history-date');
  const iso = (await field.getAttribute('data-value'))!;
  const [year, month, day] = iso.split('-');
  await expect(field).toHaveValue(`${day}/${month}/${Number(year) + 543}`);
  await field.fill('31/02/2569');
  await field.press('Tab');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAttribute('data-value', iso);
  await field.fill('01/01/2569');
  await field.press('Tab');
  await expect(field).toHaveAttribute('data-value', '2026-01-01');
  await expect(field).toHaveValue('01/01/2569');
});
