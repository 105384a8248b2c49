// A receipt as one self-contained HTML page (no scripts, no outside resources), for the desktop's
// silent print: the shell loads it in a hidden window and prints it to the shop's printer. The rows are
// receipts-text.ts's, as in the PDF and on the screen; every value is escaped.
import { RECEIPT_PAPER_MM, receiptRows, type ReceiptRow } from '../../../shared/i18n/receipts-text';
import type { Receipt, ReceiptLang, ReceiptPaper } from '../../../shared/receipt';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function rowHtml(row: ReceiptRow): string {
  switch (row.kind) {
    case 'title':
      return `<h1>${escapeHtml(row.text)}</h1>`;
    case 'center':
      return `<p class="c${row.strong ? ' b' : ''}">${escapeHtml(row.text)}</p>`;
    case 'pair':
      return `<p class="pair${row.strong ? ' b big' : ''}"><span>${escapeHtml(row.label)}</span><span class="v">${escapeHtml(row.value)}</span></p>`;
    case 'item':
      return `<p class="pair"><span>${escapeHtml(row.name)}</span><span class="v">${escapeHtml(row.amount)}</span></p>${row.detail ? `<p class="detail">${escapeHtml(row.detail)}</p>` : ''}`;
    case 'rule':
      return '<hr>';
  }
}

export function receiptHtml(receipt: Receipt, lang: ReceiptLang, paper: ReceiptPaper): string {
  const { paper: paperMm, printable } = RECEIPT_PAPER_MM[paper];
  const size = paper === '58' ? 10 : 12;
  const style = `@page{size:${paperMm}mm auto;margin:0}
*{box-sizing:border-box}html,body{margin:0;padding:0;background:#fff;color:#000}
body{width:${paperMm}mm;padding:2mm ${(paperMm - printable) / 2}mm;font:${size}px/1.4 'Sarabun','Leelawadee UI','Tahoma','Noto Sans Thai',sans-serif}
h1{font-size:${size + 4}px;text-align:center;margin:0 0 1mm}p{margin:0}.c{text-align:center}.b{font-weight:700}.big{font-size:${size + 2}px}
.pair{display:flex;justify-content:space-between;gap:2mm}.pair .v{text-align:right;overflow-wrap:anywhere}.detail{padding-left:3mm;font-size:${size - 1}px}
hr{border:0;border-top:1px dashed #000;margin:1.2mm 0}`;
  const title = `${receipt.shop.name} ${receipt.receiptNo}`;
  return `<!doctype html><html lang="${lang === 'en' ? 'en' : 'th'}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${escapeHtml(title)}</title><style>${style}</style></head><body>${receiptRows(receipt, lang).map(rowHtml).join('')}</body></html>`;
}
