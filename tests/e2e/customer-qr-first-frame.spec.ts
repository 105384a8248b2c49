// The customer display's first frame with the QR draws as little as possible: while Stripe answers
// ("preparing") the screen already has the countdown's place, so the QR's arrival moves nothing else;
// and every Thai face the screens use is loaded before the first sale (a late face lays the screen
// out again). Stripe is the simulator in its own process, told to drop the first answers to the
// create, so the till shows "preparing" until its own retry (same Idempotency-Key) gets the QR.
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { CUSTOMER_DISPLAYS, openCustomerDisplay, prepareShop } from './support/customer-display';
import { startStandaloneSim, startTill, type StandaloneSim, type Till } from './support/processes';
import { posCall } from './support/sign-in';

// Screenshots go to test-results/ on an ordinary run; POS_UPDATE_SCREENSHOTS=1 refreshes docs/screenshots.
const SHOTS = path.join(process.cwd(), process.env.POS_UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots');

async function shoot(display: Page, lang: string, state: string): Promise<void> {
  const { width, height } = display.viewportSize()!;
  await display.screenshot({ path: path.join(SHOTS, `customer-${lang}-${state}-${width}x${height}.png`) });
}

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

/** Where the pay screen's pieces are, rounded to the pixel. */
async function payLayout(display: Page): Promise<Record<string, number[]>> {
  const box = async (selector: string): Promise<number[]> => {
    const rect = (await display.locator(selector).boundingBox())!;
    return [rect.x, rect.y, rect.width, rect.height].map(Math.round);
  };
  // The countdown's row: its height and where it starts (its width follows the time shown).
  const countdown = await box('.pay__countdown');
  return { amount: await box('[data-testid="customer-amount"]'), card: await box('.pay__qr-card'), qr: await box('.pay__qr'), countdown: [countdown[1]!, countdown[3]!] };
}

/** The "preparing" spinner's animation: how long since it began, and whether it is turning yet (past its delay). */
const SPINNER_STATE = `(() => {
  const animation = document.querySelector('.pay__qr--pending .spinner').getAnimations()[0];
  return { elapsed: Number(animation.currentTime), turning: animation.effect.getComputedTiming().progress !== null };
})()`;

/** Whether every bundled Thai face (fonts.css: Sarabun 400–800) is loaded in the page. */
const THAI_FACES_LOADED = "[400, 500, 600, 700, 800].every((weight) => document.fonts.check(weight + ' 32px Sarabun', 'ก'))";


for (const lang of ['th', 'en'] as const) {
  test(`the QR arrives without moving the customer display's screen (${lang})`, async ({ page, browser }) => {
    test.setTimeout(120_000);
    await prepareShop(page, till.baseUrl);
    const displays = await Promise.all(CUSTOMER_DISPLAYS.map((size) => openCustomerDisplay(browser, till.baseUrl, lang, size)));
    for (const display of displays) {
      // (The other language's sale, canceled, leaves the screen after its result is shown.)
      await expect(display.getByTestId('customer-status')).toHaveAttribute('data-status', 'idle', { timeout: 30_000 });
      // Before any sale: every bundled Thai face is loaded, the countdown's weight (600) included.
      await expect.poll(() => display.evaluate(THAI_FACES_LOADED)).toBe(true);
    }

    // Stripe makes the PaymentIntent but the link drops before its answer, for the SDK's own two
    // retries and the till's first retry too: the sale stays saved as created ("preparing") for a few
    // seconds, until the till's next retry with the same Idempotency-Key gets the QR.
    const fault = await fetch(`${sim.url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count: 6, kind: 'drop_after_create' }) });
    expect(fault.ok).toBe(true);
    const charged = posCall<{ id: string }>(page, till.baseUrl, 'sales.charge', { amount: 24_500, requestId: `first-frame-${lang}-${Date.now()}` });

    const preparing = await Promise.all(displays.map(async (display) => {
      await expect(display.getByTestId('customer-status')).toHaveAttribute('data-status', 'created');
      await expect(display.locator('.pay__qr--pending')).toBeVisible();
      // The countdown's place is kept, unseen and unread by screen readers.
      const reserved = display.locator('.pay__countdown--reserved');
      await expect(reserved).toHaveCount(1);
      await expect(reserved).toBeHidden();
      await expect(reserved).toHaveAttribute('aria-hidden', 'true');
      const layout = await payLayout(display);
      await shoot(display, lang, 'stripe-preparing');
      // The spinner stands still for the first second (Stripe's usual answer comes within it), so the
      // QR's first frame does not wait for an animation's tick; a longer wait, as here, shows it turning.
      const spinner = () => display.evaluate(SPINNER_STATE) as Promise<{ elapsed: number; turning: boolean }>;
      const first = await spinner();
      expect(first.turning, `${Math.round(first.elapsed)} ms after the spinner appeared`).toBe(first.elapsed >= 1000);
      await expect.poll(async () => (await spinner()).turning, { timeout: 5_000 }).toBe(true);
      return layout;
    }));
    const reply = await charged;
    expect(reply.ok ? 'answered' : reply.error?.code).toBe('stripe_unreachable');

    for (const [index, display] of displays.entries()) {
      await expect(display.getByTestId('customer-qr')).toBeVisible({ timeout: 30_000 });
      await expect(display.getByTestId('customer-countdown')).toBeVisible();
      await expect(display.locator('.pay__countdown--reserved')).toHaveCount(0);
      // Same places, to the pixel: the QR took the spinner's box and the countdown its reserved one.
      expect(await payLayout(display), `${CUSTOMER_DISPLAYS[index]!.width}×${CUSTOMER_DISPLAYS[index]!.height}`).toEqual(preparing[index]);
      await shoot(display, lang, 'stripe-qr');
    }
    await Promise.all(displays.map((display) => display.context().close()));
    const current = await posCall<{ id: string }>(page, till.baseUrl, 'sales.current', {});
    expect((await posCall(page, till.baseUrl, 'sales.cancel', { saleId: current.value!.id })).ok).toBe(true);
  });
}
