// Ids of shifts, cash movements and Z reports: a time-ordered prefix (so ids sort like the rows) plus
// 80+ random bits, in the same shape as sale and refund ids.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghijkmnopqrstuvwxyz';

function newId(prefix: string, now: number): string {
  const random = [...randomBytes(16)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
  return `${prefix}_${now.toString(36).padStart(9, '0')}${random}`;
}

export const newShiftId = (now: number): string => newId('shift', now);
export const newCashMovementId = (now: number): string => newId('cm', now);
/** Matches the contract's `zr_…` (zReportRefInput). */
export const newZReportId = (now: number): string => newId('zr', now);
