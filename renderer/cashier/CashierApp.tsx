import { useContext, useEffect } from 'react';
import { cashierKeyAction } from '../state/cashier-keys';
import { canRenew, cashierPhase } from '../state/cashier-view';
import type { T } from '../ui/translator';
import { AmountPanel } from './AmountPanel';
import { useAppStores } from './app-stores-context';
import { EntryActions } from './EntryActions';
import { RecentSales } from './RecentSales';
import { SalePanel } from './SalePanel';
import { CashierStoreContext, useCashier } from './store-context';
import { CashPanel } from './tender/CashPanel';
// The tenders' stylesheet, loaded with the till (Vite bundles it).
// oxlint-disable-next-line import/no-unassigned-import
import './tender/tender.css';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type !== 'button');
}

/** The till itself: amount and recent sales on the left, keypad or the sale on the right. */
export function CashierApp({ t }: { t: T }) {
  const store = useContext(CashierStoreContext);
  const sale = useCashier((s) => s.sale);
  const charging = useCashier((s) => s.charging);
  const cashOpen = useCashier((s) => s.cash !== null);
  const phase = cashierPhase(sale, charging);
  const paths = useAppStores().path;

  useEffect(() => {
    if (!store) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return;
      if (event.repeat && event.key === 'Enter') return;
      // A dialog (the manager PIN) owns the keyboard while it is open.
      if (document.querySelector('dialog[open]')) return;
      const state = store.getState();
      const action = cashierKeyAction(
        { key: event.key, code: event.code, shiftKey: event.shiftKey, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, inTextField: isTextField(event.target) },
        cashierPhase(state.sale, state.charging),
        canRenew(state.sale),
        state.sale?.status === 'succeeded',
        state.cash !== null,
      );
      if (!action) return;
      // A focused button would also fire on Enter; the till decides what Enter means.
      event.preventDefault();
      if (action.type === 'keypad') state.press(action.key);
      else if (action.type === 'charge') {
        // Stripe unreachable: the screen says so and offers the other tenders (under ฿10 the store says why).
        if (paths.getState().path?.stripe !== 'unreachable') void state.charge();
      }
      else if (action.type === 'openCash') state.openCash();
      else if (action.type === 'closeCash') state.closeCash();
      else if (action.type === 'completeCash') void state.completeCash();
      else if (action.type === 'chargeManual') {
        if (state.info?.promptPayReady) void state.chargeManual();
      }
      else if (action.type === 'renew') void state.renew();
      else if (action.type === 'nextSale') {
        state.newSale();
        state.press(action.key);
      }
      else state.newSale();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, paths]);

  return (
    <main className={`cashier__main cashier--${phase}`} id="till-main" tabIndex={-1}>
      <div className="cashier__left">
        {cashOpen ? <CashPanel t={t} /> : <AmountPanel t={t} />}
        {(phase === 'entry' || phase === 'charging') && !cashOpen ? (
          <div className="ready-pill" data-testid="sale-status" data-status="idle" data-sale-id="" data-payment-intent-id="">
            <span className="ready-pill__dot" aria-hidden="true" />
            {t('cashier.ready')}
          </div>
        ) : null}
        <RecentSales t={t} />
      </div>
      <div className="cashier__right">{phase === 'entry' || phase === 'charging' ? <EntryActions t={t} /> : <SalePanel t={t} />}</div>
    </main>
  );
}
