// How the catalogue is searched and ordered. Matching is done here rather than with SQL LIKE, which
// folds ASCII case only: "CAFÉ" must find "café", and full-width letters typed on a Thai keyboard
// must find their plain twins. A shop has hundreds of items, so filtering them in memory costs nothing.
import type { Item } from '../../../shared/catalog';

/** Text as it is compared: compatibility forms folded (full-width → plain), case folded, spaces squeezed. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
}

/** Whether an item matches every word of the query in its name, category or SKU. */
export function itemMatches(item: Pick<Item, 'name' | 'category' | 'sku'>, query: string): boolean {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const haystack = foldForSearch(`${item.name}\n${item.category ?? ''}\n${item.sku ?? ''}`);
  return words.every((word) => haystack.includes(word));
}

const collator = new Intl.Collator(['th', 'en'], { sensitivity: 'base', numeric: true });

/** Category first (uncategorised last), then name, in Thai then English dictionary order. */
export function compareItems(a: Pick<Item, 'name' | 'category'>, b: Pick<Item, 'name' | 'category'>): number {
  if (a.category !== b.category) {
    if (a.category === null) return 1;
    if (b.category === null) return -1;
    const byCategory = collator.compare(a.category, b.category);
    if (byCategory !== 0) return byCategory;
  }
  return collator.compare(a.name, b.name);
}

/** The same name and category, as a person would see them (case and spacing aside): how a CSV row without an SKU finds its item. */
export function sameNameAndCategory(a: Pick<Item, 'name' | 'category'>, b: Pick<Item, 'name' | 'category'>): boolean {
  return foldForSearch(a.name) === foldForSearch(b.name) && foldForSearch(a.category ?? '') === foldForSearch(b.category ?? '');
}
