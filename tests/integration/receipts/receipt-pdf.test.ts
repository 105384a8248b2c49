// Receipts at 58 and 80 mm, in Thai, English and both, with and without VAT, rendered to PDF and read
// back with pdfjs: the page is the paper's width, and the text (Thai intact) is what receipts-text.ts
// says. An English or two-language tax invoice keeps its Thai legal heading; dates are Buddhist era
// wherever Thai is printed, Gregorian on English-only receipts.
import { describe, expect, it } from 'vitest';
import { receiptPdfBytes } from '../../../electron/core/receipts/receipt-pdf';
import { receiptRows } from '../../../shared/i18n/receipts-text';
import { RECEIPT_LANGS, type ReceiptLang, type ReceiptPaper } from '../../../shared/receipt';
import { sampleReceipt } from '../../unit/receipts/sample-receipt';

/** pdfjs reads sara am (ำ) back as nikhahit + sara aa: compare both sides in that decomposed form. */
const normal = (text: string) => text.normalize('NFKD').replace(/\s+/g, ' ');

async function readPdf(bytes: Uint8Array): Promise<{ text: string; widthMm: number; pages: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: bytes, useSystemFonts: false }).promise;
  const page = await document.getPage(1);
  const text = (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
  const [x0, , x1] = page.view;
  return { text: normal(text), widthMm: ((x1 - x0) * 25.4) / 72, pages: document.numPages };
}

const VAT = sampleReceipt();
const PLAIN = sampleReceipt({
  kind: 'receipt', vat: null, shop: { name: 'ร้านข้าวมันไก่ป้าแดง', address: 'ตลาดบางรัก', taxId: null, branch: null, vatRegistered: false },
  tender: 'promptpay', cashTendered: null, change: null, paymentIntentId: 'pi_3QxTestReceipt0001', lines: [
    { itemId: null, name: 'ข้าวมันไก่พิเศษ ใส่เครื่องในเพิ่ม ไม่เอาหนัง', unitPrice: 6_000, quantity: 3, amount: 18_000 },
    { itemId: null, name: 'น้ำเปล่า', unitPrice: 500, quantity: 1, amount: 500 },
  ],
});

const CASES: { name: string; receipt: typeof VAT; expected: Record<ReceiptLang, string[]>; absent: Record<ReceiptLang, RegExp> }[] = [
  {
    name: 'a tax invoice (VAT registered, cash)',
    receipt: VAT,
    expected: {
      th: ['ร้านกาแฟ Chamra', 'ใบกำกับภาษีอย่างย่อ', 'เลขประจำตัวผู้เสียภาษี 0105558123451', 'สำนักงานใหญ่', 'till-1-000042', '15/01/2569 14:05', 'ครัวซองต์', '185.00', '172.90', '12.10', 'เงินทอน', '15.00'],
      en: ['ร้านกาแฟ Chamra', 'ใบกำกับภาษีอย่างย่อ / Tax Invoice (ABB)', 'VAT included', 'Tax ID 0105558123451', 'Head office', 'till-1-000042', '15/01/2026 14:05', 'ครัวซองต์', 'VAT 7%', '12.10', 'Value before VAT', '172.90', 'Change', '15.00'],
      both: [
        'ร้านกาแฟ Chamra', 'ใบกำกับภาษีอย่างย่อ / Tax Invoice (ABB)', 'เลขประจำตัวผู้เสียภาษี / Tax ID 0105558123451', 'สำนักงานใหญ่ / Head office',
        '15/01/2569 14:05', 'รวมทั้งสิ้น / Total', '185.00', 'ภาษีมูลค่าเพิ่ม 7% / VAT 7%', '12.10', 'มูลค่าก่อนภาษี / Value before VAT', '172.90',
        'เงินทอน / Change', '15.00', 'ขอบคุณที่อุดหนุน / Thank you',
      ],
    },
    absent: { th: /COPY|สำเนา|Total|2026/, en: /COPY|สำเนา|รวมทั้งสิ้น|2569/, both: /COPY|สำเนา|2026|0105558123451.*0105558123451/ },
  },
  {
    name: 'a plain receipt (not VAT registered, PromptPay, a long Thai line)',
    receipt: PLAIN,
    expected: {
      th: ['ร้านข้าวมันไก่ป้าแดง', 'ใบเสร็จรับเงิน', 'ตลาดบางรัก', 'น้ำเปล่า', '3 × 60.00', '180.00', '185.00', 'พร้อมเพย์', 'pi_3QxTestReceipt0001'],
      en: ['ร้านข้าวมันไก่ป้าแดง', 'Receipt', 'Total', '185.00', 'PromptPay', 'pi_3QxTestReceipt0001', '15/01/2026 14:05', 'Thank you'],
      both: ['ร้านข้าวมันไก่ป้าแดง', 'ใบเสร็จรับเงิน / Receipt', 'รวมทั้งสิ้น / Total', '185.00', 'พร้อมเพย์ / PromptPay', 'pi_3QxTestReceipt0001', '15/01/2569 14:05', '3 × 60.00'],
    },
    absent: { th: /VAT|ภาษี|Tax|Total/, en: /VAT|ภาษี|Tax|ใบเสร็จ|ใบกำกับ/, both: /VAT|ภาษี|Tax/ },
  },
];

describe('receipt PDFs', () => {
  for (const paper of ['58', '80'] as ReceiptPaper[]) {
    for (const lang of RECEIPT_LANGS) {
      for (const sample of CASES) {
        it(`${sample.name}, ${paper} mm, ${lang}`, async () => {
          const bytes = await receiptPdfBytes(sample.receipt, lang, paper);
          expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
          const pdf = await readPdf(new Uint8Array(bytes));
          expect(pdf.pages).toBe(1);
          expect(pdf.widthMm).toBeCloseTo(Number(paper), 1);
          for (const expected of sample.expected[lang]) expect(pdf.text, expected).toContain(normal(expected));
          expect(pdf.text).not.toMatch(sample.absent[lang]);
          expect(pdf.text).not.toContain('{');
        });
      }
    }
  }

  it('wraps a long Thai item name at word boundaries on 58 mm, every word intact', async () => {
    const pdf = await readPdf(new Uint8Array(await receiptPdfBytes(PLAIN, 'th', '58')));
    for (const word of ['ข้าวมันไก่พิเศษ', 'ใส่เครื่องในเพิ่ม', 'เอาหนัง']) expect(pdf.text).toContain(normal(word));
  });

  it('says COPY on a copy, and holds every row the screen shows', async () => {
    const copy = { ...VAT, copy: true };
    for (const lang of RECEIPT_LANGS) {
      const pdf = await readPdf(new Uint8Array(await receiptPdfBytes(copy, lang, '80')));
      expect(pdf.text).toContain(normal({ th: 'สำเนา', en: 'COPY', both: 'สำเนา / COPY' }[lang]));
      const rows = receiptRows(copy, lang);
      const pairs = rows.flatMap((row) => (row.kind === 'pair' ? [normal(`${row.label}${row.value}`).replace(/ /g, '')] : []));
      const amounts = rows.flatMap((row) => (row.kind === 'item' ? [row.amount] : []));
      expect(pairs.length).toBeGreaterThan(8);
      for (const pair of pairs) expect(pdf.text.replace(/ /g, '')).toContain(pair);
      for (const amount of amounts) expect(pdf.text).toContain(amount);
    }
  });
});
