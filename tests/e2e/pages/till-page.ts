// The cashier's screen as a person uses it: set up the owner or sign in on the PIN pad, key an amount,
// Charge, watch the sale's status, simulate the customer in demo mode, open a shift and take cash.
// It takes a Playwright Page, so the same steps drive a browser tab (tests/e2e) and the desktop
// app's real window (tests/electron/smoke.spec.ts): nothing here goes around the screen.
import { expect, type Locator, type Page } from '@playwright/test';

export type SaleStatus = 'awaiting_payment' | 'succeeded' | 'failed' | 'expired' | 'canceled';
/** A key on the till's keypad: a digit, `00`, or `dot`. */
export type KeypadKey = string;

export interface Person {
  name: string;
  pin: string;
}

export interface ChargedSale {
  saleId: string;
  paymentIntentId: string;
}

/** How long a screen waits on the core's scrypt PIN hash or check (a budget, not a speed claim). */
export const PIN_CHECK_MS = 60_000;

/** The demo panel's buttons (the simulated customer). */
const SIMULATE = { pay: 'simulate-pay', fail: 'simulate-fail', expire: 'simulate-expire' } as const;

export class TillPage {
  constructor(readonly page: Page) {}

  get status(): Locator {
    return this.page.getByTestId('sale-status');
  }

  get amountDisplay(): Locator {
    return this.page.getByTestId('amount-display');
  }

  get chargeButton(): Locator {
    return this.page.getByTestId('charge-button');
  }

  /** The note typed with a sale (a table, an order). */
  get description(): Locator {
    return this.page.getByTestId('description-input');
  }

  /** Why an amount cannot be charged (under the minimum, empty…). */
  get amountError(): Locator {
    return this.page.getByTestId('amount-error');
  }

  /** Why a sale ended without being paid (expired, failed). */
  get endedReason(): Locator {
    return this.page.getByTestId('sale-ended-reason');
  }

  get recentSales(): Locator {
    return this.page.getByTestId('recent-sales');
  }

  /** First run: the owner's name, the PIN typed on the PIN pad, then typed again to confirm. */
  async createOwner(owner: Person): Promise<void> {
    await expect(this.page.getByTestId('setup-screen')).toBeVisible();
    await this.page.getByTestId('setup-name').fill(owner.name);
    await this.page.getByTestId('setup-name').press('Enter');
    await this.tapPin(owner.pin);
    await this.page.getByTestId('setup-submit').click();
    await this.tapPin(owner.pin);
    await this.page.getByTestId('setup-submit').click();
    await this.expectSignedIn(owner.name);
  }

  /** The sign-in screen: pick the name, type the PIN on the pad. */
  async signIn(person: Person): Promise<void> {
    await this.page.getByTestId('cashier-tile').filter({ hasText: person.name }).click();
    await this.tapPin(person.pin);
    await this.page.getByTestId('sign-in-button').click();
    await this.expectSignedIn(person.name);
  }

  async expectSignedIn(name?: string): Promise<void> {
    const user = this.page.getByTestId('current-user');
    // The core has just hashed or checked the PIN with scrypt (128 MiB, slow on purpose): on a loaded
    // machine that alone can outlast the usual expect budget, so the signed-in screen gets the PIN's.
    await expect(user).toBeVisible({ timeout: PIN_CHECK_MS });
    if (name !== undefined) await expect(user).toContainText(name);
    await expect(this.page.getByTestId('keypad-1')).toBeVisible();
  }

  async expectDemoMode(): Promise<void> {
    await expect(this.page.getByTestId('demo-badge')).toBeVisible();
  }

  /** Clears the entry, then taps the keys on the on-screen keypad. */
  async keyIn(keys: readonly KeypadKey[]): Promise<void> {
    await this.page.getByTestId('keypad-clear').click();
    for (const key of keys) await this.page.getByTestId(`keypad-${key}`).click();
  }

  /** Presses keys on the physical keyboard (digits, Enter, F2…), as a cashier with a numpad does. */
  async press(keys: readonly string[]): Promise<void> {
    for (const key of keys) await this.page.keyboard.press(key);
  }

  /** The sale's ids once it awaits payment (its QR is out). */
  async awaitingSale(): Promise<ChargedSale> {
    await this.expectStatus('awaiting_payment');
    const paymentIntentId = await this.status.getAttribute('data-payment-intent-id');
    const saleId = await this.status.getAttribute('data-sale-id');
    expect(paymentIntentId).toMatch(/^pi_/);
    expect(saleId).toBeTruthy();
    return { saleId: saleId!, paymentIntentId: paymentIntentId! };
  }

  /** Keys the amount on the keypad and presses Charge: the sale awaits payment with Stripe's QR. */
  async charge(keys: readonly KeypadKey[]): Promise<ChargedSale> {
    await this.keyIn(keys);
    await this.chargeButton.click();
    return this.awaitingSale();
  }

  /**
   * The status the cashier sees. One that follows Stripe (paid, failed…) arrives when the till's
   * watcher next reads Stripe (once a second) and pushes it to the screen: waited for like any state,
   * within the configured expect budget (no tighter one: how fast is measured in bench/).
   */
  async expectStatus(status: SaleStatus): Promise<void> {
    await expect(this.status).toHaveAttribute('data-status', status);
  }

  /** Demo mode's simulated customer: pays, fails or lets the QR expire. */
  async simulate(outcome: keyof typeof SIMULATE): Promise<void> {
    await this.page.getByTestId(SIMULATE[outcome]).click();
  }

  /** Cancel on a sale awaiting payment (the PaymentIntent is canceled at Stripe). */
  async cancelSale(): Promise<void> {
    await this.page.getByTestId('cancel-button').click();
  }

  /** New QR on an expired or failed sale: the same sale and PaymentIntent, a fresh QR. */
  async newQr(): Promise<void> {
    await this.page.getByTestId('new-qr-button').click();
  }

  /** After a sale has ended: back to an empty entry for the next one. */
  async newSale(): Promise<void> {
    await this.page.getByTestId('new-sale-button').click();
    await expect(this.page.getByTestId('keypad-1')).toBeVisible();
  }

  /** Opens a shift from the header chip with the float typed on the dialog's keypad (cash needs one). */
  async openShift(float: string): Promise<void> {
    const chip = this.page.getByTestId('shift-chip');
    await expect(chip).toHaveAttribute('data-state', 'none');
    await chip.click();
    const dialog = this.page.getByTestId('shift-open-dialog');
    await expect(dialog).toBeVisible();
    for (const ch of float) await dialog.getByTestId(ch === '.' ? 'keypad-dot' : `keypad-${ch}`).click();
    await dialog.getByTestId('shift-open-confirm').click();
    await expect(chip).toHaveAttribute('data-state', 'open');
  }

  /** A cash sale: the amount keyed, Cash, a quick note for the cash handed over, Complete. Paid at once. */
  async cashSale(keys: readonly KeypadKey[], note: 20 | 50 | 100 | 500 | 1000): Promise<string> {
    await this.keyIn(keys);
    await this.page.getByTestId('cash-button').click();
    await expect(this.page.getByTestId('cash-panel')).toBeVisible();
    await this.page.getByTestId(`cash-note-${note}`).click();
    await expect(this.page.getByTestId('cash-change')).toHaveAttribute('data-enough', 'true');
    await this.page.getByTestId('cash-complete').click();
    await this.expectStatus('succeeded');
    await expect(this.status).toHaveAttribute('data-tender', 'cash');
    return (await this.status.getAttribute('data-sale-id'))!;
  }

  private async tapPin(pin: string): Promise<void> {
    for (const digit of pin) await this.page.getByTestId(`pin-key-${digit}`).click();
  }
}
