import { expect, test } from '@playwright/test';
import { cashSale, confirmManual, manualQrSale, openCustomerDisplay, prepareShop } from './support/customer-display';
import { startTill, type Till } from './support/processes';
import { cashierScreens, openSignIn, paidSaleId, type Lang, violations } from './support/screens';
import { openSignedIn } from './support/sign-in';

// axe-core (WCAG 2.1 A and AA) finds nothing on any screen, in Thai and English.
const LANGS: Lang[] = ['th', 'en'];
const VIEWPORT = { width: 1280, height: 800 };

let till: Till;
test.beforeAll(async () => {
  till = await startTill();
});
test.afterAll(async () => {
  await till?.host.stop();
});

test('first-run setup', async ({ page }) => {
  const found: string[] = [];
  for (const lang of LANGS) {
    await page.goto(`${till.baseUrl}/cashier/?lang=${lang}`);
    await expect(page.getByTestId('setup-screen')).toBeVisible();
    found.push(...(await violations(page, `setup ${lang}`)));
  }
  expect(found).toEqual([]);
});

for (const lang of LANGS) {
  test(`every cashier and manager screen, ${lang}`, async ({ page, browser }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(VIEWPORT);
    const saleId = await paidSaleId(page, till.baseUrl);
    const found: string[] = [];
    for (const screen of cashierScreens(till.baseUrl, lang, () => saleId)) {
      await screen.open(page);
      for (const id of screen.primary) await page.getByTestId(id).waitFor();
      found.push(...(await violations(page, `${screen.name} ${lang}`)));
    }
    const signIn = await openSignIn(browser, till.baseUrl, lang, VIEWPORT);
    found.push(...(await violations(signIn, `sign-in ${lang}`)));
    await signIn.context().close();
    expect(found).toEqual([]);
  });

  test(`customer display idle, awaiting and paid, ${lang}`, async ({ page, context }) => {
    const customer = await context.newPage();
    await customer.setViewportSize({ width: 1920, height: 1080 });
    await openSignedIn(page, till.baseUrl, `/cashier/?lang=${lang}`);
    await customer.goto(`${till.baseUrl}/customer/?lang=${lang}`);
    await expect(customer.getByTestId('customer-status')).toHaveAttribute('data-status', 'idle');
    const found = await violations(customer, `customer idle ${lang}`);
    await page.bringToFront();
    for (const key of ['9', '9', 'Enter']) await page.keyboard.press(key);
    await expect(customer.getByTestId('customer-qr')).toBeVisible();
    found.push(...(await violations(customer, `customer awaiting ${lang}`)));
    await page.getByTestId('simulate-pay').click();
    await expect(customer.getByTestId('customer-status')).toHaveAttribute('data-status', 'succeeded');
    found.push(...(await violations(customer, `customer paid ${lang}`)));
    expect(found).toEqual([]);
  });

  test(`customer display cash, the shop's own QR and paid by hand, ${lang}`, async ({ page, browser }) => {
    await prepareShop(page, till.baseUrl);
    const customer = await openCustomerDisplay(browser, till.baseUrl, lang, { width: 1920, height: 1080 });
    await cashSale(page, till.baseUrl, 12_345, 50_000);
    await expect(customer.getByTestId('customer-change')).toBeVisible();
    const found = await violations(customer, `customer cash ${lang}`);
    const sale = await manualQrSale(page, till.baseUrl, 500);
    await expect(customer.getByTestId('customer-pay')).toHaveAttribute('data-qr', 'shop');
    found.push(...(await violations(customer, `customer shop QR ${lang}`)));
    await confirmManual(page, till.baseUrl, sale.id);
    await expect(customer.getByTestId('customer-status')).toHaveAttribute('data-status', 'succeeded');
    found.push(...(await violations(customer, `customer paid by hand ${lang}`)));
    await customer.context().close();
    expect(found).toEqual([]);
  });
}
