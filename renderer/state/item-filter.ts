// Finding items on the screens as the cashier types: every word must appear in the name, category or
// SKU, case and width folded (the core's items.list matches the same way), so a scanned barcode or
// "latte" finds its item at once without asking the core on every key.
import type { Item } from '../../shared/catalog';

export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
}

/** `category`: undefined for every category, null for items without one. */
export function filterItems(items: readonly Item[], query: string, category?: string | null): Item[] {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  return items.filter((item) => {
    if (category !== undefined && item.category !== category) return false;
    if (words.length === 0) return true;
    const haystack = foldForSearch(`${item.name}\n${item.category ?? ''}\n${item.sku ?? ''}`);
    return words.every((word) => haystack.includes(word));
  });
}

/** The categories in the order items come (the core sorts by category), without repeats; null last when present. */
export function categoriesOf(items: readonly Item[]): (string | null)[] {
  const seen: (string | null)[] = [];
  for (const item of items) if (!seen.includes(item.category)) seen.push(item.category);
  return [...seen.filter((category) => category !== null), ...(seen.includes(null) ? [null] : [])];
}

/** What Enter in the till's search adds: the item whose SKU is exactly what was typed (a scanner), else the only match. */
export function itemForEnter(items: readonly Item[], query: string): Item | null {
  const typed = query.trim();
  if (!typed) return null;
  const bySku = items.find((item) => item.sku !== null && item.sku.toLowerCase() === typed.toLowerCase());
  if (bySku) return bySku;
  const matches = filterItems(items, typed);
  return matches.length === 1 ? matches[0] : null;
}
