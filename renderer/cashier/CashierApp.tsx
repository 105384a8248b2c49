import { useContext, useEffect } from 'react';
import { cashierKeyAction } from '../state/cashier-keys';
import { cashierPhase } from '../state/cashier-view';
import { ConnectionBanner } from '../ui/ConnectionBanner';
import { translatorFor } from '../ui/translator';
import { AmountPanel } from './AmountPanel';
import { CashierHeader } from './CashierHeader';
import { EntryActions } from './EntryActions';
import { RecentSales } from './RecentSales';
import { SalePanel } from './SalePanel';
import { CashierStoreContext, useCashier } from './store-context';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type !== 'button');
}

export function CashierApp() {
  const store = useContext(CashierStoreContext);
  const lang = useCashier((s) => s.lang);
  const connection = useCashier((s) => s.connection);
  const sale = useCashier((s) => s.sale);
  const charging = useCashier((s) => s.charging);
  const t = translatorFor(lang);
  const phase = cashierPhase(sale, charging);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang, t]);

  useEffect(() => {
    if (!store) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.repeat && event.key === 'Enter') return;
      const state = store.getState();
      const action = cashierKeyAction(
        { key: event.key, code: event.code, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, inTextField: isTextField(event.target) },
        cashierPhase(state.sale, state.charging),
      );
      if (!action) return;
      // A focused button would also fire on Enter; the till decides what Enter means.
      event.preventDefault();
      if (action.type === 'keypad') state.press(action.key);
      else if (action.type === 'charge') void state.charge();
      else state.newSale();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);

  return (
    <div className={`cashier cashier--${phase}`}>
      <CashierHeader t={t} />
      <ConnectionBanner connection={connection} t={t} />
      <main className="cashier__main">
        <div className="cashier__left">
          <AmountPanel t={t} />
          {phase === 'entry' || phase === 'charging' ? (
            <div className="ready-pill" data-testid="sale-status" data-status="idle" data-sale-id="" data-payment-intent-id="">
              <span className="ready-pill__dot" aria-hidden="true" />
              {t('cashier.ready')}
            </div>
          ) : null}
          <RecentSales t={t} />
        </div>
        <div className="cashier__right">{phase === 'entry' || phase === 'charging' ? <EntryActions t={t} /> : <SalePanel t={t} />}</div>
      </main>
    </div>
  );
}
