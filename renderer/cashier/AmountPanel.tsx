import { formatBaht } from '../../shared/money';
import { displayEntry } from '../state/amount-entry';
import { cashierPhase } from '../state/cashier-view';
import type { T } from '../ui/translator';
import { useCashier } from './store-context';
import { ModeToggle } from './items/ModeToggle';
import { SaleLinesList } from './items/SaleLinesList';
import { lineAmount } from '../state/item-ticket';

export function AmountPanel({ t }: { t: T }) {
  const entry = useCashier((s) => s.entry);
  const sale = useCashier((s) => s.sale);
  const charging = useCashier((s) => s.charging);
  const amountError = useCashier((s) => s.amountError);
  const description = useCashier((s) => s.description);
  const setDescription = useCashier((s) => s.setDescription);
  const phase = cashierPhase(sale, charging);
  const editable = phase === 'entry';
  const ticket = useCashier((s) => s.ticket);
  // The sale's ticket once rung up; while typing, the ticket kept from Items mode (it sets the amount).
  const lines = sale ? (sale.lines ?? []) : ticket.map((line) => ({ ...line, amount: lineAmount(line) }));

  const shown = sale ? formatBaht(sale.amount) : `฿${displayEntry(entry)}`;
  return (
    <section className="card amount-panel" aria-labelledby="amount-label">
      <div className="amount-panel__top">
        <div className="amount-panel__label" id="amount-label">
          {t('cashier.amountLabel')}
        </div>
        {editable ? <ModeToggle t={t} /> : null}
      </div>
      <output
        className={`amount-display${entry === '' && !sale ? ' amount-display--empty' : ''}${amountError ? ' amount-display--invalid' : ''}`}
        data-testid="amount-display"
        aria-live="polite"
        aria-describedby={amountError ? 'amount-error' : undefined}
      >
        {shown}
      </output>
      <div className="amount-panel__error-slot">
        {amountError ? (
          <p className="amount-error" id="amount-error" data-testid="amount-error" role="alert">
            {t(amountError)}
          </p>
        ) : editable && !sale && ticket.length > 0 ? (
          <p className="amount-panel__hint">{t('items.keypadLocked')}</p>
        ) : editable ? (
          <p className="amount-panel__hint">{t('cashier.hint')}</p>
        ) : null}
      </div>
      {lines.length > 0 ? <SaleLinesList t={t} lines={lines} className="amount-panel__lines" /> : null}
      <label className="field">
        <span className="field__label">{t('cashier.descriptionLabel')}</span>
        <input
          className="field__input"
          data-testid="description-input"
          type="text"
          maxLength={200}
          autoComplete="off"
          placeholder={editable ? t('cashier.descriptionPlaceholder') : undefined}
          value={sale ? (sale.description ?? '') : description}
          readOnly={!editable}
          onChange={(event) => setDescription(event.target.value)}
          aria-describedby="description-shown"
        />
        <span className="field__hint" id="description-shown" data-testid="description-shown">
          {t('cashier.descriptionShown')}
        </span>
      </label>
    </section>
  );
}
