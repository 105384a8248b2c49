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

/** Registers the fonts as 'latin', 'latinBold', 'thai' and 'thaiBold'. */
export function registerPdfFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, file] of Object.entries(PDF_FONTS)) doc.registerFont(name, file);
}
