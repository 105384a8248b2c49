// The fonts every PDF of ours is set in (exports, Z reports): Sarabun, shipped with the app, in Latin
// and Thai subsets. Text is drawn in runs, Thai runs in the Thai subset, the rest in the Latin one.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const PDF_FONTS = {
  latin: require.resolve('@fontsource/sarabun/files/sarabun-latin-400-normal.woff'),
  latinBold: require.resolve('@fontsource/sarabun/files/sarabun-latin-700-normal.woff'),
  thai: require.resolve('@fontsource/sarabun/files/sarabun-thai-400-normal.woff'),
  thaiBold: require.resolve('@fontsource/sarabun/files/sarabun-thai-700-normal.woff'),
};

/** Splits text into Thai and non-Thai runs (`split` keeps the Thai runs, as a capture group). */
export const THAI_RUN = /([\u0E00-\u0E7F]+)/;

export type PdfFont = 'latin' | 'latinBold' | 'thai' | 'thaiBold';

/**
 * Text as runs to draw, each with its font. Sara am (ำ) is written as its two parts (nikhahit + sara
 * aa), which look the same: drawn whole, its glyphs claim its code point in the PDF's text map and every
 * later sara aa reads back wrong (copy and search would lose or double the า of ราคา, ภาษี).
 */
export function pdfRuns(text: string, bold = false): { run: string; font: PdfFont }[] {
  return text
    .replace(/\u0E33/g, '\u0E4D\u0E32')
    .split(THAI_RUN)
    .filter((run) => run.length > 0)
    .map((run) => {
      const thai = THAI_RUN.test(run);
      return { run, font: thai ? (bold ? 'thaiBold' : 'thai') : bold ? 'latinBold' : 'latin' };
    });
}

/** Registers the fonts as 'latin', 'latinBold', 'thai' and 'thaiBold'. */
export function registerPdfFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, file] of Object.entries(PDF_FONTS)) doc.registerFont(name, file);
}
