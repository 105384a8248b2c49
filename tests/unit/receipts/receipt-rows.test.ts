// What a receipt says, worded once for the PDF, the desktop print and the screen: numbers per till,
// Buddhist-era dates in Thai, the abbreviated tax invoice's required facts, copies marked.
import { describe, expect, it } from 'vitest';
import { escapeHtml, receiptHtml } from '../../../electron/core/receipts/receipt-html';
import { formatReceiptNo, receiptDate, receiptFigure, receiptRows, type ReceiptRow } from '../../../shared/i18n/receipts-text';
import { PAID_AT, sampleReceipt } from './sample-receipt';

const text = (rows: ReceiptRow[]) => rows.map((row) => (row.kind === 'pair' ? `${row.label}: ${row.value}` : row.kind === 'item' ? `${row.name} ${row.detail ?? ''} ${row.amount}` : row.kind === 'rule' ? '---' : row.text)).join('\n');

describe('receipt wording', () => {
  it('numbers receipts per till in six digits that grow past a million', () => {
    expect(formatReceiptNo('till-1', 42)).toBe('till-1-000042');
    expect(formatReceiptNo('T2', 1_234_567)).toBe('T2-1234567');
  });

  it('prints figures exactly and dates in the Buddhist era in Thai', () => {
    expect(receiptFigure(123_456_789)).toBe('1,234,567.89');
    expect(receiptFigure(5)).toBe('0.05');
    expect(receiptDate(PAID_AT, 'Asia/Bangkok', 'th')).toBe('15/01/2569 14:05');
    expect(receiptDate(PAID_AT, 'Asia/Bangkok', 'en')).toBe('15/01/2026 14:05');
    // The shop's zone, not the machine's: 23:30 in Bangkok is the next day's 00:30 in Tokyo.
    expect(receiptDate(Date.parse('2026-01-15T23:30:00+07:00'), 'Asia/Tokyo', 'en')).toBe('16/01/2026 01:30');
  });

  it('words an abbreviated tax invoice in Thai with everything §86/6 asks for', () => {
    const th = text(receiptRows(sampleReceipt(), 'th'));
    for (const expected of [
      'ร้านกาแฟ Chamra', '12 ถนนสุขุมวิท', 'กรุงเทพฯ 10110', 'เลขประจำตัวผู้เสียภาษี 0105558123451', 'สำนักงานใหญ่', 'ใบกำกับภาษีอย่างย่อ',
      'ราคารวมภาษีมูลค่าเพิ่มแล้ว', 'เลขที่: till-1-000042', 'วันที่: 15/01/2569 14:05', 'เครื่อง POS: till-1', 'พนักงาน: Nok',
      'Latte 2 × 65.00 130.00', 'ครัวซองต์  55.00', 'รวมทั้งสิ้น: 185.00', 'มูลค่าก่อนภาษี: 172.90', 'ภาษีมูลค่าเพิ่ม 7%: 12.10',
      'ชำระโดย: เงินสด', 'รับเงิน: 200.00', 'เงินทอน: 15.00',
    ]) {
      expect(th, expected).toContain(expected);
    }
    expect(th).not.toContain('สำเนา');
    expect(th).not.toMatch(/\{\w+\}/);
  });

  it('words a plain receipt in English: no tax ID, no VAT lines; a copy says COPY; a PromptPay sale its reference', () => {
    const receipt = sampleReceipt({
      kind: 'receipt', copy: true, vat: null, shop: { name: 'Chamra Café', address: null, taxId: null, branch: null, vatRegistered: false },
      lines: [], description: 'Table 4', tender: 'promptpay', cashTendered: null, change: null, paymentIntentId: 'pi_3Test', refunded: 2_000,
    });
    const en = text(receiptRows(receipt, 'en'));
    for (const expected of ['Chamra Café', 'Receipt', '*** COPY ***', 'No.: till-1-000042', 'Date: 15/01/2026 14:05', 'Table 4  185.00', 'Total: 185.00', 'Paid by: PromptPay', 'Ref.: pi_3Test', 'Refunded: 20.00', 'Thank you']) {
      expect(en, expected).toContain(expected);
    }
    expect(en).not.toMatch(/VAT|Tax ID|Change|Branch|Head office/);
  });

  it('lays the same rows out as a self-contained page for the desktop print, every value escaped', () => {
    const receipt = sampleReceipt({ shop: { ...sampleReceipt().shop, name: '<script>alert(1)</script> & Co' } });
    const html = receiptHtml(receipt, 'th', '58');
    expect(html).toContain('@page{size:58mm auto;margin:0}');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(html).not.toContain('<script>');
    expect(html).toContain("default-src 'none'");
    const words = receiptRows(receipt, 'th').flatMap((row) => (row.kind === 'pair' ? [row.label, row.value] : row.kind === 'center' || row.kind === 'title' ? [row.text] : []));
    expect(words.length).toBeGreaterThan(10);
    for (const word of words) expect(html).toContain(escapeHtml(word));
  });
});
