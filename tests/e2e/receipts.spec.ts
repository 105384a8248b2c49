import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startTill, type Till } from './support/processes';
import { layoutProblems, paidSaleByKeyboard, type Lang, violations } from './support/screens';
import { openSignedIn, posCall } from './support/sign-in';

// Receipts in browser mode on the real host: a paid sale's receipt printed through the print dialog
// (window.print intercepted: what would print is read from the page at that moment), the key P, a
// reprint marked สำเนา / COPY from the sale's detail, the PDF download, the ticket's lines, the VAT
// settings; layout and axe at 1024×600 and 1280×800 in Thai and English, and screenshots of receipts
// (with and without VAT, in Thai, English and both, on 58 and 80 mm paper).

// POS_UPDATE_SCREENSHOTS=1 refreshes docs/screenshots; otherwise they go to a temporary folder.
const SHOTS = process.env.POS_UPDATE_SCREENSHOTS === '1' ? path.join(process.cwd(), 'docs/screenshots') : path.join(os.tmpdir(), 'chamra-receipt-screenshots');
const SIZES = [
  { width: 1024, height: 600 },
  { width: 1280, height: 800 },
];
const LANGS: Lang[] = ['th', 'en'];
const TAX_ID = '0105558123451';

// Code passed to the page runs in the browser; the Node typings here have no DOM, so the few browser
// globals it uses are declared loosely for this file only (as support/screens.ts does).
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;
type HTMLElement = any;

interface PrintCall {
  text: string;
  classOnHtml: boolean;
  copy: string | null;
  paper: string | null;
  receiptNo: string | null;
}

let till: Till;
test.beforeAll(async () => {
  till = await startTill();
});
test.afterAll(async () => {
  await till?.host.stop();
});

/** Replaces window.print with a recorder of what would have printed (the dialog cannot be driven). */
async function recordPrints(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as { receiptPrints: unknown[] };
    w.receiptPrints = [];
    window.print = () => {
      const root = document.querySelector('.receipt-print-root');
      const view: HTMLElement = root?.querySelector('[data-testid="receipt-view"]');
      w.receiptPrints.push({
        text: (root as HTMLElement | null)?.innerText ?? '',
        classOnHtml: document.documentElement.classList.contains('printing-receipt'),
        copy: view?.dataset.copy ?? null,
        paper: view?.dataset.paper ?? null,
        receiptNo: view?.dataset.receiptNo ?? null,
      });
    };
  });
}

const prints = (page: Page): Promise<PrintCall[]> => page.evaluate(() => (window as { receiptPrints: PrintCall[] }).receiptPrints);

async function shopSettings(page: Page, patch: Record<string, unknown>): Promise<void> {
  const saved = await posCall(page, till.baseUrl, 'settings.update', patch);
  expect(saved.ok, JSON.stringify(saved.error)).toBe(true);
}

/** The sale's receipt in its detail at `paper` width, photographed to `file` (checked to be the paper's width). */
async function photographReceipt(page: Page, lang: Lang, saleId: string, paper: '58' | '80', expected: { lang: string; kind: string }, file: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  // A fresh load (a change of hash alone would keep the screens' settings from before the API call).
  await page.goto('about:blank');
  await page.goto(`${till.baseUrl}/cashier/?lang=${lang}#/sale/${saleId}`);
  const view = page.getByTestId('detail-receipt').getByTestId('receipt-view');
  await expect(view).toHaveAttribute('data-paper', paper, { timeout: 20_000 });
  await expect(view).toHaveAttribute('data-lang', expected.lang);
  await expect(view).toHaveAttribute('data-kind', expected.kind);
  // Its width on screen is the paper's (96 px to the inch).
  const width = (await view.boundingBox())!.width;
  expect(Math.abs(width - (Number(paper) * 96) / 25.4)).toBeLessThan(2);
  await view.screenshot({ path: path.join(SHOTS, file) });
}

test('a paid sale prints its tax invoice through the print dialog (P or the button); a reprint from the detail is a COPY', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await recordPrints(page);
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=en');
  await shopSettings(page, { vatRegistered: true, taxId: TAX_ID, branchCode: '00000', shopAddress: '12 ถนนสุขุมวิท กรุงเทพฯ 10110', autoPrintReceipt: 'ask', receiptPaper: '80', receiptLanguage: 'th' });
  await page.reload();
  const saleId = await paidSaleByKeyboard(page);

  // 'ask': the big Print button, and the key P.
  const button = page.getByTestId('receipt-print');
  await expect(button).toBeVisible();
  await expect(button).toHaveClass(/btn--primary/);
  await page.keyboard.press('p');
  await expect(page.getByTestId('receipt-print-done')).toHaveAttribute('data-copy', 'false');
  await expect(page.getByTestId('receipt-print-done')).toHaveAttribute('data-via', 'dialog');
  let printed = await prints(page);
  expect(printed).toHaveLength(1);
  expect(printed[0]).toMatchObject({ classOnHtml: true, copy: 'false', receiptNo: expect.stringMatching(/^till-1-\d{6}$/) });
  // Paper prints in Thai: the tax invoice with everything on it, no COPY mark.
  for (const expected of ['ใบกำกับภาษีอย่างย่อ', `เลขประจำตัวผู้เสียภาษี ${TAX_ID}`, 'สำนักงานใหญ่', '12 ถนนสุขุมวิท', 'รวมทั้งสิ้น', '125.00', 'ภาษีมูลค่าเพิ่ม 7%', '8.18', '116.82', 'พร้อมเพย์']) {
    expect(printed[0]!.text, expected).toContain(expected);
  }
  expect(printed[0]!.text).not.toContain('สำเนา');
  expect(printed[0]!.text).toMatch(/\d{2}\/\d{2}\/25\d{2} \d{2}:\d{2}/); // Buddhist era
  // The receipt left the page with the dialog.
  await expect(page.getByTestId('receipt-print-root')).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.classList.contains('printing-receipt'))).toBe(false);

  // The button again: the original was issued, so this one is a COPY.
  await button.click();
  await expect(page.getByTestId('receipt-print-done')).toHaveAttribute('data-copy', 'true');
  printed = await prints(page);
  expect(printed).toHaveLength(2);
  expect(printed[1]!.text).toContain('สำเนา');

  // Receipts in English from now on: the reprint below prints in English, the Thai legal heading kept.
  await shopSettings(page, { receiptLanguage: 'en' });
  // Reprint from the sale's detail: the number, the receipt as it prints, Reprint (COPY), the PDF.
  await page.goto(`${till.baseUrl}/cashier/?lang=en#/sale/${saleId}`);
  const card = page.getByTestId('detail-receipt');
  await expect(card.getByTestId('detail-receipt-no')).toContainText(printed[0]!.receiptNo!);
  await expect(card.getByTestId('receipt-view')).toHaveAttribute('data-copy', 'true');
  await expect(card.getByTestId('receipt-view')).toHaveAttribute('data-lang', 'en');
  await expect(card.getByTestId('receipt-kind')).toHaveText('ใบกำกับภาษีอย่างย่อ / Tax Invoice (ABB)');
  await expect(card.getByTestId('receipt-vat')).toContainText('8.18');
  await card.getByTestId('receipt-reprint').click();
  await expect(card.getByTestId('receipt-reprint-done')).toHaveAttribute('data-copy', 'true');
  printed = await prints(page);
  expect(printed).toHaveLength(3);
  expect(printed[2]).toMatchObject({ copy: 'true', receiptNo: printed[0]!.receiptNo, paper: '80' });
  for (const expected of ['COPY', 'ใบกำกับภาษีอย่างย่อ / Tax Invoice (ABB)', `Tax ID ${TAX_ID}`, 'Total', '125.00', 'VAT 7%', 'PromptPay']) {
    expect(printed[2]!.text, expected).toContain(expected);
  }
  expect(printed[2]!.text).not.toContain('สำเนา');
  expect(printed[2]!.text).toMatch(/\d{2}\/\d{2}\/20\d{2} \d{2}:\d{2}/); // Gregorian on English paper

  const download = page.waitForEvent('download');
  await card.getByTestId('receipt-pdf').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`chamra-receipt-${printed[0]!.receiptNo}-copy-80mm-en.pdf`);
  expect(fs.readFileSync((await file.path())!).subarray(0, 5).toString()).toBe('%PDF-');
  await expect(card.getByTestId('receipt-pdf-saved')).toBeVisible();

  const audit = await posCall<{ action: string; saleId: string | null }[]>(page, till.baseUrl, 'audit.list', {});
  const mine = audit.value!.filter((entry) => entry.saleId === saleId && entry.action.startsWith('receipt.')).map((entry) => entry.action).reverse();
  expect(mine).toEqual(['receipt.printed', 'receipt.reprinted', 'receipt.reprinted', 'receipt.reprinted']);
});

test("a ticket's lines show in the detail and on the receipt; 'always' prints by itself once", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await recordPrints(page);
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=th');
  await shopSettings(page, { autoPrintReceipt: 'always', receiptLanguage: 'th' });
  const shift = await posCall<unknown>(page, till.baseUrl, 'shifts.current', {});
  if (!shift.value) expect((await posCall(page, till.baseUrl, 'shifts.open', { float: 100_000 })).ok).toBe(true);
  await page.reload();
  // 'always': the till prints the moment the sale is paid, and only once.
  const saleId = await paidSaleByKeyboard(page);
  await expect(page.getByTestId('receipt-print-done')).toHaveAttribute('data-copy', 'false');
  await expect(page.getByTestId('receipt-print')).not.toHaveClass(/btn--primary/);
  expect((await prints(page)).filter((call) => call.text.includes('125.00'))).toHaveLength(1);
  await page.reload();
  await expect(page.getByTestId('current-user')).toBeVisible();
  expect(await prints(page)).toHaveLength(0); // a reload prints nothing by itself
  const audit = await posCall<{ action: string; saleId: string | null }[]>(page, till.baseUrl, 'audit.list', {});
  expect(audit.value!.filter((entry) => entry.saleId === saleId && entry.action.startsWith('receipt.')).map((entry) => entry.action)).toEqual(['receipt.printed']);

  const lines = [{ name: 'ลาเต้เย็น', unitPrice: 6_500, quantity: 2 }, { name: 'Croissant', unitPrice: 5_500, quantity: 1 }];
  const cash = await posCall<{ id: string }>(page, till.baseUrl, 'sales.cash', { amount: 18_500, tendered: 20_000, lines });
  expect(cash.ok, JSON.stringify(cash.error)).toBe(true);
  await page.goto(`${till.baseUrl}/cashier/?lang=th#/sale/${cash.value!.id}`);
  await expect(page.getByTestId('detail-line')).toHaveCount(2);
  await expect(page.getByTestId('detail-line').first()).toContainText('ลาเต้เย็น');
  const receipt = page.getByTestId('detail-receipt').getByTestId('receipt-view');
  await expect(receipt.getByTestId('receipt-line')).toHaveCount(2);
  await expect(receipt).toContainText('2 × 65.00');
  await expect(receipt.getByTestId('receipt-change')).toContainText('15.00');
});

test('settings: the tax ID checked as typed, VAT registration refused without it, saved with paper and sound', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=en');
  await shopSettings(page, { vatRegistered: false, taxId: null, autoPrintReceipt: 'ask' });
  await page.goto(`${till.baseUrl}/cashier/?lang=en#/settings`);
  await expect(page.getByTestId('settings-view')).toBeVisible();
  // A browser prints through its own dialog: there is no printer to choose.
  await expect(page.getByTestId('settings-printer')).toHaveCount(0);
  await page.getByTestId('settings-vat').check();
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-problem')).toHaveText('A VAT-registered shop needs its tax ID.');
  await page.getByTestId('settings-tax-id').fill('0105558123452');
  await expect(page.getByTestId('settings-tax-id-state')).toHaveAttribute('data-state', 'bad');
  await page.getByTestId('settings-tax-id').fill('0105558123451');
  await expect(page.getByTestId('settings-tax-id-state')).toHaveAttribute('data-state', 'ok');
  await page.getByTestId('settings-branch').fill('00001');
  await page.getByTestId('settings-paper').selectOption('58');
  await page.getByTestId('settings-auto-print').selectOption('never');
  await page.getByTestId('settings-sound-speak').check();
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  const saved = await posCall<Record<string, unknown>>(page, till.baseUrl, 'settings.get', {});
  expect(saved.value).toMatchObject({ vatRegistered: true, taxId: TAX_ID, branchCode: '00001', receiptPaper: '58', autoPrintReceipt: 'never', sound: { speakAmount: true } });
  expect(await violations(page, 'settings en')).toEqual([]);
});

test('screens and receipts in Thai and English at 1024×600 and 1280×800: laid out, axe-clean, photographed', async ({ page }) => {
  test.setTimeout(240_000);
  await recordPrints(page);
  await openSignedIn(page, till.baseUrl, '/cashier/?lang=en');
  await shopSettings(page, {
    shopName: 'ร้านกาแฟจำรา Chamra Café', vatRegistered: true, taxId: TAX_ID, branchCode: '00000', shopAddress: '12 ถนนสุขุมวิท แขวงคลองเตย\nเขตคลองเตย กรุงเทพฯ 10110', autoPrintReceipt: 'ask', receiptPaper: '80',
  });
  const shift = await posCall<unknown>(page, till.baseUrl, 'shifts.current', {});
  if (!shift.value) expect((await posCall(page, till.baseUrl, 'shifts.open', { float: 100_000 })).ok).toBe(true);
  const lines = [
    { name: 'ลาเต้เย็น (Iced latte)', unitPrice: 6_500, quantity: 2 },
    { name: 'ครัวซองต์เนยสด', unitPrice: 5_500, quantity: 1 },
    { name: 'ชาไทย', unitPrice: 4_500, quantity: 1 },
  ];
  const cash = await posCall<{ id: string }>(page, till.baseUrl, 'sales.cash', { amount: 23_000, tendered: 50_000, lines });
  expect(cash.ok, JSON.stringify(cash.error)).toBe(true);
  const problems: string[] = [];
  for (const lang of LANGS) {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.goto(`${till.baseUrl}/cashier/?lang=${lang}`);
      await expect(page.getByTestId('current-user')).toBeVisible();
      await paidSaleByKeyboard(page);
      const where = `${lang} ${size.width}×${size.height}`;
      for (const problem of await layoutProblems(page, ['receipt-print', 'receipt-email-open', 'new-sale-button'])) problems.push(`paid ${where}: ${problem}`);
      if (size.width === 1280) problems.push(...(await violations(page, `paid ${where}`)));
      await page.screenshot({ path: path.join(SHOTS, `receipt-cashier-${lang}-paid-${size.width}x${size.height}.png`) });
      // A cash sale: the change to hand back, the receipt and New sale all on screen.
      await page.getByTestId('new-sale-button').click();
      for (const key of ['2', '3', '0']) await page.keyboard.press(key);
      await page.keyboard.press('F2');
      await page.getByTestId('cash-note-500').click();
      await page.getByTestId('cash-complete').click();
      await expect(page.getByTestId('paid-change')).toBeVisible();
      for (const problem of await layoutProblems(page, ['paid-change', 'receipt-print', 'new-sale-button'])) problems.push(`cash paid ${where}: ${problem}`);
      await page.screenshot({ path: path.join(SHOTS, `receipt-cashier-${lang}-cash-paid-${size.width}x${size.height}.png`) });
      await page.goto(`${till.baseUrl}/cashier/?lang=${lang}#/sale/${cash.value!.id}`);
      await expect(page.getByTestId('detail-receipt').getByTestId('receipt-view')).toBeVisible();
      if (size.width === 1280) problems.push(...(await violations(page, `detail ${where}`)));
      // The receipt card in view (the manager's page scrolls inside its own pane).
      await page.getByTestId('detail-receipt').getByTestId('receipt-reprint').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, `receipt-detail-${lang}-${size.width}x${size.height}.png`) });
    }
    // The receipts themselves, as they print in this receipt language (a COPY, from the detail), on both
    // papers: the tax invoice, then the plain receipt of a shop that is not VAT registered.
    for (const vat of [true, false]) {
      for (const paper of ['80', '58'] as const) {
        await shopSettings(page, { receiptPaper: paper, receiptLanguage: lang, vatRegistered: vat });
        await photographReceipt(page, lang, cash.value!.id, paper, { lang, kind: vat ? 'tax_invoice_abb' : 'receipt' }, `receipt-${vat ? '' : 'novat-'}${lang}-${paper}mm.png`);
      }
    }
    await shopSettings(page, { vatRegistered: true });
  }
  // Both languages on one receipt (Thai first, English beside it), as the screens' language does not matter.
  for (const paper of ['80', '58'] as const) {
    await shopSettings(page, { receiptPaper: paper, receiptLanguage: 'both' });
    await photographReceipt(page, 'en', cash.value!.id, paper, { lang: 'both', kind: 'tax_invoice_abb' }, `receipt-both-${paper}mm.png`);
  }
  await shopSettings(page, { receiptPaper: '80', receiptLanguage: 'th' });
  expect(problems).toEqual([]);
});
