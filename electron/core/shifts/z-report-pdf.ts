// The Z report as a PDF (A4, to print or keep), in the screen's language, drawn from the stored report
// only. Sarabun is the font the exports already ship: its Thai and Latin subsets are separate files,
// so mixed text is drawn run by run in the matching font (as pdf-export.ts does).
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { translate, type Lang, type MessageKey } from '../../../shared/i18n/translate';
import type { Shift, ZReport } from '../../../shared/manager-types';
import { satangToDecimal } from '../../../shared/money';
import { TENDERS } from '../../../shared/tender';
import { localParts } from '../reports/business-day';
import { pdfRuns, registerPdfFonts } from '../exports/pdf-fonts';

const MARGIN = 40;
const ROW = 15;
/** Shifts side by side in the drawer table; more start another block below. */
const SHIFTS_PER_BLOCK = 4;

type Doc = PDFKit.PDFDocument;
interface TextOptions { width?: number; align?: 'left' | 'right'; bold?: boolean; size?: number; grey?: boolean }

/** The file's name: till, number and day, so a folder of them sorts by till and number. */
export function zReportFileName(report: Pick<ZReport, 'tillId' | 'number' | 'date'>, lang: Lang): string {
  const till = report.tillId.replace(/[^A-Za-z0-9_-]/g, '');
  return `chamra-z-${till}-${String(report.number).padStart(4, '0')}-${report.date}-${lang}.pdf`;
}

/** 1234567 satang → "12,345.67": exact (integer arithmetic), grouped for reading. */
export function bahtFigure(satang: number): string {
  const [whole, fraction] = satangToDecimal(satang).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

/** A business day as the screens show it: dd/mm/yyyy, the Buddhist-era year in Thai. */
export function dayText(date: string, lang: Lang): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${lang === 'th' ? Number(y) + 543 : y}`;
}

/** A moment in the shop's zone: its day (as dayText) and 24-hour time. */
function momentText(at: number, timeZone: string, lang: Lang): string {
  const { date, time } = localParts(at, timeZone);
  return `${dayText(date, lang)} ${time.slice(0, 5)}`;
}

class ZPdf {
  y = MARGIN;
  constructor(
    readonly doc: Doc,
    readonly lang: Lang,
  ) {}

  t(key: MessageKey, vars: Record<string, string | number> = {}): string {
    return translate(this.lang, key, vars);
  }

  /** Room for `rows` more rows on this page, or a new page. */
  room(rows = 1): void {
    if (this.y + rows * ROW > this.doc.page.height - MARGIN) {
      this.doc.addPage();
      this.y = MARGIN;
    }
  }

  /**
   * Draws one line that may mix Thai and Latin. Each run is measured in its own font and placed
   * explicitly, so right-aligned mixed text ("กะ 1") lines up (pdfkit's `continued` runs do not).
   */
  text(value: string, x: number, options: TextOptions = {}): void {
    const { doc } = this;
    doc.fontSize(options.size ?? 9).fillColor(options.grey ? '#555555' : 'black');
    const runs = pdfRuns(value, options.bold).map(({ run, font }) => ({ run, font, width: doc.font(font).widthOfString(run) }));
    const total = runs.reduce((sum, run) => sum + run.width, 0);
    let at = options.align === 'right' && options.width !== undefined ? x + options.width - total : x;
    for (const run of runs) {
      doc.font(run.font).text(run.run, at, this.y, { lineBreak: false });
      at += run.width;
    }
  }

  line(value: string, options: TextOptions = {}, height = ROW): void {
    this.room();
    this.text(value, MARGIN, options);
    this.y += height;
  }

  heading(value: string): void {
    this.y += ROW / 2;
    this.room(3);
    this.line(value, { bold: true, size: 11 }, ROW + 3);
  }

  /** A row of cells: the first left, the rest right-aligned figures unless `aligns` says otherwise. */
  row(cells: string[], widths: number[], options: TextOptions = {}, aligns?: ('left' | 'right')[]): void {
    this.room();
    let x = MARGIN;
    cells.forEach((cell, index) => {
      this.text(cell, x, { ...options, width: widths[index] - 6, align: aligns?.[index] ?? (index === 0 ? 'left' : 'right') });
      x += widths[index];
    });
    this.y += ROW;
  }
}

function tenders(pdf: ZPdf, report: ZReport): void {
  pdf.heading(pdf.t('z.tenders'));
  const widths = [175, 60, 95, 95, 90];
  pdf.row([pdf.t('z.col.tender'), pdf.t('z.col.count'), pdf.t('z.col.gross'), pdf.t('z.col.refunded'), pdf.t('z.kpi.net')], widths, { bold: true });
  for (const tender of TENDERS) {
    const totals = report.tenders[tender];
    pdf.row([pdf.t(`z.tender.${tender}`), String(totals.count), bahtFigure(totals.gross), bahtFigure(totals.refunded), bahtFigure(totals.net)], widths);
    if (tender === 'promptpay_manual') pdf.line(`    ${pdf.t('z.unverified')}`, { size: 8, grey: true });
  }
  pdf.row([pdf.t('z.total'), String(report.paid.count), bahtFigure(report.paid.amount), bahtFigure(report.refunded.amount), bahtFigure(report.net)], widths, { bold: true });
  const { expired, failed, canceled } = report.byStatus;
  pdf.line(pdf.t('zpdf.notPaid', { expired: expired.count, failed: failed.count, canceled: canceled.count }), { size: 8, grey: true });

  pdf.heading(pdf.t('z.refunds'));
  const pair = [300, 215];
  pdf.row([`${pdf.t('z.refundsPaidOut')} (${report.refundsPaidOut.count})`, bahtFigure(report.refundsPaidOut.amount)], pair);
  pdf.row([`${pdf.t('z.refundsWaiting')} (${report.refundsWaiting.count})`, bahtFigure(report.refundsWaiting.amount)], pair);

  pdf.heading(pdf.t('z.stripe'));
  pdf.row([pdf.t('z.stripeFees'), bahtFigure(report.stripeFees)], pair);
  if (report.stripeFeesUnknown > 0) pdf.line(pdf.t('z.stripeFeesUnknown', { count: report.stripeFeesUnknown }), { size: 8, grey: true });
  pdf.row([pdf.t('z.stripeNet'), bahtFigure(report.stripeNetPayout)], pair, { bold: true });
}

function drawer(pdf: ZPdf, report: ZReport): void {
  pdf.heading(pdf.t('z.cash'));
  if (report.shifts.length === 0) {
    pdf.line(pdf.t('z.noShifts'));
    return;
  }
  const time = (at: number | null) => (at === null ? '' : localParts(at, report.timeZone).time.slice(0, 5));
  const column = (shift: Shift) => ({
    title: `${pdf.t('z.col.shift')} ${shift.number}`,
    opened: time(shift.openedAt),
    closed: time(shift.closedAt),
    by: shift.openedBy ?? '',
    cash: shift.cash,
    counted: shift.countedCash ?? 0,
    overShort: shift.overShort ?? 0,
  });
  const columns = report.shifts.map(column);
  const total = { title: pdf.t('z.total'), opened: '', closed: '', by: '', cash: report.cash, counted: report.countedCash, overShort: report.overShort };
  for (let start = 0; start < columns.length; start += SHIFTS_PER_BLOCK) {
    const block = columns.slice(start, start + SHIFTS_PER_BLOCK);
    if (start + SHIFTS_PER_BLOCK >= columns.length) block.push(total);
    const widths = [155, ...block.map(() => 72)];
    const rows: [string, (c: (typeof block)[number]) => string, boolean][] = [
      [pdf.t('z.col.opened'), (c) => c.opened, false],
      [pdf.t('z.col.closed'), (c) => c.closed, false],
      [pdf.t('zpdf.openedBy'), (c) => c.by, false],
      [pdf.t('shift.cash.float'), (c) => bahtFigure(c.cash.float), false],
      [pdf.t('zpdf.cashSales'), (c) => bahtFigure(c.cash.cashSales.amount), false],
      [pdf.t('shift.cash.payIns'), (c) => bahtFigure(c.cash.payIns), false],
      [pdf.t('shift.cash.payOuts'), (c) => bahtFigure(c.cash.payOuts), false],
      [pdf.t('zpdf.cashRefunds'), (c) => bahtFigure(c.cash.cashRefunds.amount), false],
      [pdf.t('z.col.expected'), (c) => bahtFigure(c.cash.expected), true],
      [pdf.t('z.col.counted'), (c) => bahtFigure(c.counted), true],
      [pdf.t('z.col.overShort'), (c) => bahtFigure(c.overShort), true],
    ];
    pdf.room(rows.length + 1);
    pdf.row(['', ...block.map((c) => c.title)], widths, { bold: true });
    for (const [label, value, bold] of rows) pdf.row([label, ...block.map(value)], widths, { bold });
    pdf.y += ROW / 2;
  }

  const movements = report.shifts.flatMap((shift) => shift.movements.map((movement) => ({ shift, movement })));
  if (movements.length > 0) {
    pdf.heading(pdf.t('shift.movements'));
    // Shift, time, pay in/out, amount, a gap, the reason.
    const widths = [55, 45, 80, 75, 20, 240];
    const aligns = ['left', 'left', 'left', 'right', 'left', 'left'] as const;
    for (const { shift, movement } of movements) {
      pdf.row([
        `${pdf.t('z.col.shift')} ${shift.number}`, time(movement.createdAt), pdf.t(movement.kind === 'pay_in' ? 'shift.payIn' : 'shift.payOut'), bahtFigure(movement.amount),
        '', movement.reason.length > 60 ? `${movement.reason.slice(0, 59)}…` : movement.reason,
      ], widths, {}, [...aligns]);
    }
  }
  for (const shift of report.shifts) {
    if (shift.closeNote) pdf.line(`${pdf.t('z.col.shift')} ${shift.number}: ${shift.closeNote}`, { size: 8, grey: true });
  }
}

/** Writes `report` as a PDF in `lang` into `out`, and waits until it is flushed. */
export async function writeZReportPdf(report: ZReport, lang: Lang, out: Writable): Promise<void> {
  const title = translate(lang, 'z.number', { number: report.number });
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `${report.shopName} · ${title}`, Creator: 'Chamra POS' } });
  registerPdfFonts(doc);
  doc.pipe(out);
  const pdf = new ZPdf(doc, lang);
  pdf.line(title, { bold: true, size: 16 }, 24);
  pdf.line(pdf.t('z.meta', { shop: report.shopName, till: report.tillId, date: dayText(report.date, lang) }), { size: 11 }, 18);
  pdf.line(pdf.t('z.range', { from: momentText(report.startsAt, report.timeZone, lang), to: momentText(report.endsAt, report.timeZone, lang), zone: report.timeZone }));
  pdf.line(pdf.t('z.createdBy', { time: momentText(report.createdAt, report.timeZone, lang), name: report.createdBy ?? '' }));
  // Whose money: a demo or test day is said plainly on paper too.
  if (report.mode === 'demo' || report.mode === 'test') pdf.line(pdf.t(report.mode === 'demo' ? 'zpdf.mode.demo' : 'zpdf.mode.test'), { bold: true });
  pdf.line(pdf.t('zpdf.amounts'), { size: 8, grey: true });
  tenders(pdf, report);
  drawer(pdf, report);
  pdf.y += ROW;
  pdf.line(pdf.t('zpdf.never'), { size: 8, grey: true });
  doc.end();
  await finished(out);
}

/** The PDF in memory (a Z report is a page or two), for a route to send with its length. */
export async function zReportPdfBytes(report: ZReport, lang: Lang): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await writeZReportPdf(report, lang, sink);
  return Buffer.concat(chunks);
}
