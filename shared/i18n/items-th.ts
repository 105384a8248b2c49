import type { itemsEn } from './items-en';

// Thai strings for items (spread into th.ts).
export const itemsTh: Record<keyof typeof itemsEn, string> = {
  'items.placeholder': 'items',
};
