/**
 * EMVCo merchant-presented QR ("Thai QR Payment" / PromptPay) payloads for SIM_QR_FORMAT=emv,
 * so a demo can show a QR that real banking apps parse as a PromptPay bill (and then refuse).
 *
 * Every field is TLV: 2-digit tag, 2-digit length, value. Tag 63 is a CRC-16/CCITT-FALSE over
 * the whole payload up to and including "6304".
 */

/** PromptPay credit-transfer application id (tag 29, sub-tag 00). */
export const PROMPTPAY_AID = 'A000000677010111';

/**
 * The proxy id the simulator pays "to": sub-tag 02 (13-digit national ID / tax ID).
 * It cannot belong to anyone: Thai 13-digit IDs end in a mod-11 check digit, and for twelve
 * 9s that digit must be 4, so 9999999999999 fails the check (and 9 is not an issued leading
 * category). No PromptPay directory can hold it, so a real app finds no account to pay.
 */
export const FAKE_PROMPTPAY_PROXY_ID = '9999999999999';

/** Thai national ID / tax ID check digit: (11 - Σ d_i·(13-i) mod 11) mod 10 over the first 12 digits. */
export function thaiIdCheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i);
  return (11 - (sum % 11)) % 10;
}

/** CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final xor. */
export function crc16CcittFalse(text: string): number {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

export function tlv(tag: string, value: string): string {
  const length = Buffer.byteLength(value, 'utf8');
  if (length > 99) throw new Error(`EMV field ${tag} is too long (${length} bytes)`);
  return `${tag}${String(length).padStart(2, '0')}${value}`;
}

/** 12345 satang → "123.45" without touching floating point. */
export function satangToBahtString(satang: number): string {
  if (!Number.isSafeInteger(satang) || satang < 0) throw new Error(`invalid satang amount: ${satang}`);
  return `${Math.floor(satang / 100)}.${String(satang % 100).padStart(2, '0')}`;
}

export interface PromptPayPayloadInput {
  amountSatang: number;
  reference: string; // the PaymentIntent id; trimmed to the 25-character limit of tag 62/05
  merchantName?: string;
  merchantCity?: string;
}

/** A dynamic (point of initiation 12) PromptPay payload for one amount and one reference. */
export function buildPromptPayPayload(input: PromptPayPayloadInput): string {
  const asciiOnly = (s: string, max: number) => s.replace(/[^\x20-\x7e]/g, '').slice(0, max);
  const fields = [
    tlv('00', '01'), // payload format indicator
    tlv('01', '12'), // dynamic QR: one amount, one use
    tlv('29', tlv('00', PROMPTPAY_AID) + tlv('02', FAKE_PROMPTPAY_PROXY_ID)),
    tlv('53', '764'), // THB
    tlv('54', satangToBahtString(input.amountSatang)),
    tlv('58', 'TH'),
    tlv('59', asciiOnly(input.merchantName ?? 'CHAMRA POS STRIPE SIM', 25)),
    tlv('60', asciiOnly(input.merchantCity ?? 'BANGKOK', 15)),
    tlv('62', tlv('05', input.reference.slice(0, 25))), // 05 = reference label
  ];
  const withoutCrc = `${fields.join('')}6304`;
  return withoutCrc + crc16CcittFalse(withoutCrc).toString(16).toUpperCase().padStart(4, '0');
}
