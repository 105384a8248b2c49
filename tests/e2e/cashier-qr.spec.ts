// The cashier's own QR for a Stripe PromptPay sale: the same inline SVG the customer display draws
// (no PNG to encode and decode), holding exactly the PaymentIntent's QR data, in Thai and English.
import { expect, test } from '@playwright/test';
import { decodeQrShown } from './support/qr-decode';
import { startStandaloneSim, startTill, type StandaloneSim, type Till } from './support/processes';
import { openSignedIn } from './support/sign-in';

let sim: StandaloneSim;
let till: Till;

test.beforeAll(async () => {
  sim = await startStandaloneSim();
  till = await startTill({ STRIPE_SECRET_KEY: 'sk_test_e2e', STRIPE_API_BASE: sim.url });
});
test.afterAll(async () => {
  await till?.host.stop();
  await sim?.process.stop();
});

for (const lang of ['th', 'en'] as const) {
  test(`the cashier's QR (${lang}) is an SVG of the PaymentIntent's QR data, named for screen readers`, async ({ page }) => {
    await openSignedIn(page, till.baseUrl, `/cashier/?lang=${lang}`);
    await page.getByTestId('keypad-clear').click();
    for (const key of ['2', '4', '5']) await page.getByTestId(`keypad-${key}`).click();
    await page.getByTestId('charge-button').click();
    const status = page.getByTestId('sale-status');
    await expect(status).toHaveAttribute('data-status', 'awaiting_payment');

    const qr = page.getByTestId('cashier-qr');
    expect(await qr.evaluate((element) => element.tagName.toLowerCase())).toBe('svg');
    await expect(qr).toHaveAttribute('role', 'img');
    await expect(qr).toHaveAttribute('aria-label', /.+/);
    const intent = await sim.paymentIntent((await status.getAttribute('data-payment-intent-id'))!);
    const expected = (intent.next_action as { promptpay_display_qr_code: { data: string } }).promptpay_display_qr_code.data;
    expect(await decodeQrShown(qr)).toBe(expected);

    await page.getByTestId('cancel-button').click();
    await expect(status).toHaveAttribute('data-status', 'canceled');
  });
}
