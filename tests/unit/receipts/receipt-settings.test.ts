// The receipt settings form: the tax ID checked as typed with the contract's schema, VAT registration
// refused without one (as the core refuses it), and only what changed is sent.
import { describe, expect, it } from 'vitest';
import { checkTaxId, draftOf, formatTaxId, settingsPatch } from '../../../renderer/state/settings-store';
import type { ShopSettings } from '../../../shared/manager-types';
import { RECEIPT_SETTING_DEFAULTS } from '../../../shared/receipt';

const SETTINGS: ShopSettings = {
  shopName: 'Chamra', timeZone: 'Asia/Bangkok', qrTimeoutSeconds: 600, backupFolder: null, backupTime: null, dayStartHour: 0, promptPayId: null,
  ...RECEIPT_SETTING_DEFAULTS, sound: { ...RECEIPT_SETTING_DEFAULTS.sound },
};

describe('receipt settings', () => {
  it('checks a tax ID as it is typed', () => {
    expect(checkTaxId('')).toEqual({ state: 'empty' });
    expect(checkTaxId('0-1055')).toEqual({ state: 'typing' });
    expect(checkTaxId('0-1055-58123-45-1')).toEqual({ state: 'ok', id: '0105558123451' });
    expect(checkTaxId('0105558123452')).toEqual({ state: 'bad', key: 'receipts.error.taxIdChecksum' });
    expect(checkTaxId('01055581234510')).toEqual({ state: 'bad', key: 'receipts.error.taxId' });
    expect(checkTaxId('abc')).toEqual({ state: 'bad', key: 'receipts.error.taxId' });
    expect(formatTaxId('0105558123451')).toBe('0-1055-58123-45-1');
  });

  it('refuses VAT registration without a tax ID, and a branch that is not 5 digits', () => {
    const draft = draftOf(SETTINGS);
    expect(settingsPatch(SETTINGS, { ...draft, vatRegistered: true })).toEqual({ ok: false, field: 'taxId', key: 'receipts.error.taxIdNeeded' });
    expect(settingsPatch(SETTINGS, { ...draft, branchCode: '1' })).toEqual({ ok: false, field: 'branchCode', key: 'receipts.error.branch' });
    expect(settingsPatch(SETTINGS, { ...draft, taxId: '0105558123452' })).toEqual({ ok: false, field: 'taxId', key: 'receipts.error.taxIdChecksum' });
  });

  it('sends only what changed: VAT with its tax ID and branch, paper, printer, auto print and the sound', () => {
    const draft = draftOf(SETTINGS);
    expect(settingsPatch(SETTINGS, draft)).toEqual({ ok: true, input: {} });
    const patch = settingsPatch(SETTINGS, {
      ...draft, shopAddress: ' 12 ถนนสุขุมวิท ', vatRegistered: true, taxId: '0-1055-58123-45-1', branchCode: '00000', receiptPaper: '58', receiptPrinter: 'EPSON',
      autoPrintReceipt: 'always', sound: { chime: false, speakAmount: true, volume: 42.4 },
    });
    expect(patch).toEqual({
      ok: true,
      input: {
        shopAddress: '12 ถนนสุขุมวิท', vatRegistered: true, taxId: '0105558123451', branchCode: '00000', receiptPaper: '58', receiptPrinter: 'EPSON',
        autoPrintReceipt: 'always', sound: { chime: false, speakAmount: true, volume: 42 },
      },
    });
    const saved: ShopSettings = { ...SETTINGS, shopAddress: '12 ถนนสุขุมวิท', vatRegistered: true, taxId: '0105558123451', branchCode: '00000' };
    expect(draftOf(saved)).toMatchObject({ taxId: '0-1055-58123-45-1', vatRegistered: true, receiptPrinter: '' });
    expect(settingsPatch(saved, { ...draftOf(saved), receiptPrinter: '' })).toEqual({ ok: true, input: {} });
  });
});
