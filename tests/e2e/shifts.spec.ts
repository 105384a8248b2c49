import { readFile } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startTill, type Till } from './support/processes';
import { layoutProblems } from './support/screens';
import { openSignedIn, posCall } from './support/sign-in';

// A till's drawer from the float to the Z report, in a real browser against the real host (demo mode):
// open a shift with ฿1,000 → a cash sale → pay out ฿100 for ice → close with the counted cash, short
// shown → the manager closes the day → Z report no. 1, printable. Then every shift dialog and the Z
// report in Thai and English at 1024×600 and 1280×800: nothing cut or overlapping, nothing for axe.

// Code passed to page.evaluate runs in the browser; the Node typings here have no DOM, so the two
// browser globals it uses are declared for this file only.
declare const window: { print: () => void; printed: number };
declare const getComputedStyle: (element: unknown) => { color: string };

// Screenshots go to test-results/ on an ordinary run; POS_UPDATE_SCREENSHOTS=1 refreshes docs/screenshots.
const SHOTS = path.join(process.cwd(), process.env.POS_UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots');
const SIZES = [
  { width: 1024, height: 600 },
  { width: 1280, height: 800 },
];
const LANGS = ['th', 'en'] as const;

// One till, in order: the dialogs' shifts first, then the flow closes the day (a closed day takes no
// new shift), then the Z report screens.
let till: Till;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  till = await startTill();
});
test.afterAll(async () => {
  await till?.host.stop();
});

async function shot(target: Page | Locator, name: string): Promise<void> {
  await target.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** axe on the part of the page that is new here (the open dialog, the header, the manager's page): the till behind is checked by accessibility.spec.ts. */
async function axe(page: Page, screen: string, scope: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(scope).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${screen}: ${v.id} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Types an amount on a dialog's own keypad (1-2-3 on top), as a cashier would. */
async function tapAmount(dialog: Locator, text: string): Promise<void> {
  for (const ch of text) await dialog.getByTestId(ch === '.' ? 'keypad-dot' : `keypad-${ch}`).click();
}

async function openShift(page: Page, float: string): Promise<void> {
  await page.getByTestId('shift-chip').click();
  const dialog = page.getByTestId('shift-open-dialog');
  await expect(dialog).toBeVisible();
  await tapAmount(dialog, float);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('shift-chip')).toHaveAttribute('data-state', 'open');
}

for (const lang of LANGS) {
  for (const size of SIZES) {
    test(`every shift dialog fits and passes axe, ${lang} ${size.width}×${size.height}`, async ({ page }) => {
      test.setTimeout(420_000);
      const problems: string[] = [];
      const check = async (name: string, primary: string[], scope = 'dialog[open]'): Promise<void> => {
        const where = `${name} ${lang} ${size.width}×${size.height}`;
        for (const problem of await layoutProblems(page, primary)) problems.push(`${where}: ${problem}`);
        if (size.width === 1280) problems.push(...(await axe(page, where, scope)));
        await shot(page, `shift-${lang}-${name}-${size.width}x${size.height}`);
      };
      await page.setViewportSize(size);
      await openSignedIn(page, till.baseUrl, `/cashier/?lang=${lang}`);
      await expect(page.getByTestId('shift-chip')).toHaveAttribute('data-state', 'none');
      await check('none', ['shift-chip'], '.topbar');
      await page.getByTestId('shift-chip').click();
      await tapAmount(page.getByTestId('shift-open-dialog'), '1000');
      await check('open', ['shift-open-confirm']);
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('shift-chip')).toHaveAttribute('data-state', 'open');
      await posCall(page, till.baseUrl, 'sales.cash', { amount: 35_000, tendered: 50_000 });
      await expect(page.getByTestId('shift-chip')).toHaveAttribute('data-expected', '135000');
      await check('chip', ['shift-chip'], '.topbar');
      await page.getByTestId('shift-chip').click();
      await page.getByTestId('shift-pay-out').click();
      const move = page.getByTestId('shift-move-dialog');
      await tapAmount(move, '100');
      await move.getByTestId('shift-reason-supplies').click();
      await check('pay-out', ['shift-move-confirm']);
      await move.getByTestId('shift-move-confirm').click();
      await expect(page.getByTestId('shift-movements')).toBeVisible();
      await check('panel', ['shift-pay-in', 'shift-pay-out', 'shift-close']);
      await page.getByTestId('shift-close').click();
      const close = page.getByTestId('shift-close-dialog');
      await tapAmount(close, '1300');
      await check('close', ['shift-close-confirm']);
      await close.getByTestId('shift-count-pieces').click();
      await close.getByTestId('shift-piece-1000').fill('1');
      await close.getByTestId('shift-piece-100').fill('3');
      await check('close-count', ['shift-close-confirm']);
      await close.getByTestId('shift-close-confirm').click();
      await expect(page.getByTestId('shift-over-short')).toHaveAttribute('data-tone', 'over');
      await check('closed-over', ['shift-closed-done']);
      await page.getByTestId('shift-closed-done').click();
      // And a short one: the count below what is expected.
      await openShift(page, '500');
      await page.getByTestId('shift-chip').click();
      await page.getByTestId('shift-close').click();
      await tapAmount(page.getByTestId('shift-close-dialog'), '480');
      await page.getByTestId('shift-close-confirm').click();
      await expect(page.getByTestId('shift-over-short')).toHaveAttribute('data-tone', 'short');
      await check('closed-short', ['shift-closed-done']);
      await page.getByTestId('shift-closed-done').click();
      // Closing the day while a shift is open says which shift to close first.
      await openShift(page, '200');
      await page.getByTestId('manager-button').click();
      await page.getByTestId('tab-zreports').click();
      await page.getByTestId('z-close-day').click();
      await expect(page.getByTestId('z-close-error')).toBeVisible();
      await shot(page, `manager-${lang}-z-report-refused-${size.width}x${size.height}`);
      for (const problem of await layoutProblems(page, ['z-close-day'])) problems.push(`z refused ${lang} ${size.width}×${size.height}: ${problem}`);
      if (size.width === 1280) problems.push(...(await axe(page, `z refused ${lang}`, '#manager-main')));
      await page.getByTestId('shift-chip').click();
      await page.getByTestId('shift-close').click();
      await tapAmount(page.getByTestId('shift-close-dialog'), '200');
      await page.getByTestId('shift-close-confirm').click();
      await page.getByTestId('shift-closed-done').click();
      expect(problems).toEqual([]);
    });
  }
}

test('a shift from the float to the count: cash sale, pay-out for ice, short shown; the manager closes the day', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=en');
  const chip = page.getByTestId('shift-chip');
  await expect(chip).toHaveAttribute('data-state', 'none');
  await expect(chip).toHaveAccessibleName('No shift: Open shift');

  // Open with ฿1,000 typed on the keyboard (Enter confirms); a pay-out before any shift is impossible.
  await chip.click();
  const open = page.getByTestId('shift-open-dialog');
  await page.keyboard.press('Enter');
  await expect(open.getByTestId('shift-float-problem')).toHaveText('Type an amount (0 if the drawer is empty).');
  await page.keyboard.type('1000');
  await expect(open.getByTestId('shift-float')).toHaveText('฿1,000');
  await expect(open.getByTestId('shift-open-confirm')).toHaveText('Open shift with ฿1,000.00');
  await page.keyboard.press('Enter');
  await expect(open).toBeHidden();
  await expect(chip).toHaveAttribute('data-expected', '100000');
  await expect(chip).toHaveAccessibleName(/^Shift \d+, open since \d\d:\d\d, expected cash ฿1,000\.00$/);
  const shiftNumber = await chip.getAttribute('data-number');

  // A cash sale of ฿350 (฿500 handed over): the chip follows it live.
  const sale = await posCall<{ tender: string; status: string }>(page, till.baseUrl, 'sales.cash', { amount: 35_000, tendered: 50_000, requestId: 'e2e-shift-cash-1' });
  expect(sale.ok, JSON.stringify(sale.error)).toBe(true);
  await expect(chip).toHaveAttribute('data-expected', '135000');

  // Pay out ฿100 for ice: the reason is required, then the panel lists it and expects ฿1,250.
  await chip.click();
  const panel = page.getByTestId('shift-panel');
  await expect(panel.getByTestId('shift-cash-sales')).toHaveAttribute('data-amount', '35000');
  await panel.getByTestId('shift-pay-out').click();
  const move = page.getByTestId('shift-move-dialog');
  await tapAmount(move, '100');
  await move.getByTestId('shift-move-confirm').click();
  await expect(move.getByTestId('shift-move-reason-problem')).toBeVisible();
  await move.getByTestId('shift-move-reason').fill('ice');
  await move.getByTestId('shift-move-confirm').click();
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('shift-movements')).toContainText('ice');
  await expect(panel.getByTestId('shift-cash-payOuts')).toHaveAttribute('data-amount', '10000');
  await expect(panel.getByTestId('shift-cash-expected')).toHaveAttribute('data-amount', '125000');
  await expect(chip).toHaveAccessibleName(/expected cash ฿1,250\.00$/);
  await expect(chip.locator('.shift-chip__narrow').last()).toHaveText('฿1,250.00');

  // Close with ฿1,200 counted (note by note: 1×1000, 2×100): ฿50 short, in red.
  await panel.getByTestId('shift-close').click();
  const close = page.getByTestId('shift-close-dialog');
  await close.getByTestId('shift-count-pieces').click();
  await close.getByTestId('shift-piece-1000').fill('1');
  await close.getByTestId('shift-piece-100').fill('2');
  await expect(close.getByTestId('shift-pieces-total')).toHaveAttribute('data-amount', '120000');
  await close.getByTestId('shift-count-typed').click();
  await expect(close.getByTestId('shift-counted')).toHaveAttribute('data-text', '1200');
  await close.getByTestId('shift-close-confirm').click();
  const closed = page.getByTestId('shift-closed-dialog');
  const overShort = closed.getByTestId('shift-over-short');
  await expect(overShort).toHaveAttribute('data-tone', 'short');
  await expect(overShort).toHaveAttribute('data-amount', '-5000');
  await expect(overShort).toContainText('Short');
  await expect(overShort).toContainText('−฿50.00');
  expect(await overShort.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(185, 28, 28)');
  await closed.getByTestId('shift-closed-done').click();
  await expect(chip).toHaveAttribute('data-state', 'none');

  // The manager closes the day: Z report no. 1 with the cash sale, the shift and its shortfall.
  await page.getByTestId('manager-button').click();
  await page.getByTestId('tab-zreports').click();
  await expect(page.getByTestId('zreports-view')).toBeVisible();
  await page.getByTestId('z-close-day').click();
  const z = page.getByTestId('z-report');
  await expect(z).toHaveAttribute('data-number', '1');
  // The day's cash (this shift's sale and the dialogs' before it) agrees with the daily report's.
  const day = await posCall<{ tenders: { cash: { net: number } } }>(page, till.baseUrl, 'reports.daily', { date: await z.getAttribute('data-date') });
  expect(day.value!.tenders.cash.net).toBeGreaterThanOrEqual(35_000);
  await expect(z.locator('[data-testid="report-tender-row"][data-tender="cash"]')).toHaveAttribute('data-net', String(day.value!.tenders.cash.net));
  const row = z.locator(`[data-testid="z-shift-row"][data-number="${shiftNumber}"]`);
  await expect(row.getByTestId('z-shift-over-short')).toHaveAttribute('data-amount', '-5000');
  await expect(z.locator('[data-testid="report-tender-row"][data-tender="promptpay_manual"] [data-trust="unverified"]')).toBeVisible();
  // The PDF downloads with this session.
  const [download] = await Promise.all([page.waitForEvent('download'), z.getByTestId('z-pdf').click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  expect((await readFile(await download.path())).subarray(0, 5).toString()).toBe('%PDF-');
  // Print: the browser's print dialog, with a stylesheet that keeps only the report.
  await page.evaluate(() => {
    window.printed = 0;
    window.print = () => {
      window.printed += 1;
    };
  });
  await z.getByTestId('z-print').click();
  expect(await page.evaluate(() => window.printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('z-print')).toBeHidden();
  await expect(page.locator('.topbar')).toHaveCSS('visibility', 'hidden');
  await shot(page, 'manager-en-z-report-print-1280x800');
  await page.emulateMedia({ media: 'screen' });
  // Back to the list: the day is closed, closing it again is refused plainly.
  await z.getByTestId('z-back').click();
  await expect(page.getByTestId('z-row')).toHaveCount(1);
  await page.getByTestId('z-close-day').click();
  await expect(page.getByTestId('z-close-error')).toContainText('already closed');
});

for (const lang of LANGS) {
  test(`the Z reports screen and a Z report fit and pass axe, ${lang}`, async ({ page }) => {
    test.setTimeout(420_000);
    const problems: string[] = [];
    const check = async (name: string, primary: string[]): Promise<void> => {
      const size = page.viewportSize()!;
      const where = `${name} ${lang} ${size.width}×${size.height}`;
      for (const problem of await layoutProblems(page, primary)) problems.push(`${where}: ${problem}`);
      if (size.width === 1280) problems.push(...(await axe(page, where, '#manager-main')));
      await shot(page, `manager-${lang}-z-report-${name}-${size.width}x${size.height}`);
    };
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await openSignedIn(page, till.baseUrl, `/cashier/?lang=${lang}#/zreports`);
      await expect(page.getByTestId('z-row').first()).toBeVisible();
      await check('list', ['z-close-day']);
      await page.getByTestId('z-view').first().click();
      await expect(page.getByTestId('z-report')).toBeVisible();
      await check('view', ['z-print', 'z-back']);
      await page.getByTestId('z-back').click();
    }
    expect(problems).toEqual([]);
  });
}
