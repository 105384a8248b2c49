// Receipts on the real core (demo mode: embedded stripe-sim, official SDK, real SQLite): a paid sale's
// receipt and tax invoice from the ledger, numbers per till, one original then COPYs (audited), PDFs on
// the desktop and in a browser, the VAT settings check, and Stripe's receipt_email for a customer's address.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallContext, PosCore } from '../../../electron/core/pos-core-types';
import type { AuditEntryView, Shift, ShopSettings, ZReportFile } from '../../../shared/manager-types';
import type { Receipt, ReceiptPrintResult } from '../../../shared/receipt';
import type { Sale } from '../../../shared/sale';
import { loadCoreConfig } from '../../../electron/core/config/core-config';
import type { ReceiptPrinterPort } from '../../../electron/core/receipts/receipt-side';
import { startCore } from '../../../electron/core/start-core';
import { call, fastPolling, signedInContext, stripeFor, tempDataDir, useTestCores, waitForSale } from '../../support/core-harness';

const core = useTestCores();
const TAX_ID = '0105558123451';

async function refusal(pos: PosCore, op: string, input: unknown): Promise<{ code: string; field?: string; message: string }> {
  const result = await pos.dispatch(op, input, await signedInContext(pos));
  expect(result.ok, `${op} should be refused`).toBe(false);
  return (result as { ok: false; error: { code: string; field?: string; message: string } }).error;
}

async function paidPromptPay(pos: PosCore, input: Record<string, unknown>): Promise<Sale> {
  const sale = await call<Sale>(pos, 'sales.charge', input);
  const paid = waitForSale(pos, sale.id, (s) => s.status === 'succeeded');
  await call(pos, 'demo.simulate', { saleId: sale.id, outcome: 'succeed' });
  return paid;
}

describe('receipts', () => {
  it('refuses VAT registration without a tax ID, then prints abbreviated tax invoices with VAT worked out', async () => {
    const pos = await core();
    expect(await refusal(pos, 'settings.update', { vatRegistered: true })).toMatchObject({ code: 'invalid_input', field: 'taxId' });
    expect(await refusal(pos, 'settings.update', { vatRegistered: true, taxId: '0105558123452' })).toMatchObject({ code: 'invalid_input' });
    const settings = await call<ShopSettings>(pos, 'settings.update', { vatRegistered: true, taxId: '0-1055-58123-45-1', branchCode: '00000', shopAddress: '12 ถนนสุขุมวิท กรุงเทพฯ' });
    expect(settings).toMatchObject({ vatRegistered: true, taxId: TAX_ID });
    // Taking the tax ID away again would leave a VAT-registered shop without one.
    expect(await refusal(pos, 'settings.update', { taxId: null })).toMatchObject({ code: 'invalid_input', field: 'taxId' });

    await call<Shift>(pos, 'shifts.open', { float: 50_000 });
    const lines = [{ name: 'Latte', unitPrice: 6_500, quantity: 2 }, { name: 'ครัวซองต์', unitPrice: 5_500, quantity: 1 }];
    const cash = await call<Sale>(pos, 'sales.cash', { amount: 18_500, tendered: 20_000, lines });
    const receipt = await call<Receipt>(pos, 'receipts.get', { saleId: cash.id });
    expect(receipt).toMatchObject({
      receiptNo: 'till-1-000001', kind: 'tax_invoice_abb', copy: false, tillId: 'till-1', cashier: 'Owner Somchai', amount: 18_500,
      shop: { taxId: TAX_ID, branch: '00000', address: '12 ถนนสุขุมวิท กรุงเทพฯ', vatRegistered: true },
      vat: { ratePercent: 7, vatAmount: 1_210, netAmount: 17_290 }, tender: 'cash', cashTendered: 20_000, change: 1_500, paymentIntentId: null,
      timeZone: 'Asia/Bangkok', refunded: 0,
    });
    expect(receipt.lines.map((line) => [line.name, line.quantity, line.amount])).toEqual([['Latte', 2, 13_000], ['ครัวซองต์', 1, 5_500]]);
    expect(Math.abs(receipt.paidAt - Date.now())).toBeLessThan(60_000);

    const promptPay = await paidPromptPay(pos, { amount: 12_345, description: 'Table 4', email: 'customer@example.com' });
    const second = await call<Receipt>(pos, 'receipts.get', { saleId: promptPay.id });
    expect(second).toMatchObject({ receiptNo: 'till-1-000002', tender: 'promptpay', paymentIntentId: promptPay.paymentIntentId, cashTendered: null, change: null, lines: [], description: 'Table 4' });
    expect(second.vat).toEqual({ ratePercent: 7, vatAmount: 808, netAmount: 11_537 });
  });

  it('has no receipt for a sale not paid, nor for one that does not exist', async () => {
    const pos = await core();
    const sale = await call<Sale>(pos, 'sales.charge', { amount: 5_000 });
    expect(await refusal(pos, 'receipts.get', { saleId: sale.id })).toMatchObject({ code: 'conflict', field: 'saleId' });
    expect(await refusal(pos, 'receipts.print', { saleId: sale.id })).toMatchObject({ code: 'conflict', field: 'saleId' });
    expect(await refusal(pos, 'receipts.get', { saleId: 'sale_doesnotexist01' })).toMatchObject({ code: 'not_found' });
    expect(await call(pos, 'printers.list', {})).toEqual([]);
  });

  it('prints one original per sale; every later print is a COPY, audited as receipt.reprinted', async () => {
    const pos = await core();
    const sale = await paidPromptPay(pos, { amount: 25_000 });
    const first = await call<ReceiptPrintResult>(pos, 'receipts.print', { saleId: sale.id });
    // No printer port here (browser mode): the screen opens the print dialog with this receipt.
    expect(first).toMatchObject({ printed: false, via: 'dialog', printer: null, receipt: { copy: false, kind: 'receipt', vat: null, receiptNo: 'till-1-000001' } });
    const again = await call<ReceiptPrintResult>(pos, 'receipts.print', { saleId: sale.id });
    expect(again.receipt.copy).toBe(true);
    const asked = await call<ReceiptPrintResult>(pos, 'receipts.print', { saleId: sale.id, copy: true });
    expect(asked.receipt.copy).toBe(true);
    const audit = await call<AuditEntryView[]>(pos, 'audit.list', {});
    const receiptEntries = audit.filter((entry) => entry.action.startsWith('receipt.')).reverse();
    expect(receiptEntries.map((entry) => [entry.action, entry.saleId])).toEqual([
      ['receipt.printed', sale.id], ['receipt.reprinted', sale.id], ['receipt.reprinted', sale.id],
    ]);
    expect(receiptEntries[1]!.detail).toMatchObject({ receiptNo: 'till-1-000001', via: 'dialog' });
    // A view of the receipt issues nothing.
    expect((await call<Receipt>(pos, 'receipts.get', { saleId: sale.id })).copy).toBe(false);
  });

  it('saves the PDF into the exports folder on the desktop, and hands a browser its own copy in the answer', async () => {
    const pos = await core();
    const sale = await paidPromptPay(pos, { amount: 9_900 + 100 });
    const desktop = await call<ZReportFile>(pos, 'receipts.pdf', { saleId: sale.id, lang: 'en', paper: '58' });
    expect(desktop).toEqual({ fileName: 'chamra-receipt-till-1-000001-58mm-en.pdf', filePath: path.join(pos.config.dataDir, 'exports', desktop.fileName), downloadUrl: null });
    expect(fs.readFileSync(desktop.filePath!).subarray(0, 5).toString()).toBe('%PDF-');
    const browser: CallContext = { ...(await signedInContext(pos)), transport: 'http' };
    const result = await pos.dispatch('receipts.pdf', { saleId: sale.id }, browser);
    expect(result.ok).toBe(true);
    const file = (result as { ok: true; value: ZReportFile }).value;
    // The first PDF was the original: this one is a copy, Thai on the shop's paper (80 mm by default).
    expect(file.fileName).toBe('chamra-receipt-till-1-000001-copy-80mm-th.pdf');
    expect(file.filePath).toBeNull();
    expect(file.downloadUrl).toMatch(/^data:application\/pdf;base64,/);
    expect(Buffer.from(file.downloadUrl!.split(',')[1]!, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('numbers each paid sale in the order it was paid, whatever order they were rung up in', async () => {
    const pos = await core();
    const first = await call<Sale>(pos, 'sales.charge', { amount: 1_000 });
    const second = await paidPromptPay(pos, { amount: 2_000 });
    const paid = waitForSale(pos, first.id, (s) => s.status === 'succeeded');
    await call(pos, 'demo.simulate', { saleId: first.id, outcome: 'succeed' });
    await paid;
    expect((await call<Receipt>(pos, 'receipts.get', { saleId: second.id })).receiptNo).toBe('till-1-000001');
    expect((await call<Receipt>(pos, 'receipts.get', { saleId: first.id })).receiptNo).toBe('till-1-000002');
  });

  it("passes the customer's email to Stripe as receipt_email, and never the shop's own address", async () => {
    const pos = await core();
    const withEmail = await call<Sale>(pos, 'sales.charge', { amount: 3_000, email: 'somsri@example.co.th' });
    const without = await call<Sale>(pos, 'sales.charge', { amount: 3_000 });
    const stripe = stripeFor(pos);
    expect((await stripe.paymentIntents.retrieve(withEmail.paymentIntentId!)).receipt_email).toBe('somsri@example.co.th');
    expect((await stripe.paymentIntents.retrieve(without.paymentIntentId!)).receipt_email).toBeNull();
  });

  it('prints silently through the desktop\'s printer to the chosen printer; a job the printer refused issued nothing', async () => {
    // The desktop shell's side of the port, as electron/app/receipt-printer.ts would be: it records jobs.
    const jobs: { receiptNo: string; copy: boolean; printer: string | null; paper: string; lang: string }[] = [];
    let refuse = true;
    const port: ReceiptPrinterPort = {
      list: async () => [{ name: 'EPSON_TM_T82', displayName: 'EPSON TM-T82', isDefault: false }],
      print: async (receipt, options) => {
        if (refuse) throw new Error('Print job failed');
        jobs.push({ receiptNo: receipt.receiptNo, copy: receipt.copy, ...options });
      },
    };
    const config = loadCoreConfig({}, { dataDir: tempDataDir(), httpPort: 0, simPort: null });
    const pos = await startCore(config, { pollSchedule: fastPolling, log: () => undefined, receiptPrinter: port });
    try {
      await signedInContext(pos);
      expect(await call(pos, 'printers.list', {})).toEqual([{ name: 'EPSON_TM_T82', displayName: 'EPSON TM-T82', isDefault: false }]);
      await call(pos, 'settings.update', { receiptPrinter: 'EPSON_TM_T82', receiptPaper: '58' });
      const sale = await paidPromptPay(pos, { amount: 4_500 });
      expect(await refusal(pos, 'receipts.print', { saleId: sale.id })).toMatchObject({ code: 'conflict', field: 'printer', message: expect.stringContaining('Print job failed') });
      refuse = false;
      expect(await call<ReceiptPrintResult>(pos, 'receipts.print', { saleId: sale.id })).toMatchObject({ printed: true, via: 'printer', printer: 'EPSON_TM_T82', receipt: { copy: false } });
      await call<ReceiptPrintResult>(pos, 'receipts.print', { saleId: sale.id });
      expect(jobs).toEqual([
        { receiptNo: 'till-1-000001', copy: false, printer: 'EPSON_TM_T82', paper: '58', lang: 'th' },
        { receiptNo: 'till-1-000001', copy: true, printer: 'EPSON_TM_T82', paper: '58', lang: 'th' },
      ]);
    } finally {
      await pos.close();
    }
  });
});
