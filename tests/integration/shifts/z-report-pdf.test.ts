// The Z report's PDF, read back with pdfjs: on the desktop a file in the exports folder, in browser mode
// a download for the signed-in manager's own client only. Its text holds the number, the till, the day
// (Thai dates in the Buddhist era), the totals by tender and the drawer.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ZReport, ZReportFile } from '../../../shared/manager-types';
import type { Shift } from '../../../shared/manager-types';
import { recordCashRefund, recordCashSale } from './cash-ledger';
import { openShiftLedger, shiftSideOn, type ShiftLedger } from './shift-till';
import { callPos, startTestTill, type TestTill } from '../http/http-test-till';

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: bytes, useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    pages.push((await (await document.getPage(n)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join('\n');
}

let ledger: ShiftLedger | null = null;
let till: TestTill | null = null;
afterEach(async () => {
  ledger?.close();
  ledger = null;
  await till?.close();
  till = null;
});

/** A closed day on till-1: 15 January 2026, two shifts, cash sales, a refund, a pay-in and a pay-out. */
async function closedDay(): Promise<{ z: ZReport; run: ReturnType<typeof shiftSideOn>['run'] }> {
  ledger = openShiftLedger({ timeZone: 'Asia/Bangkok', dayStartHour: 0, shopName: 'ร้านกาแฟ Chamra' });
  const { run } = shiftSideOn(ledger);
  ledger.clock.now = Date.parse('2026-01-15T08:00:00+07:00');
  const first = await run('shifts.open', { float: 100_000 });
  const sale = recordCashSale(ledger.db, { amount: 123_450, shiftId: first.id, createdAt: ledger.clock.now + 1_000 });
  ledger.clock.now += 3_600_000;
  await run('shifts.cashMovement', { kind: 'pay_out', amount: 5_000, reason: 'ซื้อไข่ไก่' });
  await run('shifts.close', { countedCash: 218_000, note: 'เหรียญขาด' });
  ledger.clock.now += 3_600_000;
  const second = await run('shifts.open', { float: 50_000 });
  recordCashSale(ledger.db, { amount: 20_000, shiftId: second.id, createdAt: ledger.clock.now + 1_000 });
  recordCashRefund(ledger.db, { saleId: sale, amount: 3_450, shiftId: second.id, createdAt: ledger.clock.now + 2_000 });
  ledger.clock.now += 3_600_000;
  await run('shifts.cashMovement', { kind: 'pay_in', amount: 10_000, reason: 'Change float' });
  await run('shifts.close', { countedCash: 76_550 });
  ledger.clock.now = Date.parse('2026-01-15T21:30:00+07:00');
  const z = await run('zreports.create', { date: '2026-01-15' });
  return { z, run };
}

describe('the Z report PDF', () => {
  it('is saved into the exports folder on the desktop, in English with the number, till, day, totals and drawer', async () => {
    const { z, run } = await closedDay();
    expect(z.cash.expected).toBe(218_450 + 76_550);
    expect(z.tenders.cash).toEqual({ count: 2, gross: 143_450, refunded: 3_450, net: 140_000 });
    const file = await run('zreports.pdf', { id: z.id, lang: 'en' });
    expect(file).toEqual({ fileName: 'chamra-z-till-1-0001-2026-01-15-en.pdf', filePath: path.join(ledger!.dir, 'exports', file.fileName), downloadUrl: null });
    const text = await pdfText(new Uint8Array(fs.readFileSync(file.filePath!)));
    for (const expected of [
      'Z report no. 1', 'till till-1', 'business day 15/01/2026', 'Asia/Bangkok', 'Closed 15/01/2026 21:30 by Manager Mali',
      'Cash   2   1,434.50   34.50   1,400.00', // cash tender: sales, gross, refunded, net (baht)
      'Expected   2,184.50   765.50   2,950.00', // the two shifts' expected cash and their sum
      'Counted   2,180.00   765.50   2,945.50', 'Over / short   -4.50   0.00   -4.50',
      'Shift 1', 'Shift 2', '08:00', '09:00', 'Pay-outs', 'Pay-ins', 'Change float',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).toContain('ร้านกาแฟ');
    expect(text).toContain('ซื้อไข่ไก่');
    expect(text).not.toContain('{');
  });

  it('is in Thai by default, dates in the Buddhist era', async () => {
    const { z, run } = await closedDay();
    const file = await run('zreports.pdf', { id: z.id });
    expect(file.fileName).toBe('chamra-z-till-1-0001-2026-01-15-th.pdf');
    const text = await pdfText(new Uint8Array(fs.readFileSync(file.filePath!)));
    // (pdfjs reads sara am back as two glyphs, so the words checked here have none.)
    for (const expected of ['ใบปิดยอดเลขที่', '15/01/2569 21:30', 'เงินสด   2   1,434.50   34.50   1,400.00', 'ควรมี   2,184.50   765.50   2,950.00', 'เปิดกะโดย']) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toMatch(/Z report no\.|Business day|Expected|Counted/);
    // Sara am is drawn as its two parts (pdf-fonts): whole, it broke every later sara aa in copied text (วันทำการ → วันทำกร).
    const joined = text.replace(/\u0E4D\u0E32/g, '\u0E33');
    for (const word of ['วันทำการ', 'นำเงินเข้า']) expect(joined, word).toContain(word);
    await expect(run('zreports.pdf', { id: 'zr_doesnotexist1' })).rejects.toThrow('There is no Z report with that id.');
  });
});

describe('the Z report PDF in browser mode', () => {
  it("downloads for the signed-in manager's own client only; another client or a signed-out one gets nothing", async () => {
    till = await startTestTill();
    const open = await callPos<Shift>(till, 'shifts.open', { float: 10_000 });
    expect(open.body.ok).toBe(true);
    await callPos<Shift>(till, 'shifts.close', { countedCash: 10_000 });
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(open.body.value.openedAt);
    const { body: created } = await callPos<ZReport>(till, 'zreports.create', { date });
    expect(created.ok).toBe(true);
    const { body } = await callPos<ZReportFile>(till, 'zreports.pdf', { id: created.value.id, lang: 'en' });
    expect(body.value).toEqual({ fileName: `chamra-z-till-1-0001-${date}-en.pdf`, filePath: null, downloadUrl: `/api/zreports/${created.value.id}/pdf?lang=en` });

    const mine = await fetch(`${till.url}${body.value.downloadUrl}`, { headers: { cookie: till.cookie! } });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('application/pdf');
    expect(mine.headers.get('content-disposition')).toContain(body.value.fileName);
    const text = await pdfText(new Uint8Array(await mine.arrayBuffer()));
    expect(text).toContain('Z report no. 1');
    expect(text).toContain('till till-1');

    const theirs = await fetch(`${till.url}${body.value.downloadUrl}`);
    expect(theirs.status).toBe(401);
    expect(await theirs.text()).not.toContain('%PDF');
    await callPos(till, 'auth.signOut', {});
    const signedOut = await fetch(`${till.url}${body.value.downloadUrl}`, { headers: { cookie: till.cookie! } });
    expect(signedOut.status).toBe(401);
    const unknown = await fetch(`${till.url}/api/zreports/zr_doesnotexist1/pdf`, { headers: { cookie: till.cookie! } });
    expect(unknown.status).toBe(401);
  });
});
