// English strings for receipts (spread into en.ts; the Thai twin is receipts-th.ts).
export const receiptsEn = {
  'receipts.placeholder': 'receipts',
} as const;
