// Charge pressed on the till → the PromptPay QR painted on the customer display, beyond Stripe's own
// reply time. The real browser-mode host (its own process) and Stripe's simulator in another process
// (as production's Stripe is elsewhere; BENCH_SIMULATOR=embedded runs the host in demo mode with the
// simulator inside it, as measured before; Stripe is given a production-like reply time, 300 ms by
// default (BENCH_STRIPE_DELAY_MS=0 for the simulator's own few ms), so the display's "preparing" screen
// is drawn within it as it is in a shop instead of colliding with the QR's), the built
// screens in Debian's Chromium: the till at 1280×800 and the customer display at 1920×1080, each in
// its own window of one browser so both read the same clock. Per charge:
//   press   the till's click event (its timestamp),
//   event   the display's event stream delivers the sale awaiting payment with its QR,
//   painted the QR element is in the display's DOM, decoded, and the next frame has been produced,
//   stripe  Stripe's own time on the create request, timed at its front door (the proxy in front of
//           the separate simulator: the request arrived → the last byte of the answer handed back),
//           so the host's work sending it and reading the answer counts as ours; in demo mode
//           (embedded simulator, no door) the host's own stopwatch, first byte sent to last received.
// The host's own moments (Stripe's reply in, the event written out) are on the machine's clock too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { percentile } from './support/event-stream';
import { startTimedHost, type SimulatorPlacement } from './support/timed-host';

const CHARGES = Number(process.env.BENCH_CHARGES ?? 60);
/** The first charges warm the page's code, the host's JIT and the ledger; they are not counted. */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const RENDERER_DIR = process.env.POS_RENDERER_DIR ?? path.resolve(import.meta.dirname, '../dist/renderer');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SIMULATOR: SimulatorPlacement = process.env.BENCH_SIMULATOR === 'embedded' ? 'embedded' : 'separate';
/**
 * Stripe's own time, added in front of the simulator (bench/support/stripe-latency.ts): a PromptPay
 * create answers in hundreds of milliseconds, not the simulator's few; 0 = the simulator's own.
 */
const STRIPE_DELAY_MS = SIMULATOR === 'separate' ? Number(process.env.BENCH_STRIPE_DELAY_MS ?? 300) : 0;

interface Sample {
  pressToPainted: number;
  /** Stripe's own time (at its door when there is one): what "beyond Stripe" subtracts. */
  stripe: number;
  /** The same request on the host's stopwatch (its HTTP client and event loop included). */
  stripeAtHost: number;
  /** The host's time answering sales.charge (Stripe's included). */
  hostCharge: number;
  /** The host's CPU time while answering it (the embedded simulator's included): not stretched by others' load. */
  hostChargeCpu: number;
  pressToReply: number;
  /** The till and the host before Stripe: the click → the host's create request to Stripe starts. */
  pressToStripeSent: number;
  /** The till: the click → the host has the charge request's headers. */
  pressToHostRequest: number;
  /** The till: the click → its handler runs (the page was busy) → fetch called. */
  pressToClickHandled: number;
  clickHandledToFetch: number;
  /** The host: the charge request's headers → its create request to Stripe starts (the sale saved meanwhile). */
  hostRequestToStripeSent: number;
  /** The host: Stripe's reply received → the sale with its QR written to the display's event stream. */
  stripeToEventWritten: number;
  /** Written by the host → delivered to the display page's script (two processes, one clock). */
  eventWrittenToArrived: number;
  pressToEvent: number;
  /** The "preparing" screen (the sale saved, Stripe not answered yet): its event → its frame produced. */
  preparingEventToPainted: number;
  /** Its frame produced → the QR's event delivered (negative: the QR's event came while it was still being drawn). */
  preparingPaintedToQrEvent: number;
  eventToInserted: number;
  insertedToPainted: number;
  /** CPU the display's renderer process used from just before the press to the QR painted (all its threads). */
  displayProcessCpu: number;
  /** Of which its main thread (script, style, layout, paint records). */
  displayMainThreadCpu: number;
}

/** The display page's renderer CPU so far (ms): CPU time, so other programs' load does not stretch it. */
async function rendererCpu(cdp: CDPSession): Promise<{ process: number; thread: number }> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const value = (name: string) => (metrics.find((metric) => metric.name === name)?.value ?? Number.NaN) * 1000;
  return { process: value('ProcessTime'), thread: value('ThreadTime') };
}

// Page-side code, as source text: it runs in Chromium, not here (and tsx's helpers do not exist there).

/** Timestamps, on the browser's shared clock, of when the display's event stream delivers each sale update with a QR. */
const RECORD_STREAM_ARRIVALS = `
  window.__arrivals = new Map();
  const Native = window.EventSource;
  window.EventSource = class extends Native {
    constructor(url, init) {
      super(url, init);
      // Added before the app's own listener, so it runs first: the moment the update is delivered.
      this.addEventListener('sale.updated', (message) => {
        const sale = JSON.parse(message.data);
        const key = sale.id + ':' + sale.status;
        const at = performance.timeOrigin + performance.now();
        if (sale.qrData && !window.__arrivals.has(key)) window.__arrivals.set(key, at);
        if (sale.status === 'created' && !window.__arrivals.has(key)) {
          window.__arrivals.set(key, at);
          // The "preparing" screen's frame: when it was produced, so the QR's own can be told from it.
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => window.__arrivals.set(key + ':painted', performance.timeOrigin + performance.now());
            channel.port2.postMessage(null);
          });
        }
      });
    }
  };
`;

/** The till's click on Charge, on the browser's shared clock. */
const RECORD_PRESSES = `
  document.addEventListener('click', (event) => {
    if (event.target && event.target.closest && event.target.closest('[data-testid="charge-button"]')) {
      window.__pressedAt = performance.timeOrigin + event.timeStamp;
      // When the page's script got the click (input waits while the page is busy drawing).
      window.__clickHandledAt = performance.timeOrigin + performance.now();
    }
  }, true);
`;

/**
 * Resolves once a QR appears on the display (inserted), is decoded (an <img>), and a frame with it
 * has been produced (painted).
 */
const ARM_QR_WATCH = `(() => {
  const find = () => document.querySelector('[data-testid="customer-qr"]');
  if (find()) throw new Error('a QR is already on the display');
  window.__qrShown = new Promise((resolve) => {
    const painted = async (element) => {
      const inserted = performance.timeOrigin + performance.now();
      if (element.tagName === 'IMG') await element.decode().catch(() => undefined);
      // A task queued from requestAnimationFrame runs once that frame is produced.
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ inserted, painted: performance.timeOrigin + performance.now() });
        channel.port2.postMessage(null);
      });
    };
    const observer = new MutationObserver(() => {
      const element = find();
      if (!element) return;
      observer.disconnect();
      void painted(element);
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
  });
})()`;

async function post(page: Page, baseUrl: string, op: string, input: unknown, attempt = 1): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
  try {
    const response = await page.request.post(`${baseUrl}/api/pos/${op}`, { data: input, headers: { 'content-type': 'application/json' } });
    return (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  } catch (error) {
    // A kept-alive connection the host closed just as it was reused (seen under heavy load): the
    // bench's own reads and setup are asked once more; nothing timed goes through here.
    if (attempt === 1 && String(error).includes('ECONNRESET')) return post(page, baseUrl, op, input, 2);
    throw error;
  }
}

/** The sale's PaymentIntent, as the signed-in till reads it. */
async function paymentIntentOf(till: Page, baseUrl: string, saleId: string): Promise<string> {
  const sale = await post(till, baseUrl, 'sales.get', { saleId });
  const paymentIntentId = sale.ok ? (sale.value as { paymentIntentId: string | null }).paymentIntentId : null;
  if (!paymentIntentId) throw new Error(`sale ${saleId} has no PaymentIntent: ${JSON.stringify(sale.error ?? sale.value)}`);
  return paymentIntentId;
}

async function main(): Promise<Record<string, unknown>> {
  if (!fs.existsSync(CHROMIUM) || !fs.existsSync(path.join(RENDERER_DIR, 'customer/index.html'))) {
    return { benchmark: 'charge_to_display', skipped: `needs Chromium at ${CHROMIUM} and the built screens in ${RENDERER_DIR}` };
  }
  const host = await startTimedHost(RENDERER_DIR, SIMULATOR, STRIPE_DELAY_MS);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    // The customer display: its own window, no session (the customer feed).
    const display = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await display.addInitScript({ content: RECORD_STREAM_ARRIVALS });
    await display.goto(`${host.baseUrl}/customer/?lang=th`);
    await display.locator('[data-testid="customer-status"][data-status="idle"]').waitFor();
    const displayCdp = await display.context().newCDPSession(display);
    await displayCdp.send('Performance.enable');

    const till = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await till.addInitScript({ content: RECORD_PRESSES });
    const setup = await post(till, host.baseUrl, 'auth.setupOwner', { name: 'Bench owner', pin: '246810' });
    if (!setup.ok) throw new Error(`owner setup failed: ${JSON.stringify(setup.error)}`);
    await till.goto(`${host.baseUrl}/cashier/?lang=th`);
    await till.getByTestId('charge-button').waitFor();

    const samples: Sample[] = [];
    for (let i = 0; i < WARMUP + CHARGES; i += 1) {
      await till.getByTestId('keypad-clear').click();
      for (const digit of String(100 + (i % 900))) await till.getByTestId(`keypad-${digit}`).click();
      await display.evaluate(ARM_QR_WATCH);
      const cpuBefore = await rendererCpu(displayCdp);
      await till.evaluate('performance.clearResourceTimings()');
      const mark = host.mark();
      const answered = host.timing(mark, (timing) => timing.kind === 'api' && timing.path === '/api/pos/sales.charge');
      const stripe = host.timing(mark, (timing) => timing.kind === 'stripe' && timing.method === 'POST' && timing.path === '/v1/payment_intents');
      const written = host.timing(mark, (timing) => timing.kind === 'event' && timing.path === '/api/pos/events#customer');
      const doorMark = host.stripeDoor?.mark() ?? 0;
      const atDoor = host.stripeDoor?.find(doorMark, (timing) => timing.method === 'POST' && timing.path === '/v1/payment_intents') ?? null;
      await till.getByTestId('charge-button').click();

      const { inserted, painted } = (await display.evaluate('window.__qrShown')) as { inserted: number; painted: number };
      const cpuAfter = await rendererCpu(displayCdp);
      const saleStatus = till.getByTestId('sale-status');
      await saleStatus.and(till.locator('[data-status="awaiting_payment"]')).waitFor();
      const saleId = (await saleStatus.getAttribute('data-sale-id'))!;
      const pressed = (await till.evaluate('window.__pressedAt')) as number;
      const request = (await till.evaluate(`(() => {
        const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/api/pos/sales.charge'));
        return entry ? { fetched: performance.timeOrigin + entry.startTime, replied: performance.timeOrigin + entry.responseEnd, handled: window.__clickHandledAt } : null;
      })()`)) as { fetched: number; replied: number; handled: number } | null;
      const replied = request?.replied ?? null;
      const arrived = (await display.evaluate(`window.__arrivals.get(${JSON.stringify(`${saleId}:awaiting_payment`)}) ?? null`)) as number | null;
      const preparing = (await display.evaluate(`[window.__arrivals.get(${JSON.stringify(`${saleId}:created`)}) ?? null, window.__arrivals.get(${JSON.stringify(`${saleId}:created:painted`)}) ?? null]`)) as [number | null, number | null];
      const stripeAtHostMs = (await stripe).ms;
      const stripeMs = atDoor ? (await atDoor).ms : stripeAtHostMs;
      const hostMs = (await answered).ms;
      const writtenAt = (await written).endAt;
      if (i >= WARMUP) {
        samples.push({
          pressToPainted: painted - pressed,
          stripe: stripeMs,
          stripeAtHost: stripeAtHostMs,
          hostCharge: hostMs,
          hostChargeCpu: (await answered).cpuMs ?? Number.NaN,
          pressToReply: replied === null ? Number.NaN : replied - pressed,
          pressToStripeSent: (await stripe).endAt - stripeAtHostMs - pressed,
          pressToClickHandled: request === null ? Number.NaN : request.handled - pressed,
          clickHandledToFetch: request === null ? Number.NaN : request.fetched - request.handled,
          pressToHostRequest: (await answered).endAt - hostMs - pressed,
          hostRequestToStripeSent: (await stripe).endAt - stripeAtHostMs - ((await answered).endAt - hostMs),
          stripeToEventWritten: writtenAt - (await stripe).endAt,
          eventWrittenToArrived: arrived === null ? Number.NaN : arrived - writtenAt,
          preparingEventToPainted: preparing[0] === null || preparing[1] === null ? Number.NaN : preparing[1] - preparing[0],
          preparingPaintedToQrEvent: preparing[1] === null || arrived === null ? Number.NaN : arrived - preparing[1],
          pressToEvent: arrived === null ? Number.NaN : arrived - pressed,
          eventToInserted: arrived === null ? Number.NaN : inserted - arrived,
          insertedToPainted: painted - inserted,
          displayProcessCpu: cpuAfter.process - cpuBefore.process,
          displayMainThreadCpu: cpuAfter.thread - cpuBefore.thread,
        });
      }

      if ((i + 1) % 10 === 0) process.stderr.write(`charge-to-display: ${i + 1} of ${WARMUP + CHARGES} charges\n`);

      // The customer pays (Stripe's webhook tells the host; in demo mode, the till's simulator panel);
      // then the till starts a new sale.
      if (SIMULATOR === 'embedded') await till.getByTestId('simulate-pay').click();
      else await host.pay(await paymentIntentOf(till, host.baseUrl, saleId));
      await display.locator('[data-testid="customer-status"][data-status="succeeded"]').waitFor();
      await till.locator('[data-testid="sale-status"][data-status="succeeded"]').waitFor();
      const newSale = till.getByTestId('new-sale-button');
      if (await newSale.isVisible()) await newSale.click();
      await till.getByTestId('charge-button').waitFor();
    }

    const stat = (pick: (sample: Sample) => number) => {
      const values = samples.map(pick).filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
      return { p50: round(percentile(values, 0.5)), p95: round(percentile(values, 0.95)), max: round(values.at(-1) ?? Number.NaN) };
    };
    const total = stat((s) => s.pressToPainted);
    const beyond = stat((s) => s.pressToPainted - s.stripe);
    const stripe = stat((s) => s.stripe);
    const stripeAtHost = stat((s) => s.stripeAtHost);
    return {
      benchmark: 'charge_to_display',
      charges: samples.length,
      // Where Stripe ran: its own process (as in production), or inside the host (demo mode).
      stripe_simulator: SIMULATOR,
      stripe_added_delay_ms: STRIPE_DELAY_MS,
      display_viewport: '1920x1080',
      press_to_qr_p50_ms: total.p50,
      press_to_qr_p95_ms: total.p95,
      press_to_qr_max_ms: total.max,
      // Where Stripe's own time was taken: at its door (the proxy before the simulator) or, in demo mode, the host's stopwatch.
      stripe_timed_at: host.stripeDoor ? 'stripe_door' : 'host',
      stripe_reply_p50_ms: stripe.p50,
      stripe_reply_p95_ms: stripe.p95,
      // The same requests on the host's stopwatch: the difference is the host's own work on them.
      stripe_reply_at_host_p50_ms: stripeAtHost.p50,
      stripe_reply_at_host_p95_ms: stripeAtHost.p95,
      // The figure with a target: p95 ≤ 50 ms (issue 8).
      beyond_stripe_p50_ms: beyond.p50,
      beyond_stripe_p95_ms: beyond.p95,
      beyond_stripe_p95_target_ms: 50,
      beyond_stripe_max_ms: beyond.max,
      // Where the time goes: the host's own work on the charge, the till's request, the event
      // stream to the display, the display's render, and the frame that paints it.
      host_charge_beyond_stripe: stat((s) => s.hostCharge - s.stripe),
      host_http_client_on_stripe_request: stat((s) => s.stripeAtHost - s.stripe),
      // CPU, not wall: what the host itself spends on a charge, the simulator's work included.
      host_charge_cpu_ms: stat((s) => s.hostChargeCpu),
      press_to_charge_reply_beyond_stripe: stat((s) => s.pressToReply - s.stripe),
      press_to_stripe_request: stat((s) => s.pressToStripeSent),
      press_to_host_request: stat((s) => s.pressToHostRequest),
      till_press_to_click_handled: stat((s) => s.pressToClickHandled),
      till_click_handled_to_fetch: stat((s) => s.clickHandledToFetch),
      host_request_to_stripe_request: stat((s) => s.hostRequestToStripeSent),
      host_stripe_reply_to_event_written: stat((s) => s.stripeToEventWritten),
      event_written_to_display_event: stat((s) => s.eventWrittenToArrived),
      press_to_display_event_beyond_stripe: stat((s) => s.pressToEvent - s.stripe),
      preparing_event_to_painted: stat((s) => s.preparingEventToPainted),
      preparing_painted_to_qr_event: stat((s) => s.preparingPaintedToQrEvent),
      display_event_to_qr_in_dom: stat((s) => s.eventToInserted),
      qr_in_dom_to_painted: stat((s) => s.insertedToPainted),
      // CPU, not wall: the display's renderer from just before the press to the QR painted ("preparing"
      // and the QR's frame), all its threads and its main thread alone.
      display_renderer_cpu_ms: stat((s) => s.displayProcessCpu),
      display_main_thread_cpu_ms: stat((s) => s.displayMainThreadCpu),
      load_average_1min: round(os.loadavg()[0]!),
      cpus: os.cpus().length,
    };
  } finally {
    await browser.close();
    await host.stop();
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

console.log(JSON.stringify(await main()));
