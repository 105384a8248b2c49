import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghijkmnopqrstuvwxyz';

/** A new sale id: time-ordered prefix (so ids sort like sales) plus 80 random bits. */
export function newSaleId(now: number = Date.now()): string {
  const time = now.toString(36).padStart(9, '0');
  const random = [...randomBytes(16)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
  return `sale_${time}${random}`;
}
