// English strings for items (spread into en.ts; the Thai twin is items-th.ts).
export const itemsEn = {
  'items.placeholder': 'items',
} as const;
