import { expect, test } from '@playwright/test';
import { cancelSale, cashSale, confirmManual, CUSTOMER_DISPLAYS, customerLayoutProblems, manualQrSale, openCustomerDisplay, prepareShop, stripeSale } from './support/customer-display';
import { startTill, type Till } from './support/processes';
import { cashierScreens, layoutProblems, openSignIn, paidSaleId, type Lang } from './support/screens';

// Down to a 1024×600 till, in Thai and English: every screen's main buttons are on screen without
// scrolling, and no two controls sit on top of each other.
const SIZES = [
  { width: 1024, height: 600 },
  { width: 1280, height: 800 },
];
const LANGS: Lang[] = ['th', 'en'];

let till: Till;
let saleId = '';
test.beforeAll(async () => {
  till = await startTill();
});
test.afterAll(async () => {
  await till?.host.stop();
});

test('first-run setup fits', async ({ page }) => {
  const problems: string[] = [];
  for (const lang of LANGS) {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.goto(`${till.baseUrl}/cashier/?lang=${lang}`);
      await expect(page.getByTestId('setup-screen')).toBeVisible();
      for (const problem of await layoutProblems(page, ['setup-submit'])) problems.push(`setup ${lang} ${size.width}×${size.height}: ${problem}`);
    }
  }
  expect(problems).toEqual([]);
});

for (const lang of LANGS) {
  test(`every signed-in screen fits, ${lang}`, async ({ page, browser }) => {
    test.setTimeout(120_000);
    saleId ||= await paidSaleId(page, till.baseUrl);
    const problems: string[] = [];
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const screen of cashierScreens(till.baseUrl, lang, () => saleId)) {
        await screen.open(page);
        for (const problem of await layoutProblems(page, screen.primary)) problems.push(`${screen.name} ${lang} ${size.width}×${size.height}: ${problem}`);
      }
      const signIn = await openSignIn(browser, till.baseUrl, lang, size);
      for (const problem of await layoutProblems(signIn, ['sign-in-button'])) problems.push(`sign-in ${lang} ${size.width}×${size.height}: ${problem}`);
      await signIn.context().close();
    }
    expect(problems).toEqual([]);
  });
}

// The customer display never scrolls: on a 1920×1080 screen and a portrait 800×1280 tablet, every
// tender's screen is whole and nothing sits on top of anything else, at the largest amounts.
test('customer display fits, every tender', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await prepareShop(page, till.baseUrl);
  const problems: string[] = [];
  for (const lang of LANGS) {
    const displays = await Promise.all(CUSTOMER_DISPLAYS.map((size) => openCustomerDisplay(browser, till.baseUrl, lang, size)));
    const check = async (state: string) => {
      for (const display of displays) {
        const { width, height } = display.viewportSize()!;
        for (const problem of await customerLayoutProblems(display)) problems.push(`customer ${state} ${lang} ${width}×${height}: ${problem}`);
      }
    };
    const viaStripe = await stripeSale(page, till.baseUrl, 99_999_999);
    for (const display of displays) await expect(display.getByTestId('customer-qr')).toBeVisible();
    await check('Stripe QR');
    await cancelSale(page, till.baseUrl, viaStripe.id);
    await cashSale(page, till.baseUrl, 99_999_999, 999_999_990);
    for (const display of displays) await expect(display.getByTestId('customer-change')).toBeVisible();
    await check('cash (largest amounts)');
    const sale = await manualQrSale(page, till.baseUrl, 99_999_999);
    for (const display of displays) await expect(display.getByTestId('customer-pay')).toHaveAttribute('data-qr', 'shop');
    await check('shop QR');
    await confirmManual(page, till.baseUrl, sale.id);
    for (const display of displays) await expect(display.getByTestId('customer-status')).toHaveAttribute('data-status', 'succeeded');
    await check('paid by hand');
    await Promise.all(displays.map((display) => display.context().close()));
  }
  expect(problems).toEqual([]);
});
