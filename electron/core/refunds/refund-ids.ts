import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghijkmnopqrstuvwxyz';

/** Our refund id, also the Idempotency-Key of the Stripe create: time-ordered plus 80+ random bits. */
export function newRefundId(now: number = Date.now()): string {
  const random = [...randomBytes(16)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
  return `rfd_${now.toString(36).padStart(9, '0')}${random}`;
}
