// XLSX through exceljs's streaming writer: rows are committed as they are written, so a large range
// never builds the whole workbook in memory. Sheet 1 sums up each day (by tender too, with Stripe's fees
// and payout), sheet 2 lists the sales.
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { TENDERS } from '../../../shared/tender';
import { localDateTime } from '../reports/business-day';
import { EXPORT_COLUMNS } from './export-rows';
import { yieldToEventLoop, type ExportSource } from './export-source';
import { inBothLanguages, tenderLabel } from './tender-labels';

const baht = (satang: number) => satang / 100;
const MONEY = '#,##0.00';

export async function writeXlsx(source: ExportSource, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = source.shopName;

  const summary = workbook.addWorksheet('Summary');
  summary.columns = [
    { header: 'Business day', key: 'date', width: 14 },
    { header: 'Paid sales', key: 'paidCount', width: 11 },
    { header: 'Paid (THB)', key: 'paid', width: 14, style: { numFmt: MONEY } },
    { header: 'Refunds', key: 'refundCount', width: 9 },
    { header: 'Refunded (THB)', key: 'refunded', width: 14, style: { numFmt: MONEY } },
    { header: 'Net (THB)', key: 'net', width: 14, style: { numFmt: MONEY } },
    { header: 'Not paid (expired/failed/canceled)', key: 'unpaid', width: 18 },
    // By tender: what each took and kept after its refunds (hand-confirmed PromptPay says unverified).
    ...TENDERS.flatMap((tender) => [
      { header: `${tenderLabel(tender)}: paid (THB)`, key: `${tender}Gross`, width: 22, style: { numFmt: MONEY } },
      { header: `${tenderLabel(tender)}: net (THB)`, key: `${tender}Net`, width: 22, style: { numFmt: MONEY } },
    ]),
    { header: `${inBothLanguages('exports.refundsPaidOut')} (THB)`, key: 'refundsPaidOut', width: 18, style: { numFmt: MONEY } },
    { header: `${inBothLanguages('exports.refundsWaiting')} (THB)`, key: 'refundsWaiting', width: 18, style: { numFmt: MONEY } },
    { header: `${inBothLanguages('exports.stripeFees')} (THB)`, key: 'stripeFees', width: 16, style: { numFmt: MONEY } },
    { header: inBothLanguages('exports.stripeFeesUnknown'), key: 'stripeFeesUnknown', width: 18 },
    { header: `${inBothLanguages('exports.stripePayout')} (THB)`, key: 'stripeNetPayout', width: 18, style: { numFmt: MONEY } },
  ];
  for (const day of source.days) {
    summary.addRow({
      date: day.date, paidCount: day.paid.count, paid: baht(day.paid.amount), refundCount: day.refunded.count,
      refunded: baht(day.refunded.amount), net: baht(day.net),
      unpaid: day.byStatus.expired.count + day.byStatus.failed.count + day.byStatus.canceled.count,
      ...Object.fromEntries(TENDERS.flatMap((tender) => [[`${tender}Gross`, baht(day.tenders[tender].gross)], [`${tender}Net`, baht(day.tenders[tender].net)]])),
      refundsPaidOut: baht(day.refundsPaidOut.amount), refundsWaiting: baht(day.refundsWaiting.amount),
      stripeFees: baht(day.stripeFees), stripeFeesUnknown: day.stripeFeesUnknown, stripeNetPayout: baht(day.stripeNetPayout),
    }).commit();
  }
  summary.commit();

  const sales = workbook.addWorksheet('Sales');
  sales.columns = EXPORT_COLUMNS.map((header) => ({ header, width: header.includes('id') ? 30 : header === 'Tender' ? 44 : 16 }));
  const zone = source.range.timeZone;
  for (const page of source.pages) {
    for (const row of page) {
      const net = row.status === 'succeeded' ? row.amount - row.refunded : 0;
      const line = sales.addRow([
        localDateTime(row.createdAt, zone), row.saleId, row.status, tenderLabel(row.tender), baht(row.amount), baht(row.refunded), baht(net),
        row.description ?? '', row.orderRef ?? '', row.cashier ?? '', row.tillId, row.source, row.paymentIntentId ?? '',
        row.paidAt === null ? '' : localDateTime(row.paidAt, zone), row.flagged ? 'yes' : '', row.mode ?? '', row.account ?? '',
      ]);
      for (const column of [5, 6, 7]) line.getCell(column).numFmt = MONEY;
      line.commit();
    }
    source.onRows(page.length);
    await yieldToEventLoop();
  }
  sales.commit();
  await workbook.commit();
  await finished(out);
}
