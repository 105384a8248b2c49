import { useEffect, useMemo, useState, type RefObject } from 'react';
import { useStore } from 'zustand';
import { formatBaht } from '../../../shared/money';
import { LOCALE_FOR } from '../../../shared/i18n/translate';
import { categoriesOf, filterItems, itemForEnter } from '../../state/item-filter';
import { tillItemsStore } from '../../state/items-store';
import type { T } from '../../ui/translator';
import { useAppStores } from '../app-stores-context';
import { useCashier } from '../store-context';
import { ModeToggle } from './ModeToggle';

/**
 * Items mode, left column: a search field (typing or a barcode scanner), category chips and big
 * buttons, one per item on sale. A tap adds one to the ticket.
 */
export function ItemPicker({ t, searchRef }: { t: T; searchRef: RefObject<HTMLInputElement | null> }) {
  const store = tillItemsStore(useAppStores().transport);
  const items = useStore(store, (s) => s.items);
  const loaded = useStore(store, (s) => s.loaded);
  const addItem = useCashier((s) => s.addItem);
  const query = useCashier((s) => s.itemQuery);
  const setQuery = useCashier((s) => s.setItemQuery);
  const [category, setCategory] = useState<string | null | undefined>(undefined);
  const locale = LOCALE_FOR[t.lang ?? 'th'];

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  const categories = useMemo(() => categoriesOf(items), [items]);
  const shown = useMemo(() => filterItems(items, query, category), [items, query, category]);
  const chipLabel = (value: string | null) => value ?? t('items.report.uncategorised');

  return (
    <section className="card item-picker" data-item-area="" aria-label={t('items.mode.items')}>
      <div className="item-picker__head">
        <ModeToggle t={t} />
      </div>
      <label className="item-picker__search">
        <span className="items-sr">{t('items.tillSearch')}</span>
        <input
          ref={searchRef}
          className="field__input"
          type="search"
          data-testid="item-search"
          placeholder={t('items.tillSearch')}
          autoComplete="off"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && query) {
              event.preventDefault();
              setQuery('');
            }
            if (event.key !== 'Enter' || !query.trim()) return;
            // A scanned SKU or the only match goes on the ticket; Enter on an empty field still charges.
            event.preventDefault();
            const item = itemForEnter(items, query);
            if (item) {
              addItem(item);
              setQuery('');
            }
          }}
        />
      </label>
      {categories.length > 1 ? (
        <div className="item-picker__chips" role="group" aria-label={t('items.category')}>
          <button type="button" className={`cat-chip${category === undefined ? ' is-on' : ''}`} aria-pressed={category === undefined} onClick={() => setCategory(undefined)} data-testid="item-chip-all">
            {t('items.allCategories')}
          </button>
          {categories.map((value) => (
            <button
              key={value ?? ''}
              type="button"
              className={`cat-chip${category === value ? ' is-on' : ''}`}
              aria-pressed={category === value}
              data-testid="item-chip"
              onClick={() => setCategory(category === value ? undefined : value)}
            >
              {chipLabel(value)}
            </button>
          ))}
        </div>
      ) : null}
      <div className="item-picker__grid" data-testid="item-grid">
        {shown.map((item) => (
          <button
            key={item.id}
            type="button"
            className="item-tile"
            data-testid="item-tile"
            data-item-id={item.id}
            aria-label={t('items.addItem', { name: item.name, price: formatBaht(item.price, locale) })}
            // A tap must not leave focus here: Enter then charges, as everywhere on the till.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => addItem(item)}
          >
            <span className="item-tile__name">{item.name}</span>
            <span className="item-tile__price">{formatBaht(item.price, locale)}</span>
          </button>
        ))}
        {loaded && items.length === 0 ? <p className="item-picker__empty" data-testid="items-none">{t('items.tillNone')}</p> : null}
        {loaded && items.length > 0 && shown.length === 0 ? <p className="item-picker__empty">{t('items.tillNoMatch')}</p> : null}
      </div>
    </section>
  );
}
