import type { receiptsEn } from './receipts-en';

// Thai strings for receipts (spread into th.ts).
export const receiptsTh: Record<keyof typeof receiptsEn, string> = {
  'receipts.placeholder': 'receipts',
};
