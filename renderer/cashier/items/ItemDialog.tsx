import { useState } from 'react';
import type { Item } from '../../../shared/catalog';
import { parseBaht } from '../../../shared/money';
import type { MessageKey } from '../../../shared/i18n/translate';
import { satangAsEntry } from '../../state/cash-tender';
import type { ItemDraft } from '../../state/items-store';
import { Modal } from '../../ui/Modal';
import type { T } from '../../ui/translator';

type Problem = { field: 'name' | 'price' | 'sku' | 'form'; key: MessageKey; detail?: string } | null;

/** Add or edit one item: name, category (with the shop's categories offered), price in baht, SKU, on sale. */
export function ItemDialog({ t, item, categories, onSave, onClose }: {
  t: T;
  item: Item | null;
  categories: readonly string[];
  onSave: (draft: ItemDraft) => Promise<{ code: string; field?: string; message: string } | null>;
  onClose: () => void;
}) {
  const [name, setName] = useState(item?.name ?? '');
  const [category, setCategory] = useState(item?.category ?? '');
  const [price, setPrice] = useState(item ? satangAsEntry(item.price) : '');
  const [sku, setSku] = useState(item?.sku ?? '');
  const [active, setActive] = useState(item?.active ?? true);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);

  const submit = async (): Promise<void> => {
    if (!name.trim()) return setProblem({ field: 'name', key: 'items.nameMissing' });
    const parsed = parseBaht(price.replace(/^฿\s*/, ''));
    if (!parsed.ok || parsed.satang > 99_999_999) return setProblem({ field: 'price', key: 'items.priceInvalid' });
    setBusy(true);
    setProblem(null);
    const refused = await onSave({ ...(item ? { id: item.id } : {}), name: name.trim(), category: category.trim() || null, price: parsed.satang, sku: sku.trim() || null, active });
    setBusy(false);
    if (!refused) return onClose();
    if (refused.field === 'sku') setProblem({ field: 'sku', key: 'items.skuTaken' });
    else setProblem({ field: 'form', key: 'manager.error.conflict', detail: refused.message });
  };

  const invalid = (field: 'name' | 'price' | 'sku') => problem?.field === field;
  return (
    <Modal title={item ? t('items.editTitle', { name: item.name }) : t('items.addTitle')} onClose={onClose} closeLabel={t('common.close')} busy={busy} testId="item-dialog" className="modal--item">
      <form
        className="item-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span className="field__label">{t('items.name')}</span>
          <input className={`field__input${invalid('name') ? ' is-invalid' : ''}`} data-testid="item-name" maxLength={80} autoComplete="off" value={name} aria-invalid={invalid('name')} onChange={(event) => setName(event.target.value)} />
        </label>
        <div className="item-form__row">
          <label className="field">
            <span className="field__label">{t('items.price')}</span>
            <input className={`field__input${invalid('price') ? ' is-invalid' : ''}`} data-testid="item-price" inputMode="decimal" autoComplete="off" placeholder="45.00" value={price} aria-invalid={invalid('price')} onChange={(event) => setPrice(event.target.value)} />
          </label>
          <label className="field">
            <span className="field__label">{t('items.category')}</span>
            <input className="field__input" data-testid="item-category" list="item-categories" maxLength={60} autoComplete="off" value={category} onChange={(event) => setCategory(event.target.value)} />
            <datalist id="item-categories">
              {categories.map((option) => (
                <option key={option} value={option} />
              ))}
            </datalist>
          </label>
        </div>
        <label className="field">
          <span className="field__label">{t('items.sku')}</span>
          <input className={`field__input${invalid('sku') ? ' is-invalid' : ''}`} data-testid="item-sku" maxLength={60} autoComplete="off" value={sku} aria-invalid={invalid('sku')} aria-describedby="item-sku-hint" onChange={(event) => setSku(event.target.value)} />
          <span className="field__hint" id="item-sku-hint">{t('items.skuHint')}</span>
        </label>
        <label className="item-form__check">
          <input type="checkbox" data-testid="item-active" checked={active} onChange={(event) => setActive(event.target.checked)} />
          {t('items.active')}
        </label>
        {problem ? (
          <p className="field-problem" role="alert" data-testid="item-problem">
            {t(problem.key)}
            {problem.detail && t.lang !== 'th' ? ` ${problem.detail}` : ''}
          </p>
        ) : null}
        <div className="modal__actions">
          <button type="button" className="btn btn--muted-soft btn--lg" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn--primary btn--lg" data-testid="item-save" disabled={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
