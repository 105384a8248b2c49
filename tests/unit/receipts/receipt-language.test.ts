// The receipt language (Thai, English, both) and the customer's email schema, as the till, the core
// and the REST API share them.
import { describe, expect, it } from 'vitest';
import { receiptDate, receiptRows } from '../../../shared/i18n/receipts-text';
import { emailReceiptInput, updateSettingsInput } from '../../../shared/pos-contract';
import { maskedEmail, receiptEmailSchema } from '../../../shared/receipt-email';
import { RECEIPT_SETTING_DEFAULTS } from '../../../shared/receipt';
import { PAID_AT, sampleReceipt } from './sample-receipt';

const kindRow = (lang: 'th' | 'en' | 'both', receipt = sampleReceipt()) =>
  receiptRows(receipt, lang).find((row) => row.kind === 'center' && row.testId === 'receipt-kind');

describe('receipt language', () => {
  it('keeps the Thai legal heading of a tax invoice in English and in both, English beside it', () => {
    expect(kindRow('th')).toMatchObject({ text: 'ใบกำกับภาษีอย่างย่อ' });
    expect(kindRow('en')).toMatchObject({ text: 'ใบกำกับภาษีอย่างย่อ / Tax Invoice (ABB)' });
    expect(kindRow('both')).toMatchObject({ text: 'ใบกำกับภาษีอย่างย่อ / Tax Invoice (ABB)' });
    // A plain receipt has no legal heading to keep: English only in English.
    const plain = sampleReceipt({ kind: 'receipt', vat: null });
    expect(kindRow('en', plain)).toMatchObject({ text: 'Receipt' });
    expect(kindRow('both', plain)).toMatchObject({ text: 'ใบเสร็จรับเงิน / Receipt' });
  });

  it('dates Thai and two-language receipts in the Buddhist era, English ones in the Gregorian', () => {
    expect(receiptDate(PAID_AT, 'Asia/Bangkok', 'th')).toBe('15/01/2569 14:05');
    expect(receiptDate(PAID_AT, 'Asia/Bangkok', 'both')).toBe('15/01/2569 14:05');
    expect(receiptDate(PAID_AT, 'Asia/Bangkok', 'en')).toBe('15/01/2026 14:05');
  });

  it('says each row once in both languages when the words are the same, the tax ID once', () => {
    const rows = receiptRows(sampleReceipt(), 'both');
    const texts = rows.map((row) => (row.kind === 'center' ? row.text : row.kind === 'pair' ? `${row.label}|${row.value}` : ''));
    expect(texts).toContain('เลขประจำตัวผู้เสียภาษี / Tax ID 0105558123451');
    expect(texts).toContain('รวมทั้งสิ้น / Total|185.00');
    expect(texts.filter((text) => text.includes('VAT Included') || text.includes('VAT included'))).toEqual(['ราคารวมภาษีมูลค่าเพิ่มแล้ว (VAT Included)']);
    expect(texts.join('\n').match(/0105558123451/g)).toHaveLength(1);
  });

  it('is a setting: Thai by default, th / en / both accepted, anything else refused', () => {
    expect(RECEIPT_SETTING_DEFAULTS.receiptLanguage).toBe('th');
    for (const lang of ['th', 'en', 'both']) expect(updateSettingsInput.safeParse({ receiptLanguage: lang }).success).toBe(true);
    for (const lang of ['fr', 'TH', '', null]) expect(updateSettingsInput.safeParse({ receiptLanguage: lang }).success).toBe(false);
  });
});

describe('the customer email schema', () => {
  it('takes an address (trimmed) and refuses what Stripe would refuse', () => {
    expect(receiptEmailSchema.parse('  somsri@example.co.th ')).toBe('somsri@example.co.th');
    for (const bad of ['', '   ', 'somsri', 'test@test', 'a b@example.com', 'somsri@', `${'x'.repeat(190)}@example.com`, 42]) {
      expect(receiptEmailSchema.safeParse(bad).success, String(bad)).toBe(false);
    }
    expect(emailReceiptInput.safeParse({ saleId: 'sale_01ABCDEFGH', email: 'a@example.com' }).success).toBe(true);
    expect(emailReceiptInput.safeParse({ saleId: 'sale_01ABCDEFGH', email: 'a@example.com', extra: 1 }).success).toBe(false);
    expect(emailReceiptInput.safeParse({ saleId: 'nope', email: 'a@example.com' }).success).toBe(false);
  });

  it('masks an address to its first letter and domain', () => {
    expect(maskedEmail('somsri@example.co.th')).toBe('s•••@example.co.th');
    expect(maskedEmail('x@y.io')).toBe('x•••@y.io');
    expect(maskedEmail('@nobody')).toBe('•••');
  });
});
