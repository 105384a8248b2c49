// A receipt laid out as it prints: thermal paper 58 or 80 mm wide, the rows receipts-text.ts words
// (the same rows the core's PDF and the desktop's print lay out), for the print dialog and the screen.
import { RECEIPT_PAPER_MM, receiptRows, type ReceiptRow } from '../../../shared/i18n/receipts-text';
import type { Receipt, ReceiptLang, ReceiptPaper } from '../../../shared/receipt';
// oxlint-disable-next-line import/no-unassigned-import
import './receipt.css';

function Row({ row }: { row: ReceiptRow }) {
  switch (row.kind) {
    case 'title':
      return <p className="receipt__title">{row.text}</p>;
    case 'center':
      return (
        <p className={`receipt__center${row.strong ? ' receipt__strong' : ''}`} data-testid={row.testId}>
          {row.text}
        </p>
      );
    case 'pair':
      return (
        <p className={`receipt__pair${row.strong ? ' receipt__strong receipt__big' : ''}`} data-testid={row.testId}>
          <span>{row.label}</span>
          <span className="receipt__value">{row.value}</span>
        </p>
      );
    case 'item':
      return (
        <>
          <p className="receipt__pair" data-testid="receipt-line">
            <span>{row.name}</span>
            <span className="receipt__value">{row.amount}</span>
          </p>
          {row.detail ? <p className="receipt__detail">{row.detail}</p> : null}
        </>
      );
    case 'rule':
      return <hr className="receipt__rule" />;
  }
}

export function ReceiptView({ receipt, lang, paper, label }: { receipt: Receipt; lang: ReceiptLang; paper: ReceiptPaper; label?: string }) {
  const { paper: widthMm, printable } = RECEIPT_PAPER_MM[paper];
  return (
    <article
      className={`receipt receipt--${paper}`}
      lang={lang === 'en' ? 'en' : 'th'}
      data-lang={lang}
      aria-label={label}
      data-testid="receipt-view"
      data-paper={paper}
      data-kind={receipt.kind}
      data-copy={receipt.copy}
      data-receipt-no={receipt.receiptNo}
      data-width-mm={widthMm}
      data-printable-mm={printable}
    >
      {receipt.shop.logo ? <img className="receipt__logo" src={receipt.shop.logo} alt="" data-testid="receipt-logo" /> : null}
      {receiptRows(receipt, lang).map((row, index) => (
        <Row key={index} row={row} />
      ))}
    </article>
  );
}
