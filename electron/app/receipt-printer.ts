// The desktop's receipt printer: the core's ReceiptPrinterPort. Each receipt is laid out as the core's
// self-contained HTML page (no script, no outside resource) in a hidden, sandboxed window and printed
// silently to the chosen printer on paper as wide as the roll and as long as the receipt. Jobs go one
// at a time, so two quick prints never share a window.
import { BrowserWindow } from 'electron';
import { receiptHtml } from '../core/receipts/receipt-html';
import type { ReceiptPrinterPort } from '../core/receipts/receipt-side';
import { RECEIPT_PAPER_MM } from '../../shared/i18n/receipts-text';
import type { PrinterInfo } from '../../shared/receipt';

const MICRONS_PER_MM = 1000;
/** CSS pixels are 1/96 inch. */
const MICRONS_PER_PX = 25_400 / 96;

function hiddenWindow(widthPx: number): BrowserWindow {
  return new BrowserWindow({
    show: false,
    width: widthPx,
    height: 600,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
}

function printSilently(window: BrowserWindow, options: Electron.WebContentsPrintOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    window.webContents.print(options, (success, failureReason) => {
      if (success) resolve();
      else reject(new Error(failureReason || 'the printer did not take the job'));
    });
  });
}

export function createReceiptPrinter(): ReceiptPrinterPort {
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    list: () =>
      oneAtATime(async (): Promise<PrinterInfo[]> => {
        const window = hiddenWindow(300);
        try {
          const printers = await window.webContents.getPrintersAsync();
          // Electron no longer says which printer is the default; "the system's default" is its own
          // choice on the settings screen (receiptPrinter null), so none is marked here.
          return printers.map((printer) => ({ name: printer.name, displayName: printer.displayName || printer.name, isDefault: false }));
        } finally {
          window.destroy();
        }
      }),
    print: (receipt, options) =>
      oneAtATime(async () => {
        const paperMm = RECEIPT_PAPER_MM[options.paper].paper;
        const window = hiddenWindow(Math.round((paperMm * MICRONS_PER_MM) / MICRONS_PER_PX));
        try {
          await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(receiptHtml(receipt, options.lang, options.paper))}`);
          // Roll paper has no page length: the page is as long as the laid-out receipt.
          const heightPx = Number(await window.webContents.executeJavaScript('Math.ceil(document.documentElement.scrollHeight)'));
          const height = Math.max(50 * MICRONS_PER_MM, Math.ceil((Number.isFinite(heightPx) ? heightPx : 0) * MICRONS_PER_PX));
          await printSilently(window, {
            silent: true,
            printBackground: false,
            // An empty deviceName prints to the system's default printer.
            deviceName: options.printer ?? '',
            margins: { marginType: 'none' },
            pageSize: { width: paperMm * MICRONS_PER_MM, height },
          });
        } finally {
          window.destroy();
        }
      }),
  };
}
