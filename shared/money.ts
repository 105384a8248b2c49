// Money is integer satang everywhere (10000 = ฿100.00). Keypad input is a string and is parsed
// digit by digit, never through floating point.

/** Stripe's minimum charge for THB is ฿10.00. */
export const MIN_CHARGE_SATANG = 1_000;
/** Stripe's maximum amount: eight digits of the smallest unit. */
export const MAX_CHARGE_SATANG = 99_999_999;

export type AmountProblem = 'empty' | 'malformed' | 'too_small' | 'too_large';

export type ParsedAmount =
  | { ok: true; satang: number }
  | { ok: false; problem: AmountProblem };

/**
 * Baht as written in Thailand: digits, optionally grouped in thousands by commas ("12,500"), then
 * optionally a dot and up to two decimals. A comma is never a decimal point, and a comma out of
 * place ("12,50") makes the text not an amount at all, rather than a different amount.
 */
const BAHT_PATTERN = /^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d{0,2}))?$/;

/** Nine digits of baht already exceed every amount we handle; stop before Number loses precision. */
const MAX_BAHT_DIGITS_PARSED = 9;

/** Parses typed baht ("12,500", "123.45", "10.5") into satang without floats, and without charge limits. */
export function parseBaht(text: string): ParsedAmount {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '.') return { ok: false, problem: 'empty' };
  const match = BAHT_PATTERN.exec(trimmed);
  if (!match) return { ok: false, problem: 'malformed' };
  const baht = match[1].replace(/,/g, '').replace(/^0+(?=\d)/, '');
  if (baht.length > MAX_BAHT_DIGITS_PARSED) return { ok: false, problem: 'too_large' };
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return { ok: true, satang: Number(baht) * 100 + Number(fraction) };
}

/** Parses what the cashier typed into a chargeable amount in satang (Stripe's THB limits apply). */
export function parseBahtInput(text: string): ParsedAmount {
  const parsed = parseBaht(text);
  return parsed.ok ? checkChargeAmount(parsed.satang) : parsed;
}

/** Checks an amount already in satang against Stripe's THB limits. */
export function checkChargeAmount(satang: number): ParsedAmount {
  if (!Number.isSafeInteger(satang)) return { ok: false, problem: 'malformed' };
  if (satang < MIN_CHARGE_SATANG) return { ok: false, problem: 'too_small' };
  if (satang > MAX_CHARGE_SATANG) return { ok: false, problem: 'too_large' };
  return { ok: true, satang };
}

/** One formatter per locale: building an Intl.NumberFormat costs far more than using one (screens format on every render). */
const bahtFormatters = new Map<string, Intl.NumberFormat>();

/** Formats satang as baht for display, e.g. 12345 → "฿123.45" (locale-aware digit grouping). */
export function formatBaht(satang: number, locale: string = 'th-TH'): string {
  let formatter = bahtFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'THB',
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    bahtFormatters.set(locale, formatter);
  }
  return formatter.format(satang / 100);
}

/** Satang as a plain decimal string ("123.45"), exact for any safe integer. */
export function satangToDecimal(satang: number): string {
  const sign = satang < 0 ? '-' : '';
  const abs = Math.abs(satang);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '00' | '.' | 'backspace' | 'clear';

/** Longest entry the keypad accepts: 8 digits of baht covers every chargeable amount. */
const MAX_BAHT_DIGITS = 8;

/**
 * Applies one keypad press to the text being typed. Presses that would make the text malformed
 * (a second dot, a third decimal, too many digits) are ignored, so the display never shows junk.
 */
export function applyKeypadKey(text: string, key: KeypadKey): string {
  if (key === 'clear') return '';
  if (key === 'backspace') return text.slice(0, -1);
  if (key === '.') {
    if (text.includes('.')) return text;
    return text === '' ? '0.' : `${text}.`;
  }
  for (const digit of key) {
    const current = applyDigit(text, digit);
    if (current === text) return text;
    text = current;
  }
  return text;
}

function applyDigit(text: string, digit: string): string {
  const [whole, fraction] = text.split('.');
  if (fraction !== undefined) return fraction.length >= 2 ? text : text + digit;
  if (whole === '0') return digit; // no leading zeros
  if (whole.length >= MAX_BAHT_DIGITS) return text;
  return text + digit;
}
