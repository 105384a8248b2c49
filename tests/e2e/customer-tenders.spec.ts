import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  cashSale,
  confirmManual,
  CUSTOMER_DISPLAYS,
  customerLayoutProblems,
  manualQrSale,
  openCustomerDisplay,
  prepareShop,
  SHOP_NAME,
} from './support/customer-display';
import { startTill, type Till } from './support/processes';
import { decodeQrShown } from './support/qr-decode';

// The customer display for every tender, in Thai and English, on a 1920×1080 screen and a portrait
// 800×1280 tablet at once: cash with its change, the shop's own PromptPay QR confirmed by hand.
// (PromptPay through Stripe: sale-flow, demo-mode.) Screenshots go to test-results/ on an ordinary
// run; POS_UPDATE_SCREENSHOTS=1 refreshes docs/screenshots.
const SHOTS = path.join(process.cwd(), process.env.POS_UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots');

const WORDS = {
  th: { change: 'เงินทอน', cash: 'ชำระด้วยเงินสด', scan: 'สแกนจ่ายด้วยแอปธนาคารของคุณ', paid: 'ชำระเงินแล้ว', stripePaid: 'ชำระเงินสำเร็จ' },
  en: { change: 'Change', cash: 'Paid in cash', scan: 'Scan with your banking app', paid: 'Paid', stripePaid: 'Payment received' },
} as const;

let till: Till;
test.beforeAll(async () => {
  till = await startTill();
});
test.afterAll(async () => {
  await till?.host.stop();
});

async function shoot(display: Page, lang: string, state: string): Promise<void> {
  const { width, height } = display.viewportSize()!;
  await display.screenshot({ path: path.join(SHOTS, `customer-${lang}-${state}-${width}x${height}.png`) });
}

for (const lang of ['th', 'en'] as const) {
  test(`cash: the amount, the cash received and the change, big (${lang})`, async ({ page, browser }) => {
    test.setTimeout(120_000);
    await prepareShop(page, till.baseUrl);
    const displays = await Promise.all(CUSTOMER_DISPLAYS.map((size) => openCustomerDisplay(browser, till.baseUrl, lang, size)));

    await cashSale(page, till.baseUrl, 12_345, 50_000);
    for (const display of displays) {
      const root = display.getByTestId('customer-status');
      await expect(root).toHaveAttribute('data-screen', 'cash');
      await expect(root).toHaveAttribute('data-tender', 'cash');
      await expect(display.getByTestId('customer-amount')).toHaveText('฿123.45');
      await expect(display.getByTestId('customer-cash-received')).toHaveText('฿500.00');
      await expect(display.getByTestId('customer-change')).toHaveText('฿376.55');
      // The display's own language first: the change's label leads in it.
      await expect(display.locator('.cash__change-label .bi__primary')).toHaveText(WORDS[lang].change);
      await expect(display.locator('.cash__title .bi__primary')).toHaveText(WORDS[lang].cash);
      // Paid on the spot: no QR, nothing to scan.
      await expect(display.getByTestId('customer-qr')).toHaveCount(0);
      expect(await customerLayoutProblems(display)).toEqual([]);
      await shoot(display, lang, 'cash-change');
    }

    // Exact cash: change ฿0.00, still said plainly.
    await cashSale(page, till.baseUrl, 4_000, 4_000);
    for (const display of displays) await expect(display.getByTestId('customer-change')).toHaveText('฿0.00');
    await Promise.all(displays.map((display) => display.context().close()));
  });

  test(`hand-confirmed PromptPay: the shop's own QR, then paid (${lang})`, async ({ page, browser }) => {
    test.setTimeout(120_000);
    await prepareShop(page, till.baseUrl);
    const displays = await Promise.all(CUSTOMER_DISPLAYS.map((size) => openCustomerDisplay(browser, till.baseUrl, lang, size)));

    // ฿5.00: under Stripe's minimum, which the shop's own QR does not have.
    const sale = await manualQrSale(page, till.baseUrl, 500);
    expect(sale.qrData).toMatch(/^000201/);
    for (const display of displays) {
      const root = display.getByTestId('customer-status');
      await expect(root).toHaveAttribute('data-status', 'awaiting_payment');
      await expect(display.getByTestId('customer-pay')).toHaveAttribute('data-qr', 'shop');
      await expect(display.getByTestId('customer-amount')).toHaveText('฿5.00');
      await expect(display.getByTestId('customer-payee')).toHaveText(SHOP_NAME);
      await expect(display.locator('.pay__scan .bi__primary')).toHaveText(WORDS[lang].scan);
      // The shop's QR has no timeout of ours: no countdown.
      await expect(display.getByTestId('customer-countdown')).toHaveCount(0);
      // What is painted is the shop's EMVCo payload, exactly.
      expect(await decodeQrShown(display.getByTestId('customer-qr'))).toBe(sale.qrData);
      expect(await customerLayoutProblems(display)).toEqual([]);
      await shoot(display, lang, 'manual-qr');
    }

    await confirmManual(page, till.baseUrl, sale.id);
    for (const display of displays) {
      await expect(display.getByTestId('customer-status')).toHaveAttribute('data-status', 'succeeded');
      await expect(display.locator('.result__title .bi__primary')).toHaveText(WORDS[lang].paid);
      // Paid on the cashier's word: not Stripe's "payment received".
      await expect(display.getByTestId('customer-status')).not.toContainText(WORDS[lang].stripePaid);
      expect(await customerLayoutProblems(display)).toEqual([]);
      await shoot(display, lang, 'manual-paid');
    }
    await Promise.all(displays.map((display) => display.context().close()));
  });
}
