// PDF through pdfkit: the summary of each business day, the range's money by tender with Stripe's fees
// and payout (with hours and cashiers for a single day), then the payments table. Sarabun is embedded
// so Thai prints; its Thai and Latin subsets are separate files, so mixed text is drawn run by run in
// the matching font.
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import type { DailyReport } from '../../../shared/manager-types';
import { satangToDecimal } from '../../../shared/money';
import { TENDERS } from '../../../shared/tender';
import { localDateTime } from '../reports/business-day';
import { addTotals, emptyTotals } from '../reports/report-totals';
import { yieldToEventLoop, type ExportSource } from './export-source';
import { inBothLanguages, tenderLabel, tenderShortLabel } from './tender-labels';
import { pdfRuns, registerPdfFonts } from './pdf-fonts';

const MARGIN = 36;
const ROW = 14;

type Doc = PDFKit.PDFDocument;

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

/** Draws one line of text that may mix Thai and Latin, switching fonts per run. */
function text(doc: Doc, value: string, x: number, y: number, options: { width?: number; align?: 'left' | 'right'; bold?: boolean; size?: number } = {}): void {
  doc.fontSize(options.size ?? 8);
  const runs = pdfRuns(value, options.bold);
  if (runs.length === 0) return;
  runs.forEach(({ run, font }, index) => {
    doc.font(font);
    const continued = index < runs.length - 1;
    if (index === 0) doc.text(run, x, y, { width: options.width, align: options.align, lineBreak: false, continued, height: ROW });
    else doc.text(run, { continued, lineBreak: false });
  });
}

function table(doc: Doc, columns: Column[], rows: string[][], state: { y: number }, header = true, gapAfter = true): void {
  const drawRow = (cells: string[], bold: boolean) => {
    if (state.y > doc.page.height - MARGIN - ROW) {
      doc.addPage();
      state.y = MARGIN;
    }
    let x = MARGIN;
    cells.forEach((cell, index) => {
      const column = columns[index];
      text(doc, cell, x, state.y, { width: column.width - 4, align: column.align, bold });
      x += column.width;
    });
    state.y += ROW;
  };
  if (header) drawRow(columns.map((c) => c.header), true);
  for (const row of rows) drawRow(row, false);
  if (gapAfter) state.y += ROW / 2;
}

function daySummary(doc: Doc, days: DailyReport[], state: { y: number }): void {
  table(
    doc,
    [
      { header: 'Business day', width: 90 }, { header: 'Paid', width: 50, align: 'right' }, { header: 'Paid THB', width: 90, align: 'right' },
      { header: 'Refunds', width: 55, align: 'right' }, { header: 'Refunded THB', width: 90, align: 'right' }, { header: 'Net THB', width: 90, align: 'right' },
      { header: 'Expired', width: 50, align: 'right' }, { header: 'Failed', width: 50, align: 'right' }, { header: 'Canceled', width: 55, align: 'right' },
    ],
    days.map((d) => [
      d.date, String(d.paid.count), satangToDecimal(d.paid.amount), String(d.refunded.count), satangToDecimal(d.refunded.amount), satangToDecimal(d.net),
      String(d.byStatus.expired.count), String(d.byStatus.failed.count), String(d.byStatus.canceled.count),
    ]),
    state,
  );
}

/**
 * The range's money by tender (hand-confirmed PromptPay marked unverified), refunds paid out vs still
 * waiting, and what Stripe pays out for PromptPay after its fees.
 */
function tenderSummary(doc: Doc, days: DailyReport[], state: { y: number }): void {
  const totals = emptyTotals();
  for (const day of days) addTotals(totals, day);
  text(doc, inBothLanguages('exports.byTender'), MARGIN, state.y, { bold: true, size: 10 });
  state.y += ROW + 2;
  table(
    doc,
    [
      { header: 'Tender', width: 300 }, { header: 'Paid', width: 50, align: 'right' }, { header: 'Paid THB', width: 90, align: 'right' },
      { header: 'Refunded THB', width: 90, align: 'right' }, { header: 'Net THB', width: 90, align: 'right' },
    ],
    TENDERS.map((tender) => {
      const t = totals.tenders[tender];
      return [tenderLabel(tender), String(t.count), satangToDecimal(t.gross), satangToDecimal(t.refunded), satangToDecimal(t.net)];
    }),
    state,
    true,
    false,
  );
  if (totals.tenders.promptpay_manual.count > 0) text(doc, inBothLanguages('exports.unverifiedNote'), MARGIN, state.y, { size: 7 });
  state.y += ROW + 4;
  const figures: [string, string][] = [
    [inBothLanguages('exports.refundsPaidOut'), `${satangToDecimal(totals.refundsPaidOut.amount)} (${totals.refundsPaidOut.count})`],
    [inBothLanguages('exports.refundsWaiting'), `${satangToDecimal(totals.refundsWaiting.amount)} (${totals.refundsWaiting.count})`],
    [inBothLanguages('exports.stripeFees'), satangToDecimal(totals.stripeFees)],
    [inBothLanguages('exports.stripePayout'), satangToDecimal(totals.stripeNetPayout)],
    ...(totals.stripeFeesUnknown > 0 ? [[inBothLanguages('exports.stripeFeesUnknown'), String(totals.stripeFeesUnknown)] as [string, string]] : []),
  ];
  table(doc, [{ header: '', width: 440 }, { header: '', width: 100, align: 'right' }], figures, state, false);
}

/** A bar per hour, the chart of the daily report. */
function hourChart(doc: Doc, day: DailyReport, state: { y: number }): void {
  const height = 80;
  const barWidth = 22;
  const max = Math.max(1, ...day.byHour.map((h) => h.amount));
  const base = state.y + height;
  for (const hour of day.byHour) {
    const x = MARGIN + hour.hour * (barWidth + 4);
    const barHeight = (hour.amount / max) * height;
    if (barHeight > 0) doc.rect(x, base - barHeight, barWidth, barHeight).fill('#3b7dd8');
    doc.fillColor('black');
    text(doc, String(hour.hour).padStart(2, '0'), x, base + 2, { width: barWidth, size: 7 });
  }
  state.y = base + ROW + 6;
}

export async function writePdf(source: ExportSource, out: Writable): Promise<void> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: MARGIN, bufferPages: false, info: { Title: `${source.shopName} sales report`, Creator: 'Chamra POS' } });
  registerPdfFonts(doc);
  doc.pipe(out);
  const { range } = source;
  const state = { y: MARGIN };
  const single = range.from === range.to;
  text(doc, source.shopName, MARGIN, state.y, { bold: true, size: 16 });
  state.y += 22;
  text(doc, `${single ? `Daily report ${range.from}` : `Sales report ${range.from} to ${range.to}`} (${range.timeZone}${range.dayStartHour ? `, business day from ${String(range.dayStartHour).padStart(2, '0')}:00` : ''})${range.tillId ? `, till ${range.tillId}` : ''}`, MARGIN, state.y, { size: 11 });
  state.y += 16;
  // Whose money: demo or test sales never appear in a live report, and the report says which it is.
  const scope = range.scope;
  text(doc, `Stripe mode: ${scope?.mode ?? 'not recorded'}${scope?.account ? `, account ${scope.account}` : ''}`, MARGIN, state.y, { size: 10 });
  state.y += 20;
  daySummary(doc, source.days, state);
  tenderSummary(doc, source.days, state);
  if (single && source.days[0]) {
    const day = source.days[0];
    text(doc, 'Paid by hour', MARGIN, state.y, { bold: true, size: 10 });
    state.y += ROW + 2;
    hourChart(doc, day, state);
    table(doc, [{ header: 'Cashier', width: 160 }, { header: 'Paid', width: 50, align: 'right' }, { header: 'Paid THB', width: 90, align: 'right' }],
      day.byCashier.map((c) => [c.source === 'api' ? 'Another system (REST API)' : c.name, String(c.count), satangToDecimal(c.amount)]), state);
  }

  text(doc, 'Payments', MARGIN, state.y, { bold: true, size: 10 });
  state.y += ROW + 2;
  const columns: Column[] = [
    { header: 'Created', width: 80 }, { header: 'Sale id', width: 128 }, { header: 'Tender', width: 128 }, { header: 'Amount THB', width: 55, align: 'right' },
    { header: 'Refunded', width: 50, align: 'right' }, { header: 'Description', width: 94 }, { header: 'Order ref', width: 50 },
    { header: 'Cashier', width: 70 }, { header: 'PaymentIntent id', width: 115 },
  ];
  let first = true;
  for (const page of source.pages) {
    const rows = page
      .filter((row) => row.status === 'succeeded')
      .map((row) => [
        localDateTime(row.createdAt, range.timeZone), row.saleId, tenderShortLabel(row.tender), satangToDecimal(row.amount), satangToDecimal(row.refunded),
        row.description ?? '', row.orderRef ?? '', row.cashier ?? '', row.paymentIntentId ?? '',
      ]);
    // The header once; later pages of rows continue the same table.
    table(doc, columns, rows, state, first, false);
    first = false;
    source.onRows(page.length);
    await yieldToEventLoop();
  }
  if (first) table(doc, columns, [], state);
  doc.end();
  await finished(out);
}
