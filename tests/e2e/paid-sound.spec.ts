import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CUE_NOTES } from '../../renderer/ui/sound/tones';
import { startStandaloneSim, startTill, type StandaloneSim, type Till } from './support/processes';
import { openSignedIn, posCall, signInAsOwnerByApi } from './support/sign-in';
// Code passed to addInitScript runs in the browser; the Node typings here have no DOM.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any;

// The sound of being paid on the till and the customer display, in real Chromium against the real
// browser-mode host: exactly one chime per paid sale on each screen, the other tone once per failed or
// expired QR, nothing when muted. The page's Web Audio and speech are watched from outside (an init
// script counts AudioContexts made and notes started, and records what would be said); nothing in the
// app knows it is being watched.

/** The second (top) note of each cue: one per chime or tone played. */
const PAID_NOTE = CUE_NOTES.paid[1]!.frequency;
const FAILED_NOTE = CUE_NOTES.failed[1]!.frequency;

interface Heard {
  paid: number;
  failed: number;
  /** AudioContexts made by the page: none until something plays or the page is touched. */
  contexts: number;
  said: string[];
}

/**
 * Counts AudioContexts and oscillator starts (by frequency), and with `voices` gives the page a local
 * Thai and English voice whose speech is recorded (headless Chromium has no voices of its own).
 */
function listen(voices: boolean): void {
  const log = { notes: [] as number[], contexts: 0, said: [] as string[] };
  window.chamraHeard = log;
  // The page's event streams, so a test can end one as a server going away would.
  const streams: unknown[] = [];
  window.chamraStreams = streams;
  const BaseSource = window.EventSource;
  window.EventSource = class extends BaseSource {
    constructor(...args: unknown[]) {
      super(...args);
      streams.push(this);
    }
  };
  const Base = window.AudioContext;
  window.AudioContext = class extends Base {
    constructor(...args: unknown[]) {
      super(...args);
      log.contexts += 1;
    }
  };
  const start = window.OscillatorNode.prototype.start;
  window.OscillatorNode.prototype.start = function (this: any, ...args: unknown[]) {
    log.notes.push(this.frequency.value);
    return start.apply(this, args);
  };
  if (voices) {
    window.SpeechSynthesisUtterance = class {
      text: string;
      voice: unknown = null;
      lang = '';
      volume = 1;
      rate = 1;
      constructor(text: string) {
        this.text = text;
      }
    };
    const list = [
      { name: 'Kanya', lang: 'th-TH', localService: true, default: false, voiceURI: 'kanya' },
      { name: 'Daniel', lang: 'en-GB', localService: true, default: true, voiceURI: 'daniel' },
    ];
    window.speechSynthesis.getVoices = () => list;
    window.speechSynthesis.speak = (utterance: { lang: string; text: string }) => log.said.push(`${utterance.lang} ${utterance.text}`);
  }
}

async function heard(page: Page): Promise<Heard> {
  const near = (a: number, b: number): boolean => Math.abs(a - b) < 0.01;
  const log = (await page.evaluate(() => window.chamraHeard)) as { notes: number[]; contexts: number; said: string[] };
  return {
    paid: log.notes.filter((f) => near(f, PAID_NOTE)).length,
    failed: log.notes.filter((f) => near(f, FAILED_NOTE)).length,
    contexts: log.contexts,
    said: log.said,
  };
}

const paidCount = async (page: Page): Promise<number> => (await heard(page)).paid;
const failedCount = async (page: Page): Promise<number> => (await heard(page)).failed;

async function setSound(page: Page, baseUrl: string, sound: { chime: boolean; speakAmount: boolean; volume: number }): Promise<void> {
  const reply = await posCall(page, baseUrl, 'settings.update', { sound });
  if (!reply.ok) throw new Error(`settings.update failed: ${JSON.stringify(reply.error)}`);
}

/** Changes the sound in Manager → Settings on the till page itself and saves, then back to the till. */
async function changeSound(page: Page, baseUrl: string, change: () => Promise<void>): Promise<void> {
  await page.goto(`${baseUrl}/cashier/?lang=en#/settings`);
  await expect(page.getByTestId('settings-sound-chime')).toBeVisible();
  await change();
  const saved = page.waitForResponse((response) => response.url().endsWith('/api/pos/settings.update') && response.ok());
  await page.getByTestId('settings-save').click();
  await saved;
  await page.goto(`${baseUrl}/cashier/?lang=en#/`);
  await expect(page.getByTestId('amount-display')).toBeVisible();
}

async function openTill(page: Page, baseUrl: string, lang: 'th' | 'en', voices = false): Promise<void> {
  await page.addInitScript(listen, voices);
  await openSignedIn(page, baseUrl, `/cashier/?lang=${lang}`);
}

/**
 * A customer display in its own browser (no session: the customer feed), tapped once as a shop
 * does after opening it: browsers let a page make sound only after it has been touched.
 */
async function openDisplay(browser: Browser, baseUrl: string, lang: 'th' | 'en', voices = false): Promise<{ display: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(listen, voices);
  const display = await context.newPage();
  await display.goto(`${baseUrl}/customer/?lang=${lang}`);
  await expect(display.getByTestId('customer-status')).toHaveAttribute('data-status', /.+/);
  await display.mouse.click(20, 20);
  return { display, context };
}

async function charge(page: Page, digits: string): Promise<void> {
  await page.bringToFront();
  for (const key of digits) await page.keyboard.press(key);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-status')).toHaveAttribute('data-status', 'awaiting_payment');
}

async function bothShow(till: Page, display: Page, status: string): Promise<void> {
  await expect(till.getByTestId('sale-status')).toHaveAttribute('data-status', status);
  await expect(display.getByTestId('customer-status')).toHaveAttribute('data-status', status);
}

test.describe('demo mode', () => {
  let till: Till;
  test.beforeAll(async () => {
    till = await startTill();
  });
  test.afterAll(async () => {
    await till?.host.stop();
  });

  test('a paid sale chimes once on the till and once on the display, says the amount, and never again after a reconnect or reload', async ({ page, browser }) => {
    test.setTimeout(120_000);
    await signInAsOwnerByApi(page, till.baseUrl);
    await setSound(page, till.baseUrl, { chime: true, speakAmount: true, volume: 80 });
    await openTill(page, till.baseUrl, 'th', true);
    const { display, context } = await openDisplay(browser, till.baseUrl, 'en', true);

    await charge(page, '245.50');
    await expect(display.getByTestId('customer-status')).toHaveAttribute('data-status', 'awaiting_payment');
    expect((await heard(page)).paid + (await heard(display)).paid).toBe(0);

    await page.getByTestId('simulate-pay').click();
    await bothShow(page, display, 'succeeded');
    await expect.poll(() => paidCount(page)).toBe(1);
    await expect.poll(() => paidCount(display)).toBe(1);
    // The amount, in each screen's own language, after the chime, with a local voice.
    await expect.poll(async () => (await heard(page)).said).toEqual(['th-TH ได้รับเงิน 245 บาท 50 สตางค์']);
    await expect.poll(async () => (await heard(display)).said).toEqual(['en-GB Received 245 baht 50 satang']);

    // The display's event stream ends (as when the till goes away): it reconnects, re-reads the
    // current sale (paid) and stays quiet.
    const reread = display.waitForResponse((response) => response.url().endsWith('/api/pos/sales.current'));
    await display.evaluate(() => {
      for (const stream of window.chamraStreams) {
        stream.close();
        stream.dispatchEvent(new window.Event('error'));
      }
    });
    await reread;
    await expect(display.getByTestId('connection-banner')).toHaveCount(0);
    await expect(display.getByTestId('customer-status')).toHaveAttribute('data-status', 'succeeded');

    // Both pages reload: the paid sale comes back from the till (in Recent sales, on the display),
    // and no sound is made for it (on the till no AudioContext is even created: nothing asked to play).
    const tillRead = page.waitForResponse((response) => response.url().endsWith('/api/pos/sales.list'));
    const displayRead = display.waitForResponse((response) => response.url().endsWith('/api/pos/sales.current'));
    await page.reload();
    await display.reload();
    await Promise.all([tillRead, displayRead]);
    await expect(page.getByTestId('recent-sales')).toContainText('245.50');
    expect(await heard(page)).toMatchObject({ paid: 0, failed: 0, contexts: 0 });

    // The next sale starts (its events arrive after everything above): still silent; then it is
    // paid: one chime each.
    await display.mouse.click(20, 20);
    await charge(page, '30');
    await expect(display.getByTestId('customer-status')).toHaveAttribute('data-status', 'awaiting_payment');
    expect((await heard(page)).paid).toBe(0);
    expect((await heard(display)).paid).toBe(0);
    await page.getByTestId('simulate-pay').click();
    await bothShow(page, display, 'succeeded');
    await expect.poll(() => paidCount(page)).toBe(1);
    await expect.poll(() => paidCount(display)).toBe(1);
    await context.close();
  });

  test('a failed and an expired QR each play the other tone once; the New QR paid then chimes', async ({ page, browser }) => {
    test.setTimeout(120_000);
    await signInAsOwnerByApi(page, till.baseUrl);
    await setSound(page, till.baseUrl, { chime: true, speakAmount: false, volume: 60 });
    await openTill(page, till.baseUrl, 'en');
    const { display, context } = await openDisplay(browser, till.baseUrl, 'th');

    await charge(page, '33');
    await page.getByTestId('simulate-fail').click();
    await bothShow(page, display, 'failed');
    await expect.poll(() => failedCount(page)).toBe(1);
    await expect.poll(() => failedCount(display)).toBe(1);

    await page.getByTestId('new-qr-button').click();
    await bothShow(page, display, 'awaiting_payment');
    await page.getByTestId('simulate-expire').click();
    await bothShow(page, display, 'expired');
    await expect.poll(() => failedCount(page)).toBe(2);
    await expect.poll(() => failedCount(display)).toBe(2);

    await page.getByTestId('new-qr-button').click();
    await bothShow(page, display, 'awaiting_payment');
    await page.getByTestId('simulate-pay').click();
    await bothShow(page, display, 'succeeded');
    await expect.poll(() => paidCount(page)).toBe(1);
    await expect.poll(() => paidCount(display)).toBe(1);
    // Each tone once: the failures were not played again along the way.
    expect(await failedCount(page)).toBe(2);
    expect(await failedCount(display)).toBe(2);
    expect((await heard(page)).said).toEqual([]);
    await context.close();
  });

  test('muted in Settings: no sound on either screen, and both follow the change without a reload', async ({ page, browser }) => {
    test.setTimeout(120_000);
    await signInAsOwnerByApi(page, till.baseUrl);
    await setSound(page, till.baseUrl, { chime: true, speakAmount: false, volume: 70 });
    await openTill(page, till.baseUrl, 'en');
    const { display, context } = await openDisplay(browser, till.baseUrl, 'en');

    // Sound on: heard.
    await charge(page, '40');
    await page.getByTestId('simulate-pay').click();
    await bothShow(page, display, 'succeeded');
    await expect.poll(() => paidCount(page)).toBe(1);
    await expect.poll(() => paidCount(display)).toBe(1);

    // A manager turns the chime off in Settings on this till (no reload); the display reads it when
    // the next sale starts.
    await changeSound(page, till.baseUrl, async () => {
      await page.getByTestId('settings-sound-chime').uncheck();
      await page.getByTestId('settings-sound-speak').check();
    });
    const infoRead = display.waitForResponse((response) => response.url().endsWith('/api/pos/app.info'));
    await charge(page, '41');
    await infoRead;
    await page.getByTestId('simulate-pay').click();
    await bothShow(page, display, 'succeeded');
    // Volume 0 with the chime on is silence too.
    await changeSound(page, till.baseUrl, async () => {
      await page.getByTestId('settings-sound-chime').check();
      await page.getByTestId('settings-sound-volume').fill('0');
    });
    const infoReadAgain = display.waitForResponse((response) => response.url().endsWith('/api/pos/app.info'));
    await charge(page, '42');
    await infoReadAgain;
    await page.getByTestId('simulate-expire').click();
    await bothShow(page, display, 'expired');
    // A sale started after both (its events come after the muted results): still only the first chime.
    await charge(page, '43');
    await expect(display.getByTestId('customer-status')).toHaveAttribute('data-status', 'awaiting_payment');
    expect(await heard(page)).toMatchObject({ paid: 1, failed: 0, said: [] });
    expect(await heard(display)).toMatchObject({ paid: 1, failed: 0, said: [] });
    await context.close();
  });

  test('Play test sound in Settings plays the paid sound and the failure tone as set in the form, says whether this computer can speak the amount', async ({ page, browser }) => {
    test.setTimeout(120_000);
    await signInAsOwnerByApi(page, till.baseUrl);
    await setSound(page, till.baseUrl, { chime: true, speakAmount: true, volume: 70 });
    await openTill(page, till.baseUrl, 'th', true);
    await page.goto(`${till.baseUrl}/cashier/?lang=th#/settings`);
    await expect(page.getByTestId('sound-voice-state')).toHaveAttribute('data-voice', 'local');
    await page.getByTestId('sound-preview-paid').click();
    await expect.poll(() => paidCount(page)).toBe(1);
    await expect.poll(async () => (await heard(page)).said).toEqual(['th-TH ได้รับเงิน 245 บาท']);
    await page.getByTestId('sound-preview-failed').click();
    await expect.poll(() => failedCount(page)).toBe(1);

    // Chime off in the form (not saved yet): nothing to play, and it says why.
    await page.getByTestId('settings-sound-chime').uncheck();
    await expect(page.getByTestId('sound-preview-paid')).toBeDisabled();
    await expect(page.getByTestId('sound-preview-off')).toBeVisible();

    // A computer without a Thai voice (headless Chromium has none): chime only, and Settings says so.
    const context = await browser.newContext();
    await context.addInitScript(listen, false);
    const bare = await context.newPage();
    await openSignedIn(bare, till.baseUrl, '/cashier/?lang=th#/settings');
    await expect(bare.getByTestId('sound-voice-state')).toHaveAttribute('data-voice', 'none');
    await expect(bare.getByTestId('sound-voice-state')).toHaveText('เครื่องนี้ไม่มีเสียงอ่านภาษาไทยแบบออฟไลน์: จะมีเฉพาะเสียงแจ้งเตือน');
    await bare.getByTestId('sound-preview-paid').click();
    await expect.poll(() => paidCount(bare)).toBe(1);
    expect((await heard(bare)).said).toEqual([]);
    await context.close();
  });
});

test.describe('push and polling both report the payment', () => {
  const WEBHOOK_SECRET = 'whsec_paid_sound_e2e_0123456789';
  let sim: StandaloneSim;
  let till: Till;
  test.beforeAll(async () => {
    sim = await startStandaloneSim();
    till = await startTill({ STRIPE_SECRET_KEY: 'sk_test_e2e', STRIPE_API_BASE: sim.url, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });
    // Two endpoints for the same till: every event is pushed twice, and the watcher reads Stripe's
    // event log as well.
    for (let i = 0; i < 2; i += 1) {
      const response = await fetch(`${sim.url}/_sim/webhook_endpoints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: `${till.baseUrl}/payments/webhook`, secret: WEBHOOK_SECRET, enabled_events: ['*'] }),
      });
      if (!response.ok) throw new Error(`webhook endpoint: ${response.status} ${await response.text()}`);
    }
  });
  test.afterAll(async () => {
    await till?.host.stop();
    await sim?.process.stop();
  });

  test('one chime on the till and one on the display', async ({ page, browser }) => {
    test.setTimeout(120_000);
    await openTill(page, till.baseUrl, 'th');
    const { display, context } = await openDisplay(browser, till.baseUrl, 'th');
    await charge(page, '150');
    await expect(display.getByTestId('customer-status')).toHaveAttribute('data-status', 'awaiting_payment');
    const paymentIntentId = await page.getByTestId('sale-status').getAttribute('data-payment-intent-id');
    await sim.control(paymentIntentId!, 'succeed');
    await bothShow(page, display, 'succeeded');
    await expect.poll(() => paidCount(page)).toBe(1);
    await expect.poll(() => paidCount(display)).toBe(1);
    // Both pushes of the payment reached the till (and were answered) before we look again.
    await expect
      .poll(async () => {
        const response = await fetch(`${sim.url}/_sim/webhook_deliveries`);
        const { data } = (await response.json()) as { data: { event_type: string; outcome: string }[] };
        return data.filter((d) => d.event_type === 'payment_intent.succeeded' && d.outcome === 'succeeded').length;
      })
      .toBe(2);
    await expect(page.getByTestId('payment-path')).toHaveAttribute('data-live', 'webhook');

    // The next sale's events come after every report of the first: still one chime each.
    await charge(page, '160');
    await expect(display.getByTestId('customer-status')).toHaveAttribute('data-status', 'awaiting_payment');
    expect(await heard(page)).toMatchObject({ paid: 1, failed: 0 });
    expect(await heard(display)).toMatchObject({ paid: 1, failed: 0 });
    await context.close();
  });
});
