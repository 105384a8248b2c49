import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crc16CcittFalse, FAKE_PROMPTPAY_PROXY_ID, PROMPTPAY_AID, thaiIdCheckDigit } from '../../stripe-sim/emv-qr';
import { promptPayParams, startTestSim, type TestSim } from './sim-fixture';

/** A minimal EMVCo TLV reader: tag (2 digits), length (2 digits), value; in order. */
function parseTlv(payload: string): [string, string][] {
  const fields: [string, string][] = [];
  let i = 0;
  while (i < payload.length) {
    const tag = payload.slice(i, i + 2);
    const length = Number(payload.slice(i + 2, i + 4));
    if (!/^\d{2}$/.test(tag) || !Number.isInteger(length) || i + 4 + length > payload.length)
      throw new Error(`malformed TLV at ${i}: ${payload.slice(i)}`);
    fields.push([tag, payload.slice(i + 4, i + 4 + length)]);
    i += 4 + length;
  }
  return fields;
}

function field(fields: [string, string][], tag: string): string | undefined {
  return fields.find(([t]) => t === tag)?.[1];
}

describe('CRC-16/CCITT-FALSE', () => {
  it('matches the standard check value for "123456789"', () => {
    expect(crc16CcittFalse('123456789')).toBe(0x29b1);
  });
});

describe('the fake PromptPay proxy id', () => {
  it('is 13 digits whose Thai ID check digit is wrong, so it can belong to nobody', () => {
    expect(FAKE_PROMPTPAY_PROXY_ID).toMatch(/^\d{13}$/);
    expect(thaiIdCheckDigit(FAKE_PROMPTPAY_PROXY_ID.slice(0, 12))).not.toBe(Number(FAKE_PROMPTPAY_PROXY_ID[12]));
    // Worked example: 1·13+1·12+0·11+1·10+7·9+0·8+0·7+2·6+3·5+0·4+7·3+0·2 = 146; 146 mod 11 = 3; 11−3 = 8.
    expect(thaiIdCheckDigit('110170023070')).toBe(8);
    // Twelve 9s: 9·90 = 810; 810 mod 11 = 7; 11−7 = 4, so a valid ID would end in 4, not 9.
    expect(thaiIdCheckDigit('999999999999')).toBe(4);
  });
});

describe('SIM_QR_FORMAT=emv', () => {
  let t: TestSim;
  beforeEach(async () => {
    t = await startTestSim({ qrFormat: 'emv' });
  });
  afterEach(async () => {
    await t.sim.close();
  });

  it('the QR data is a valid dynamic PromptPay EMV payload for the amount, with the PaymentIntent as reference', async () => {
    const pi = await t.stripe.paymentIntents.create(promptPayParams({ amount: 123_405 }));
    const data = pi.next_action?.promptpay_display_qr_code?.data ?? '';
    const fields = parseTlv(data);

    expect(fields[0]).toEqual(['00', '01']);
    expect(field(fields, '01')).toBe('12');
    const merchant = parseTlv(field(fields, '29') ?? '');
    expect(field(merchant, '00')).toBe(PROMPTPAY_AID);
    expect(field(merchant, '02')).toBe(FAKE_PROMPTPAY_PROXY_ID);
    expect(field(fields, '53')).toBe('764');
    expect(field(fields, '54')).toBe('1234.05');
    expect(field(fields, '58')).toBe('TH');
    expect(field(fields, '59')?.length).toBeGreaterThan(0);
    const reference = field(parseTlv(field(fields, '62') ?? ''), '05') ?? '';
    expect(reference.length).toBeLessThanOrEqual(25);
    expect(reference.length).toBeGreaterThan(20);
    expect(pi.id.startsWith(reference)).toBe(true);

    // CRC is last, covers everything up to and including "6304", uppercase hex.
    const [lastTag, crc] = fields[fields.length - 1];
    expect(lastTag).toBe('63');
    expect(crc).toMatch(/^[0-9A-F]{4}$/);
    expect(parseInt(crc, 16)).toBe(crc16CcittFalse(data.slice(0, -4)));
    expect(data.slice(-8, -4)).toBe('6304');
  });

  it('a corrupted payload fails the CRC check', async () => {
    const pi = await t.stripe.paymentIntents.create(promptPayParams({ amount: 5000 }));
    const data = pi.next_action?.promptpay_display_qr_code?.data ?? '';
    const tampered = data.replace('50.00', '90.00');
    expect(tampered).not.toBe(data);
    expect(parseInt(tampered.slice(-4), 16)).not.toBe(crc16CcittFalse(tampered.slice(0, -4)));
  });

  it('whole-baht and minimum amounts are written with two decimals', async () => {
    for (const [amount, text] of [[1000, '10.00'], [99_999_999, '999999.99'], [100_000, '1000.00']] as const) {
      const pi = await t.stripe.paymentIntents.create(promptPayParams({ amount }));
      expect(field(parseTlv(pi.next_action?.promptpay_display_qr_code?.data ?? ''), '54')).toBe(text);
    }
  });
});
