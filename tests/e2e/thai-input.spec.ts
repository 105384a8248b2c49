import { expect, test } from '@playwright/test';
import { startTill, type Till } from './support/processes';
import { openSignedIn } from './support/sign-in';

// Thai tills: the Thai face ships with the app, and a Thai keyboard layout still types amounts.
let till: Till;
test.beforeAll(async () => {
  till = await startTill();
});
test.afterAll(async () => {
  await till?.host.stop();
});

test('the Thai font is served by the till itself and renders Thai on the cashier and customer screens', async ({ page, context }) => {
  const fontRequests: string[] = [];
  context.on('request', (request) => {
    if (request.resourceType() === 'font') fontRequests.push(request.url());
  });
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=th');
  await page.evaluate(() => document.fonts.ready);
  expect(await page.evaluate(() => document.fonts.check('16px Sarabun', 'ทดสอบ'))).toBe(true);
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/^"?Sarabun/);
  const customer = await context.newPage();
  await customer.goto(`${till.baseUrl}/customer/?lang=th`);
  await customer.evaluate(() => document.fonts.ready);
  expect(await customer.evaluate(() => document.fonts.check('700 16px Sarabun', 'ทดสอบ'))).toBe(true);
  expect(fontRequests.length).toBeGreaterThan(0);
  for (const url of fontRequests) expect(url.startsWith(`${till.baseUrl}/`)).toBe(true);
  expect(fontRequests.some((url) => /sarabun-thai-\d+-normal.*\.woff2$/.test(url))).toBe(true);
});
