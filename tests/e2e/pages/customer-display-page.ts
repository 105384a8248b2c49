// The customer display as the customer sees it: the amount, the PromptPay QR with its countdown, and
// the sale's outcome. Like TillPage it takes a Playwright Page: a browser tab on /customer/ or the
// desktop app's second window.
import { expect, type Locator, type Page } from '@playwright/test';
import type { SaleStatus } from './till-page';

export class CustomerDisplayPage {
  constructor(readonly page: Page) {}

  get status(): Locator {
    return this.page.getByTestId('customer-status');
  }

  get qr(): Locator {
    return this.page.getByTestId('customer-qr');
  }

  get amount(): Locator {
    return this.page.getByTestId('customer-amount');
  }

  get countdown(): Locator {
    return this.page.getByTestId('customer-countdown');
  }

  /** Following the till: any status at all (a sale that just finished stays up for a moment). */
  async expectLive(): Promise<void> {
    await expect(this.status).toHaveAttribute('data-status', /.+/);
  }

  /** The sale's status as the display shows it, once its event stream has brought it (expect's budget). */
  async expectStatus(status: SaleStatus | 'idle'): Promise<void> {
    await expect(this.status).toHaveAttribute('data-status', status);
  }

  /** The QR is up (and, given, the amount it asks for). */
  async expectQr(amountText?: string): Promise<void> {
    await expect(this.qr).toBeVisible();
    if (amountText !== undefined) await expect(this.amount).toContainText(amountText);
  }

  /** How the sale on screen is paid (`cash`, `promptpay`…). */
  async expectTender(tender: string): Promise<void> {
    await expect(this.status).toHaveAttribute('data-tender', tender);
  }

  /** The strip that says a payment is pretend (demo) or Stripe's test mode. */
  async expectMode(mode: 'demo' | 'test'): Promise<void> {
    await expect(this.page.getByTestId('customer-mode-badge')).toHaveAttribute('data-mode', mode);
  }
}
