// Digits read from the keyboard whatever layout is active. With the Thai Kedmanee layout the number
// row types Thai letters (ๅ / - ภ ถ ุ ึ ค ต จ), so the key *pressed* (KeyboardEvent.code) says which
// digit was meant; Thai digits (๐–๙, Kedmanee's shifted row or a Thai numpad) count as digits too.

export type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';

export interface PhysicalKey {
  key: string;
  code?: string;
  shiftKey?: boolean;
}

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';

/** A character the key typed (not a named key such as End on a numpad with NumLock off). */
function typesCharacter(key: string): boolean {
  return [...key].length === 1 || key === 'Unidentified';
}

/** The digit a key press means, or null. */
export function digitOf(input: PhysicalKey): Digit | null {
  if (/^[0-9]$/.test(input.key)) return input.key as Digit;
  const thai = THAI_DIGITS.indexOf(input.key);
  if (thai >= 0) return String(thai) as Digit;
  // Shift on the number row types symbols ('!' on a US layout), never a digit.
  if (input.shiftKey || !typesCharacter(input.key)) return null;
  const match = /^(?:Digit|Numpad)([0-9])$/.exec(input.code ?? '');
  return match ? (match[1] as Digit) : null;
}

/**
 * Whether a key press is the decimal point: a dot, or the dot key itself when another layout puts a
 * letter on it (Kedmanee types ใ there). A comma never is: in Thailand it groups thousands.
 */
export function isDecimalPoint(input: PhysicalKey): boolean {
  if (input.key === '.' || input.key === 'Decimal') return true;
  if (input.key === ',' || input.shiftKey || !typesCharacter(input.key)) return false;
  return input.code === 'Period' || input.code === 'NumpadDecimal';
}
