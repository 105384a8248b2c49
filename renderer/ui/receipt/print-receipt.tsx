// Prints one receipt through the browser's print dialog: the receipt is rendered into its own root at
// the end of <body>, the page is made exactly as long as the receipt (a rule added through the CSSOM,
// which the screens' Content-Security-Policy allows where a <style> element would not), and only it
// prints. window.print() returns when the dialog closes; then everything is taken away again.
import { useEffect, useRef, useState, type ReactPortal } from 'react';
import { createPortal } from 'react-dom';
import { RECEIPT_PAPER_MM } from '../../../shared/i18n/receipts-text';
import type { Receipt, ReceiptLang, ReceiptPaper } from '../../../shared/receipt';
import { ReceiptView } from './ReceiptView';

const PX_PER_MM = 96 / 25.4;

export interface ReceiptPrintJob {
  receipt: Receipt;
  paper: ReceiptPaper;
  lang: ReceiptLang;
}

function printNow(root: HTMLElement, paper: ReceiptPaper): void {
  const heightMm = Math.max(50, Math.ceil(root.getBoundingClientRect().height / PX_PER_MM) + 2);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`@page receipt-${paper} { size: ${RECEIPT_PAPER_MM[paper].paper}mm ${heightMm}mm; margin: 0 }`);
  const before = document.adoptedStyleSheets;
  document.adoptedStyleSheets = [...before, sheet];
  document.documentElement.classList.add('printing-receipt');
  try {
    window.print();
  } finally {
    document.documentElement.classList.remove('printing-receipt');
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((known) => known !== sheet);
  }
}

/** `print(job)` prints it; render `portal` somewhere (it goes to <body>), null when nothing prints. */
export function useReceiptPrintDialog(): { print: (job: ReceiptPrintJob) => void; portal: ReactPortal | null } {
  const [job, setJob] = useState<ReceiptPrintJob | null>(null);
  const root = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!job || !root.current) return;
    // Laid out by now (effects run after the commit): measure, print, and take it away.
    printNow(root.current, job.paper);
    setJob(null);
  }, [job]);
  const portal = job
    ? createPortal(
        <div className="receipt-print-root" ref={root} aria-hidden="true" data-testid="receipt-print-root">
          <ReceiptView receipt={job.receipt} lang={job.lang} paper={job.paper} />
        </div>,
        document.body,
      )
    : null;
  return { print: setJob, portal };
}
