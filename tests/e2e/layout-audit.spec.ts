import { expect, test } from '@playwright/test';
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
