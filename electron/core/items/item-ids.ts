// Item ids: itm_ + a time-ordered prefix (so ids sort like the rows were made) + 80+ random bits, the
// shape the contract's itemId accepts.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghijkmnopqrstuvwxyz';

export function newItemId(now: number): string {
  const random = [...randomBytes(16)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
  return `itm_${now.toString(36).padStart(9, '0')}${random}`;
}
