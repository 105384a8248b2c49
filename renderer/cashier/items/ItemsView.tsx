import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { Item } from '../../../shared/catalog';
import { categoriesOf, filterItems } from '../../state/item-filter';
import { managerItemsStore } from '../../state/items-store';
import { ErrorNote } from '../../ui/ErrorNote';
import type { T } from '../../ui/translator';
import { useAppStores } from '../app-stores-context';
import { useFormatters } from '../manager/use-formatters';
import { ImportDialog } from './ImportDialog';
import { ItemDialog } from './ItemDialog';
// oxlint-disable-next-line import/no-unassigned-import
import './items-manager.css';

/** Rows drawn at a time: hundreds of items stay quick to scroll; "Show more" draws the next page. */
const PAGE = 100;

/** Saves text as a file in the browser (browser mode) or through the desktop's download. */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** The manager's catalogue: search, add and edit, CSV import and export. */
export function ItemsView({ t }: { t: T }) {
  const store = managerItemsStore(useAppStores().transport);
  const items = useStore(store, (s) => s.items);
  const loaded = useStore(store, (s) => s.loaded);
  const loading = useStore(store, (s) => s.loading);
  const error = useStore(store, (s) => s.error);
  const f = useFormatters();
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<string | null | undefined>(undefined);
  const [showInactive, setShowInactive] = useState(true);
  const [limit, setLimit] = useState(PAGE);
  const [editing, setEditing] = useState<Item | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    void store.getState().load();
  }, [store]);
  // A new search starts from the first page.
  const refine = <V,>(setter: (value: V) => void) => (value: V) => {
    setter(value);
    setLimit(PAGE);
  };

  const categories = useMemo(() => categoriesOf(items), [items]);
  const matching = useMemo(() => filterItems(items, query, category).filter((item) => showInactive || item.active), [items, query, category, showInactive]);
  const shown = matching.slice(0, limit);

  const exportCsv = async (): Promise<void> => {
    setExporting(true);
    const file = await store.getState().exportCsv();
    setExporting(false);
    if (file) download(file.fileName, file.csv);
  };

  return (
    <section className="mgr-page" aria-labelledby="items-title" data-testid="items-view">
      <header className="mgr-page__head">
        <h1 className="mgr-page__title" id="items-title">
          {t('items.title')}
        </h1>
        <div className="mgr-page__tools">
          <button type="button" className="btn btn--sm btn--outline" data-testid="items-import" onClick={() => setImporting(true)}>
            ⤒ {t('items.import')}
          </button>
          <button type="button" className="btn btn--sm btn--outline" data-testid="items-export" disabled={exporting} onClick={() => void exportCsv()}>
            ⤓ {exporting ? t('items.exporting') : t('items.export')}
          </button>
          <button type="button" className="btn btn--sm btn--primary" data-testid="items-add" onClick={() => setEditing('new')}>
            + {t('items.add')}
          </button>
        </div>
      </header>
      <p className="subtle">{t('items.intro')}</p>
      <div className="toolbar items-toolbar">
        <label className="field field--grow">
          <span className="field__label">{t('items.search')}</span>
          <input className="field__input" type="search" data-testid="items-search" autoComplete="off" placeholder={t('items.searchPlaceholder')} value={query} onChange={(event) => refine(setQuery)(event.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t('items.category')}</span>
          <select
            className="field__input"
            data-testid="items-category"
            value={category === undefined ? '*' : category === null ? '' : category}
            onChange={(event) => refine(setCategory)(event.target.value === '*' ? undefined : event.target.value === '' ? null : event.target.value)}
          >
            <option value="*">{t('items.allCategories')}</option>
            {categories.map((value) => (
              <option key={value ?? ''} value={value ?? ''}>
                {value ?? t('items.report.uncategorised')}
              </option>
            ))}
          </select>
        </label>
        <label className="item-form__check items-toolbar__check">
          <input type="checkbox" data-testid="items-show-inactive" checked={showInactive} onChange={(event) => refine(setShowInactive)(event.target.checked)} />
          {t('items.showInactive')}
        </label>
      </div>
      <ErrorNote error={error} t={t} />
      <div className="card list-card">
        <div className="list-card__meta" aria-live="polite" data-testid="items-count">
          {loading && !loaded ? t('common.loading') : matching.length > shown.length ? t('items.shownOf', { shown: f.count(shown.length), count: f.count(matching.length) }) : t('items.count', { count: f.count(matching.length) })}
        </div>
        {loaded && items.length === 0 ? (
          <p className="empty-state" data-testid="items-empty">
            {t('items.none')}
          </p>
        ) : loaded && matching.length === 0 ? (
          <p className="empty-state">{t('items.noMatch', { query })}</p>
        ) : (
          <table className="data-table data-table--rows" data-testid="items-list">
            <thead>
              <tr>
                <th scope="col">{t('items.col.name')}</th>
                <th scope="col">{t('items.col.category')}</th>
                <th scope="col" className="num">
                  {t('items.col.price')}
                </th>
                <th scope="col">{t('items.col.sku')}</th>
                <th scope="col">{t('items.col.status')}</th>
                <th scope="col">
                  <span className="items-sr">{t('items.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <tr key={item.id} data-testid="items-row" data-item-id={item.id} className={item.active ? undefined : 'is-inactive'}>
                  <td className="strong">{item.name}</td>
                  <td>{item.category ?? '—'}</td>
                  <td className="num">{f.baht(item.price)}</td>
                  <td className="mono-num">{item.sku ?? '—'}</td>
                  <td>{item.active ? t('items.active') : <span className="subtle">{t('items.inactive')}</span>}</td>
                  <td className="num">
                    <button type="button" className="btn btn--sm btn--outline" data-testid="items-edit" aria-label={`${t('items.edit')}: ${item.name}`} onClick={() => setEditing(item)}>
                      {t('items.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {matching.length > shown.length ? (
          <div className="list-card__more">
            <button type="button" className="btn btn--sm btn--outline" data-testid="items-more" onClick={() => setLimit(limit + PAGE)}>
              {t('items.showMore')}
            </button>
          </div>
        ) : null}
      </div>
      {editing ? (
        <ItemDialog
          t={t}
          item={editing === 'new' ? null : editing}
          categories={categories.filter((value): value is string => value !== null)}
          onSave={(draft) => store.getState().save(draft)}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {importing ? (
        <ImportDialog
          t={t}
          store={store}
          onClose={() => {
            store.getState().closeImport();
            setImporting(false);
          }}
        />
      ) : null}
    </section>
  );
}
