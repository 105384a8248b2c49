// The manager's side for scripts/screenshots.ts: first-run setup, sign-in, history, sale detail with
// its timeline, the refund dialog, the daily report, exports (running and done), people, settings.
// Everything is real (demo mode, embedded simulator) except one frame: "export in progress" holds a
// running job's answer so the bar can be photographed mid-way (a small demo ledger exports instantly).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';

export const SHOT_OWNER = { name: 'คุณพลอย (Ploy)', pin: '246810' };
const PEOPLE = [
  { name: 'Nok', pin: '1357', role: 'cashier' },
  { name: 'มะลิ (Mali)', pin: '8642', role: 'cashier' },
  { name: 'Somchai', pin: '9753', role: 'manager' },
] as const;

const TILL = { width: 1280, height: 800 };
const SMALL_TILL = { width: 1024, height: 600 };

type Shot = (page: Page, name: string) => Promise<void>;
interface Reply<T> {
  ok: boolean;
  value?: T;
  error?: { code: string; message: string };
}

async function post<T>(page: Page, baseUrl: string, op: string, input: unknown = {}): Promise<Reply<T>> {
  const response = await page.request.post(`${baseUrl}/api/pos/${op}`, { data: input, headers: { 'content-type': 'application/json' } });
  return (await response.json()) as Reply<T>;
}

export async function signInOwner(page: Page, baseUrl: string): Promise<void> {
  const status = await post<{ setupRequired: boolean }>(page, baseUrl, 'auth.status');
  if (status.value?.setupRequired) {
    await post(page, baseUrl, 'auth.setupOwner', SHOT_OWNER);
    return;
  }
  const directory = await post<{ cashierId: string; name: string }[]>(page, baseUrl, 'cashiers.directory');
  const owner = directory.value?.find((entry) => entry.name === SHOT_OWNER.name);
  if (!owner) throw new Error('the owner is missing: run the screenshots against a fresh data dir');
  const signIn = await post(page, baseUrl, 'auth.signIn', { cashierId: owner.cashierId, pin: SHOT_OWNER.pin });
  if (!signIn.ok) throw new Error(`owner sign-in failed: ${JSON.stringify(signIn.error)}`);
}

async function newPage(browser: Browser, viewport = TILL): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'th-TH', timezoneId: 'Asia/Bangkok', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page] ${error.message}`));
  return page;
}

/** The first-run screen, in both languages, before the owner exists; then creates the owner. */
export async function shootSetupScreens(browser: Browser, baseUrl: string, shot: Shot): Promise<void> {
  for (const lang of ['th', 'en'] as const) {
    const page = await newPage(browser);
    await page.goto(`${baseUrl}/cashier/?lang=${lang}`);
    const setup = page.getByTestId('setup-screen');
    if (!(await setup.isVisible({ timeout: 5_000 }).catch(() => false))) throw new Error('not a fresh till: the first-run screen is not shown');
    await page.getByTestId('setup-name').fill(SHOT_OWNER.name);
    await page.getByTestId('setup-name').press('Enter');
    await page.keyboard.type(SHOT_OWNER.pin);
    await page.keyboard.press('Enter');
    await page.keyboard.type('24');
    await shot(page, `manager-${lang}-setup-1280x800`);
    await page.context().close();
  }
  const page = await newPage(browser);
  await signInOwner(page, baseUrl);
  for (const person of PEOPLE) await post(page, baseUrl, 'cashiers.create', person);
  await page.context().close();
}

async function ringUp(page: Page, amount: string, note: string, outcome: 'succeed' | 'fail' | 'expire' | 'cancel'): Promise<string> {
  await page.getByTestId('keypad-clear').click();
  for (const ch of amount) await page.getByTestId(ch === '.' ? 'keypad-dot' : `keypad-${ch}`).click();
  await page.getByTestId('description-input').fill(note);
  await page.getByTestId('charge-button').click();
  await page.locator('[data-testid="sale-status"][data-status="awaiting_payment"]').waitFor();
  const saleId = (await page.getByTestId('sale-status').getAttribute('data-sale-id'))!;
  if (outcome === 'cancel') await page.getByTestId('cancel-button').click();
  else await page.getByTestId(`simulate-${outcome === 'succeed' ? 'pay' : outcome}`).click();
  const final = { succeed: 'succeeded', fail: 'failed', expire: 'expired', cancel: 'canceled' }[outcome];
  await page.locator(`[data-testid="sale-status"][data-status="${final}"]`).waitFor();
  await page.getByTestId('new-sale-button').click();
  await page.locator('[data-testid="sale-status"][data-status="idle"]').waitFor();
  return saleId;
}

/** Sales by several people, some unpaid, one from another system with an order reference, a refund. */
async function seedSales(browser: Browser, baseUrl: string): Promise<{ refundSaleId: string; openSaleId: string }> {
  const ids: string[] = [];
  for (const [who, sales] of [
    [PEOPLE[0], [['245.50', 'ลาเต้เย็น 2 แก้ว', 'succeed'], ['89', 'Americano', 'succeed'], ['1200', 'Cake box', 'cancel'], ['65', 'Thai tea', 'succeed']]],
    [PEOPLE[1], [['420', 'ข้าวผัดกะเพรา x3', 'succeed'], ['150', 'Croissant', 'expire'], ['980.25', 'Catering deposit', 'succeed'], ['55', 'Espresso', 'fail']]],
  ] as const) {
    const page = await newPage(browser);
    const directory = await post<{ cashierId: string; name: string }[]>(page, baseUrl, 'cashiers.directory');
    const id = directory.value!.find((entry) => entry.name === who.name)!.cashierId;
    await post(page, baseUrl, 'auth.signIn', { cashierId: id, pin: who.pin });
    await page.goto(`${baseUrl}/cashier/?lang=en`);
    for (const [amount, note, outcome] of sales) ids.push(await ringUp(page, amount, note, outcome));
    await page.context().close();
  }
  const token = process.env.POS_API_TOKEN ?? 't';
  const created = await fetch(`${baseUrl}/payments/intents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ amount: 35_000, description: 'Online order ORD-2025-0142' }),
  });
  if (created.ok) {
    const body = (await created.json()) as { paymentIntentId: string };
    await fetch(`${baseUrl}/_sim/payment_intents/${body.paymentIntentId}/succeed`, { method: 'POST' });
  } else {
    console.error(`REST charge failed (${created.status}); set POS_API_TOKEN to the host's token`);
  }
  return { refundSaleId: ids[4], openSaleId: ids[0] };
}

export async function shootManagerScreens(browser: Browser, baseUrl: string, shot: Shot): Promise<void> {
  const { refundSaleId } = await seedSales(browser, baseUrl);
  // One partial refund already made, so the detail shows a refund and its status chip.
  {
    const page = await newPage(browser);
    await signInOwner(page, baseUrl);
    await post(page, baseUrl, 'refunds.create', { saleId: refundSaleId, amount: 12_000, email: 'customer@example.com', reason: 'requested_by_customer' });
    await post(page, baseUrl, 'settings.update', { shopName: 'Baan Kafe บ้านกาแฟ', backupFolder: mkdtempSync(path.join(os.tmpdir(), 'chamra-backups-')), backupTime: '23:30' });
    await post(page, baseUrl, 'backup.run', {});
    await page.context().close();
  }

  for (const lang of ['th', 'en'] as const) {
    // Sign-in: pick a name, type a wrong PIN.
    const signIn = await newPage(browser);
    await signIn.goto(`${baseUrl}/cashier/?lang=${lang}`);
    await signIn.getByTestId('sign-in-screen').waitFor();
    await signIn.getByTestId('cashier-tile').filter({ hasText: 'Nok' }).click();
    await signIn.keyboard.type('12');
    await shot(signIn, `manager-${lang}-sign-in-1280x800`);
    await signIn.keyboard.type('34');
    await signIn.keyboard.press('Enter');
    await signIn.getByTestId('auth-error').waitFor();
    await shot(signIn, `manager-${lang}-sign-in-wrong-pin-1280x800`);
    await signIn.context().close();

    const page = await newPage(browser);
    await signInOwner(page, baseUrl);
    const both = async (name: string): Promise<void> => {
      await shot(page, `manager-${lang}-${name}-1280x800`);
      await page.setViewportSize(SMALL_TILL);
      await page.waitForTimeout(150);
      await shot(page, `manager-${lang}-${name}-1024x600`);
      await page.setViewportSize(TILL);
      await page.waitForTimeout(150);
    };

    // History.
    await page.goto(`${baseUrl}/cashier/?lang=${lang}#/history`);
    await page.getByTestId('history-row').first().waitFor();
    await both('history');
    await page.getByTestId('history-search').fill('420');
    await page.getByTestId('history-search').press('Enter');
    await page.waitForTimeout(300);
    await shot(page, `manager-${lang}-history-search-1280x800`);

    // Sale detail with its timeline and a refund; then the refund dialog.
    await page.goto(`${baseUrl}/cashier/?lang=${lang}#/sale/${refundSaleId}`);
    await page.getByTestId('timeline-entry').first().waitFor();
    await page.getByTestId('refund-row').first().waitFor();
    await both('sale-detail');
    await page.getByTestId('refund-button').click();
    await page.getByTestId('refund-dialog').waitFor();
    await page.getByTestId('refund-mode-partial').click();
    for (const key of ['1', '0', '0']) await page.getByTestId('refund-dialog').getByTestId(`keypad-${key}`).click();
    await page.getByTestId('refund-email').fill('somsri@example.com');
    await both('refund-dialog');
    await page.getByTestId('refund-dialog').getByTestId('keypad-0').click();
    await page.getByTestId('refund-dialog').getByTestId('keypad-0').click();
    // Over the limit: said as it is typed, and the refund button is off.
    await page.getByTestId('refund-problem').waitFor();
    await shot(page, `manager-${lang}-refund-over-1280x800`);
    await page.keyboard.press('Escape');

    // Daily report.
    await page.goto(`${baseUrl}/cashier/?lang=${lang}#/report`);
    await page.getByTestId('report-kpis').waitFor();
    // A day of PromptPay through Stripe only (tests/e2e/reports.spec.ts shoots 'report' with every tender).
    await both('report-stripe-day');

    // Exports: a frame with a running job (held), then a real CSV export to the end.
    await page.goto(`${baseUrl}/cashier/?lang=${lang}#/exports`);
    await page.getByTestId('export-start').waitFor();
    const today = (await page.getByTestId('export-from').getAttribute('data-value')) ?? '';
    const held = { id: 'exp_SCREENSHOT01', format: 'xlsx', from: today.replace(/-\d\d$/, '-01'), to: today, status: 'running', done: 3_712, total: 9_840, fileName: `chamra-sales-${today.replace(/-\d\d$/, '-01')}_${today}.xlsx`, filePath: null, downloadUrl: null, error: null };
    await page.route('**/api/pos/reports.export', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: held }) }));
    await page.route('**/api/pos/reports.exportStatus', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: held }) }));
    await page.getByTestId('export-mode-range').click();
    await page.getByTestId('export-from').fill(held.from);
    await page.getByTestId('export-format-xlsx').click();
    await page.getByTestId('export-start').click();
    await page.getByTestId('export-job').first().waitFor();
    await both('export-progress');
    await page.unroute('**/api/pos/reports.export');
    await page.unroute('**/api/pos/reports.exportStatus');
    await page.reload();
    await page.getByTestId('export-format-csv').click();
    await page.getByTestId('export-start').click();
    await page.locator('[data-testid="export-job"][data-status="done"]').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('export-format-pdf').click();
    await page.getByTestId('export-start').click();
    await page.locator('[data-testid="export-job"][data-status="done"]').nth(1).waitFor({ timeout: 15_000 });
    await shot(page, `manager-${lang}-export-done-1280x800`);

    // People and settings.
    await page.goto(`${baseUrl}/cashier/?lang=${lang}#/people`);
    await page.getByTestId('person-row').nth(3).waitFor();
    await shot(page, `manager-${lang}-people-1280x800`);
    await page.goto(`${baseUrl}/cashier/?lang=${lang}#/settings`);
    await page.getByTestId('settings-shop-name').waitFor();
    await page.getByTestId('backup-run').click();
    await page.getByTestId('backup-result').waitFor();
    // tests/e2e/reports.spec.ts shoots 'settings' with the PromptPay ID and day start hour.
    await both('settings-backup');
    await page.context().close();

    // A cashier pressing Manager: a manager's PIN first.
    const cashier = await newPage(browser);
    const directory = await post<{ cashierId: string; name: string }[]>(cashier, baseUrl, 'cashiers.directory');
    await post(cashier, baseUrl, 'auth.signIn', { cashierId: directory.value!.find((e) => e.name === 'Nok')!.cashierId, pin: '1357' });
    await cashier.goto(`${baseUrl}/cashier/?lang=${lang}`);
    await cashier.getByTestId('manager-button').click();
    await cashier.getByTestId('elevate-dialog').waitFor();
    await cashier.keyboard.type('24');
    await shot(cashier, `manager-${lang}-elevate-1280x800`);
    await cashier.context().close();
  }
}
