// A receipt as a PDF the width of thermal paper (58 or 80 mm) and exactly as tall as it needs: the
// rows of receipts-text.ts laid out with the exports' fonts (Sarabun, Thai and Latin subsets drawn run
// by run, pdf-fonts.ts). Thai has no spaces between words, so lines break at ICU's word boundaries.
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { RECEIPT_PAPER_MM, receiptRows, type ReceiptRow } from '../../../shared/i18n/receipts-text';
import type { Receipt, ReceiptLang, ReceiptPaper } from '../../../shared/receipt';
import { pdfRuns, registerPdfFonts } from '../exports/pdf-fonts';

type Doc = PDFKit.PDFDocument;
const POINTS_PER_MM = 72 / 25.4;
/** Body type size per paper (points): small enough for ~32 / ~46 characters a line, as thermal receipts print. */
const BODY_SIZE: Record<ReceiptPaper, number> = { '58': 7.5, '80': 9 };

/** The file's name: till and number sort a folder of them; a copy says so. */
export function receiptFileName(receipt: Pick<Receipt, 'receiptNo' | 'copy'>, lang: ReceiptLang, paper: ReceiptPaper): string {
  const number = receipt.receiptNo.replace(/[^A-Za-z0-9_-]/g, '');
  return `chamra-receipt-${number}${receipt.copy ? '-copy' : ''}-${paper}mm-${lang}.pdf`;
}

interface Style {
  bold?: boolean;
  size: number;
}

const words = new Intl.Segmenter('th', { granularity: 'word' });
const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });

class ReceiptLayout {
  y: number;
  constructor(
    private readonly doc: Doc,
    private readonly left: number,
    private readonly width: number,
    private readonly body: number,
    /** false: only measure (the first pass decides the page's height). */
    private readonly draw: boolean,
  ) {
    this.y = left;
  }

  private runs(text: string, style: Style): { run: string; font: string; width: number }[] {
    return pdfRuns(text, style.bold).map(({ run, font }) => ({ run, font, width: this.doc.font(font).fontSize(style.size).widthOfString(run) }));
  }

  measure(text: string, style: Style): number {
    return this.runs(text, style).reduce((sum, run) => sum + run.width, 0);
  }

  /** Breaks text into lines no wider than `width`: at word boundaries, and inside a word only when it alone is too wide. */
  wrap(text: string, width: number, style: Style): string[] {
    const lines: string[] = [];
    let line = '';
    const push = (piece: string) => {
      if (line === '' && piece.trim() === '') return;
      if (this.measure(line + piece, style) <= width) {
        line += piece;
        return;
      }
      if (line.trim() !== '') lines.push(line.trimEnd());
      line = '';
      if (this.measure(piece, style) <= width) {
        line = piece.trimStart();
        return;
      }
      for (const { segment } of graphemes.segment(piece)) {
        if (this.measure(line + segment, style) > width && line !== '') {
          lines.push(line);
          line = '';
        }
        line += segment;
      }
    };
    for (const { segment } of words.segment(text)) push(segment);
    if (line.trim() !== '') lines.push(line.trimEnd());
    return lines.length > 0 ? lines : [''];
  }

  private put(text: string, x: number, style: Style): void {
    if (!this.draw) return;
    let at = x;
    for (const run of this.runs(text, style)) {
      this.doc.font(run.font).fontSize(style.size).fillColor('black').text(run.run, at, this.y, { lineBreak: false });
      at += run.width;
    }
  }

  private lineHeight(style: Style): number {
    return style.size * 1.45;
  }

  centered(text: string, style: Style): void {
    for (const line of this.wrap(text, this.width, style)) {
      this.put(line, this.left + (this.width - this.measure(line, style)) / 2, style);
      this.y += this.lineHeight(style);
    }
  }

  /** A label on the left and its value on the right; a value too long for the line goes below, right-aligned. */
  pair(label: string, value: string, style: Style): void {
    const gap = style.size;
    const labelWidth = this.measure(label, style);
    const valueWidth = this.measure(value, style);
    if (labelWidth + gap + valueWidth <= this.width) {
      this.put(label, this.left, style);
      this.put(value, this.left + this.width - valueWidth, style);
      this.y += this.lineHeight(style);
      return;
    }
    for (const line of this.wrap(label, this.width, style)) {
      this.put(line, this.left, style);
      this.y += this.lineHeight(style);
    }
    for (const line of this.wrap(value, this.width, style)) {
      this.put(line, this.left + this.width - this.measure(line, style), style);
      this.y += this.lineHeight(style);
    }
  }

  item(name: string, detail: string | null, amount: string): void {
    const style = { size: this.body };
    const amountWidth = this.measure(amount, style);
    const nameLines = this.wrap(name, this.width - amountWidth - this.body, style);
    nameLines.forEach((line, index) => {
      this.put(line, this.left, style);
      if (index === 0) this.put(amount, this.left + this.width - amountWidth, style);
      this.y += this.lineHeight(style);
    });
    if (detail) {
      const small = { size: this.body - 1 };
      this.put(detail, this.left + this.body, small);
      this.y += this.lineHeight(small);
    }
  }

  rule(): void {
    const middle = this.y + this.body * 0.5;
    if (this.draw) {
      this.doc.save().moveTo(this.left, middle).lineTo(this.left + this.width, middle).lineWidth(0.6).dash(2, { space: 1.5 }).strokeColor('black').stroke().undash().restore();
    }
    this.y += this.body;
  }

  /** The shop's logo, centred above everything, fitted in a box a third of the paper high at most. */
  logo(dataUrl: string | null | undefined): void {
    if (!dataUrl) return;
    // pdfkit's openImage (documented, missing from its types) reads the size without drawing.
    const image = (this.doc as unknown as { openImage(src: Buffer): { width: number; height: number } }).openImage(
      Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'),
    );
    const scale = Math.min((this.width * 0.6) / image.width, (this.width / 3) / image.height);
    const width = image.width * scale;
    const height = image.height * scale;
    if (this.draw) this.doc.image(image as unknown as Buffer, this.left + (this.width - width) / 2, this.y, { width, height });
    this.y += height + this.body * 0.6;
  }

  rows(rows: readonly ReceiptRow[]): void {
    const body = { size: this.body };
    for (const row of rows) {
      if (row.kind === 'title') this.centered(row.text, { size: this.body + 3, bold: true });
      else if (row.kind === 'center') this.centered(row.text, { ...body, bold: row.strong });
      else if (row.kind === 'pair') this.pair(row.label, row.value, { size: row.strong ? this.body + 1.5 : this.body, bold: row.strong });
      else if (row.kind === 'item') this.item(row.name, row.detail, row.amount);
      else this.rule();
    }
  }
}

/** Writes `receipt` as a PDF in `lang` on `paper` into `out`, and waits until it is flushed. */
export async function writeReceiptPdf(receipt: Receipt, lang: ReceiptLang, paper: ReceiptPaper, out: Writable): Promise<void> {
  const { paper: paperMm, printable } = RECEIPT_PAPER_MM[paper];
  const pageWidth = paperMm * POINTS_PER_MM;
  const left = ((paperMm - printable) / 2) * POINTS_PER_MM;
  const width = printable * POINTS_PER_MM;
  const rows = receiptRows(receipt, lang);
  const doc = new PDFDocument({ autoFirstPage: false, info: { Title: `${receipt.shop.name} · ${receipt.receiptNo}`, Creator: 'Chamra POS' } });
  registerPdfFonts(doc);
  doc.pipe(out);
  // First pass measures, so the page is exactly as long as the receipt (roll paper has no page length).
  const measuring = new ReceiptLayout(doc, left, width, BODY_SIZE[paper], false);
  measuring.logo(receipt.shop.logo);
  measuring.rows(rows);
  doc.addPage({ size: [pageWidth, Math.ceil(measuring.y + left)], margin: 0 });
  const drawing = new ReceiptLayout(doc, left, width, BODY_SIZE[paper], true);
  drawing.logo(receipt.shop.logo);
  drawing.rows(rows);
  doc.end();
  await finished(out);
}

/** The PDF in memory (a receipt is a few kilobytes of text and font subsets). */
export async function receiptPdfBytes(receipt: Receipt, lang: ReceiptLang, paper: ReceiptPaper): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await writeReceiptPdf(receipt, lang, paper, sink);
  return Buffer.concat(chunks);
}
