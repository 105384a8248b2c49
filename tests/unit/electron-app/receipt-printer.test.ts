// The desktop's receipt printer on the fake electron module: a hidden sandboxed window shows the
// core's receipt page, prints it silently to the chosen printer on roll-width paper as long as the
// page, and is destroyed; a printer's refusal reaches the core; printers are listed from Chromium.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../fakes/electron';
import { sampleReceipt } from '../receipts/sample-receipt';

vi.mock('electron', () => import('../../fakes/electron'));

const { createReceiptPrinter } = await import('../../../electron/app/receipt-printer');

beforeEach(() => fake.resetFakeElectron());

function pageOf(url: string): string {
  expect(url.startsWith('data:text/html;charset=utf-8,')).toBe(true);
  return decodeURIComponent(url.slice('data:text/html;charset=utf-8,'.length));
}

describe('receipt printer', () => {
  it('prints the receipt page silently to the chosen printer, 80 mm wide and as long as the page', async () => {
    fake.printing.scrollHeight = 480; // px at 96 dpi = 127 mm
    await createReceiptPrinter().print(sampleReceipt(), { printer: 'EPSON TM-T82', paper: '80', lang: 'th' });
    expect(fake.BrowserWindow.instances).toHaveLength(1);
    const [window] = fake.BrowserWindow.instances;
    expect(window!.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
    const page = pageOf(window!.loadedUrls[0]!);
    expect(page).toContain('ใบกำกับภาษีอย่างย่อ');
    expect(page).toContain('till-1-000042');
    expect(page).toContain('@page{size:80mm auto;margin:0}');
    expect(window!.webContents.printJobs).toHaveLength(1);
    expect(window!.webContents.printJobs[0]!.options).toEqual({
      silent: true, printBackground: false, deviceName: 'EPSON TM-T82', margins: { marginType: 'none' }, pageSize: { width: 80_000, height: 127_000 },
    });
    // The window is gone once the job was handed over.
    expect(window!.isDestroyed()).toBe(true);
  });

  it('prints 58 mm in English to the default printer (an empty device name), never shorter than 50 mm', async () => {
    fake.printing.scrollHeight = 20;
    await createReceiptPrinter().print(sampleReceipt({ copy: true }), { printer: null, paper: '58', lang: 'en' });
    const [window] = fake.BrowserWindow.instances;
    expect(pageOf(window!.loadedUrls[0]!)).toContain('*** COPY ***');
    expect(window!.webContents.printJobs[0]!.options).toMatchObject({ deviceName: '', pageSize: { width: 58_000, height: 50_000 } });
  });

  it("passes the printer's refusal on, destroys the window, and prints the next job after it", async () => {
    fake.printing.result = { success: false, failureReason: 'Print job failed' };
    const printer = createReceiptPrinter();
    await expect(printer.print(sampleReceipt(), { printer: 'Offline', paper: '80', lang: 'th' })).rejects.toThrow('Print job failed');
    expect(fake.BrowserWindow.instances[0]!.isDestroyed()).toBe(true);
    fake.printing.result = { success: true, failureReason: '' };
    await printer.print(sampleReceipt(), { printer: 'Offline', paper: '80', lang: 'th' });
    expect(fake.BrowserWindow.instances[1]!.webContents.printJobs).toHaveLength(1);
  });

  it('runs two quick prints one after the other, never two windows at once', async () => {
    const printer = createReceiptPrinter();
    const open: number[] = [];
    const track = () => open.push(fake.BrowserWindow.getAllWindows().length);
    await Promise.all([
      printer.print(sampleReceipt(), { printer: null, paper: '80', lang: 'th' }).then(track),
      printer.print(sampleReceipt({ copy: true }), { printer: null, paper: '80', lang: 'th' }).then(track),
    ]);
    expect(fake.BrowserWindow.instances).toHaveLength(2);
    expect(open).toEqual([0, 0]);
  });

  it('lists the printers Chromium sees (Electron no longer says which is the default: none is marked)', async () => {
    fake.printing.printers = [
      { name: 'EPSON_TM_T82', displayName: 'EPSON TM-T82', description: '', status: 0, isDefault: true, options: {} },
      { name: 'Office', displayName: '', description: '', status: 0, isDefault: false, options: {} },
    ];
    expect(await createReceiptPrinter().list()).toEqual([
      { name: 'EPSON_TM_T82', displayName: 'EPSON TM-T82', isDefault: false },
      { name: 'Office', displayName: 'Office', isDefault: false },
    ]);
    expect(fake.BrowserWindow.instances[0]!.isDestroyed()).toBe(true);
  });
});
