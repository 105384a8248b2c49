import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startTill, type Till } from './support/processes';
import { layoutProblems, type Lang } from './support/screens';
import { openSignedIn, posCall, signInAsOwnerByApi } from './support/sign-in';

// The manager's reports against the real host in demo mode: the daily report by tender (a Stripe
// PromptPay sale, a cash sale and a hand-confirmed PromptPay sale, a refund), the hour chart's axis,
// the week and month report, and the settings for the shop's PromptPay ID and the day's start hour.

// Screenshots go to test-results/ on an ordinary run; POS_UPDATE_SCREENSHOTS=1 refreshes docs/screenshots.
const SHOTS = path.join(process.cwd(), process.env.POS_UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 600 },
];
const LANGS: Lang[] = ['th', 'en'];

let till: Till;
test.beforeAll(async () => {
  till = await startTill();
});
test.afterAll(async () => {
  await till?.host.stop();
});

async function ok<T>(page: Page, op: string, input: unknown): Promise<T> {
  const reply = await posCall<T>(page, till.baseUrl, op, input);
  if (!reply.ok) throw new Error(`${op} refused: ${JSON.stringify(reply.error)}`);
  return reply.value as T;
}

async function stripeSale(page: Page, amount: number, description: string): Promise<string> {
  const sale = await ok<{ id: string }>(page, 'sales.charge', { amount, description, requestId: `rep-${Date.now()}-${amount}` });
  await ok(page, 'demo.simulate', { saleId: sale.id, outcome: 'succeed' });
  await expect.poll(async () => (await ok<{ sale: { status: string } }>(page, 'sales.detail', { saleId: sale.id })).sale.status).toBe('succeeded');
  return sale.id;
}

/** One day of every tender: ฿450 PromptPay through Stripe, ฿120 cash, ฿35 PromptPay confirmed by hand; ฿50 of the Stripe sale refunded. */
async function dayOfEveryTender(page: Page): Promise<{ stripe: string; cash: string; manual: string }> {
  await signInAsOwnerByApi(page, till.baseUrl);
  await ok(page, 'settings.update', { promptPayId: '0812345678' });
  const shift = await posCall(page, till.baseUrl, 'shifts.current', {});
  if (shift.ok && shift.value === null) await ok(page, 'shifts.open', { float: 100_000 });
  const stripe = await stripeSale(page, 45_000, 'Khao man gai x3');
  const cash = (await ok<{ id: string }>(page, 'sales.cash', { amount: 12_000, tendered: 20_000, description: 'Iced tea' })).id;
  const manual = (await ok<{ id: string }>(page, 'sales.manualQr', { amount: 3_500, description: 'Water' })).id;
  await ok(page, 'sales.confirmManual', { saleId: manual });
  await ok(page, 'refunds.create', { saleId: stripe, amount: 5_000, email: 'customer@example.com' });
  return { stripe, cash, manual };
}

let seeded: Promise<{ stripe: string; cash: string; manual: string }> | null = null;
/** The day of every tender, made once per till whichever test comes first. */
function seededDay(page: Page): Promise<{ stripe: string; cash: string; manual: string }> {
  seeded ??= dayOfEveryTender(page);
  return seeded;
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

test('the daily report shows every tender, the hand-confirmed one marked unverified, Stripe fees and refunds paid vs waiting', async ({ page }) => {
  const sales = await seededDay(page);
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=en#/report');
  const tenders = page.getByTestId('report-tenders');
  await expect(tenders.locator('[data-tender="promptpay"]')).toContainText('450.00');
  await expect(tenders.locator('[data-tender="cash"]')).toContainText('120.00');
  const manual = tenders.locator('[data-tender="promptpay_manual"]');
  await expect(manual).toContainText('35.00');
  await expect(manual.locator('[data-trust="unverified"]')).toBeVisible();
  await expect(tenders.locator('[data-tender="promptpay"] [data-trust="stripe"]')).toBeVisible();
  await expect(tenders.locator('[data-tender="promptpay"] [data-testid="report-tender-net"]')).toHaveText('฿400.00');
  await expect(page.getByTestId('report-stripe-payout')).toBeVisible();
  // The PromptPay refund waits for the customer's bank details.
  await expect(page.getByTestId('kpi-refunds-waiting')).toContainText('50.00');
  const row = (id: string) => page.locator(`[data-testid="report-payment-row"][data-sale-id="${id}"] [data-testid="report-payment-tender"]`);
  await expect(row(sales.cash)).toHaveAttribute('data-tender', 'cash');
  await expect(row(sales.manual)).toHaveAttribute('data-tender', 'promptpay_manual');
  await expect(row(sales.manual)).toContainText('unverified');
  await expect(row(sales.stripe)).toHaveAttribute('data-tender', 'promptpay');

  await page.goto(`${till.baseUrl}/cashier/?lang=th#/report`);
  await expect(page.getByTestId('report-tenders').locator('[data-tender="promptpay_manual"]')).toContainText('ยังไม่ได้ตรวจสอบ');
});

test('the hour chart has a labelled baht axis that stays readable at 1024×600 and 1280×800', async ({ page }) => {
  await seededDay(page);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await openSignedIn(page, till.baseUrl, '/cashier/?lang=en#/report');
    const chart = page.getByTestId('hour-chart');
    await chart.scrollIntoViewIfNeeded();
    const ticks = chart.getByTestId('hour-chart-tick');
    expect(await ticks.count()).toBeGreaterThanOrEqual(2);
    // Labels drawn at 1:1: the top tick's text is at least 12px tall and inside the chart.
    const label = ticks.last().locator('text');
    await expect(label).toHaveText(/^฿[\d,]+$/);
    const box = (await label.boundingBox())!;
    const frame = (await chart.locator('svg').boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(12);
    expect(box.x).toBeGreaterThanOrEqual(frame.x);
    expect(frame.x + frame.width).toBeLessThanOrEqual(size.width);
    await expect(chart.locator('.hour-chart__axis-title')).toHaveText('Baht');
  }
});

test('screenshots: the daily report', async ({ page }) => {
  test.setTimeout(240_000);
  await seededDay(page);
  for (const lang of LANGS) {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.goto('about:blank');
      await openSignedIn(page, till.baseUrl, `/cashier/?lang=${lang}#/report`);
      await expect(page.getByTestId('report-tenders')).toBeVisible();
      expect(await layoutProblems(page, [])).toEqual([]);
      await shoot(page, `manager-${lang}-report-${size.width}x${size.height}`);
      await page.getByTestId('report-tenders').scrollIntoViewIfNeeded();
      await page.getByTestId('hour-chart').scrollIntoViewIfNeeded();
      await shoot(page, `manager-${lang}-report-chart-${size.width}x${size.height}`);
    }
  }
});

test('the week and month report: a row per day with a bar, totals, presets, tender columns on demand, and the range to export', async ({ page }) => {
  await seededDay(page);
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=en#/period');
  await expect(page.getByTestId('period-thisWeek')).toHaveAttribute('aria-checked', 'true');
  const today = await page.getByTestId('period-to').getAttribute('data-value');
  const row = page.locator(`[data-testid="period-day"][data-date="${today}"]`);
  await expect(row.getByTestId('period-day-net')).toHaveText('฿555.00');
  await expect(row.locator('svg.period-bar')).toHaveAttribute('data-share', '1.000');
  await expect(page.getByTestId('period-total-net')).toHaveText('฿555.00');
  await expect(page.getByTestId('period-tender-col')).toHaveCount(0);
  await page.getByTestId('period-tenders-toggle').click();
  await expect(page.getByTestId('period-tender-col')).toHaveCount(3);
  await expect(row.locator('[data-tender="cash"]')).toHaveText('฿120.00');

  await page.getByTestId('period-thisMonth').click();
  await expect(page.getByTestId('period-from')).toHaveAttribute('data-value', `${today!.slice(0, 8)}01`);
  await expect(page.getByTestId('period-total-net')).toHaveText('฿555.00');

  // Over 62 days: said on screen, nothing asked.
  await page.getByTestId('period-from').fill('01/01/2026');
  await page.getByTestId('period-from').press('Enter');
  await expect(page.getByTestId('period-problem')).toContainText('62 days');

  // Thai dates on Thai screens.
  await page.goto(`${till.baseUrl}/cashier/?lang=th#/period`);
  const [y, m, d] = today!.split('-');
  await expect(page.locator(`[data-testid="period-day"][data-date="${today}"]`)).toContainText(`${d}/${m}/${Number(y) + 543}`);

  // The same days to export.
  await page.getByTestId('period-lastWeek').click();
  const from = await page.getByTestId('period-from').getAttribute('data-value');
  await page.getByTestId('period-export').click();
  await expect(page.getByTestId('exports-view')).toBeVisible();
  await expect(page.getByTestId('export-mode-range')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('export-from')).toHaveAttribute('data-value', from!);
});

test('screenshots: the week and month report', async ({ page }) => {
  test.setTimeout(240_000);
  await seededDay(page);
  for (const lang of LANGS) {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      // A fresh page each time: the report's choices (preset, tender columns) live in the page.
      await page.goto('about:blank');
      await openSignedIn(page, till.baseUrl, `/cashier/?lang=${lang}#/period`);
      await page.getByTestId('period-thisMonth').click();
      await expect(page.getByTestId('period-table')).toBeVisible();
      expect(await layoutProblems(page, [])).toEqual([]);
      await shoot(page, `manager-${lang}-period-month-${size.width}x${size.height}`);
      await page.getByTestId('period-tenders-toggle').click();
      await page.getByTestId('period-table').scrollIntoViewIfNeeded();
      expect(await layoutProblems(page, [])).toEqual([]);
      await shoot(page, `manager-${lang}-period-tenders-${size.width}x${size.height}`);
    }
  }
});

test('settings: the shop’s PromptPay ID is checked as typed and saved formatted; the business day’s start hour moves the report’s hours', async ({ page }) => {
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=en#/settings');
  const id = page.getByTestId('settings-promptpay-id');
  const state = page.getByTestId('settings-promptpay-state');
  await id.fill('1101700203451');
  await expect(state).toHaveAttribute('data-state', 'bad');
  await expect(state).toContainText('check digit');
  await id.fill('0891234567');
  await expect(state).toHaveAttribute('data-state', 'ok');
  await expect(state).toContainText('089-123-4567');
  await page.getByTestId('settings-day-start').selectOption('4');
  await expect(page.getByTestId('settings-day-range')).toContainText('04:00 to 03:59');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  const saved = await posCall<{ promptPayId: string; dayStartHour: number }>(page, till.baseUrl, 'settings.get', {});
  expect(saved.value).toMatchObject({ promptPayId: '0891234567', dayStartHour: 4 });
  await page.reload();
  await expect(page.getByTestId('settings-promptpay-id')).toHaveValue('089-123-4567');

  await page.goto(`${till.baseUrl}/cashier/?lang=en#/report`);
  await expect(page.getByTestId('hour-chart').locator('svg')).toHaveAttribute('data-start-hour', '4');
  await expect(page.getByTestId('hour-chart-hour').first()).toHaveText('04');

  // Back as it was, for the other tests.
  await ok(page, 'settings.update', { promptPayId: '0812345678', dayStartHour: 0 });
});

test('screenshots: settings', async ({ page }) => {
  test.setTimeout(240_000);
  await signInAsOwnerByApi(page, till.baseUrl);
  await ok(page, 'settings.update', { promptPayId: '0812345678', dayStartHour: 4 });
  for (const lang of LANGS) {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.goto('about:blank');
      await openSignedIn(page, till.baseUrl, `/cashier/?lang=${lang}#/settings`);
      await expect(page.getByTestId('settings-promptpay-state')).toHaveAttribute('data-state', 'ok');
      expect(await layoutProblems(page, ['settings-save'])).toEqual([]);
      await shoot(page, `manager-${lang}-settings-${size.width}x${size.height}`);
      await page.getByTestId('settings-promptpay-id').fill('1101700203451');
      await page.getByTestId('settings-day-start').scrollIntoViewIfNeeded();
      await shoot(page, `manager-${lang}-settings-tenders-${size.width}x${size.height}`);
    }
  }
  await ok(page, 'settings.update', { dayStartHour: 0 });
});

// axe-core (WCAG 2.1 A and AA) finds nothing on these screens, in Thai and English.
for (const lang of LANGS) {
  for (const [hash, ready] of [
    ['#/report', 'report-tenders'],
    ['#/period', 'period-table'],
    ['#/settings', 'settings-promptpay-id'],
  ] as const) {
    test(`axe-core finds nothing on ${hash}, ${lang}`, async ({ page }) => {
      test.setTimeout(180_000);
      await seededDay(page);
      await page.setViewportSize({ width: 1280, height: 800 });
      await openSignedIn(page, till.baseUrl, `/cashier/?lang=${lang}${hash}`);
      await expect(page.getByTestId(ready)).toBeVisible();
      if (hash === '#/period') await page.getByTestId('period-tenders-toggle').click();
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(result.violations.map((v) => `${v.id} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
    });
  }
}
