import { useContext, useEffect, useRef } from 'react';
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
import { ItemPicker } from './items/ItemPicker';
import { TicketPanel } from './items/TicketPanel';
// Items mode's stylesheet (the picker, the ticket, the mode toggle).
// oxlint-disable-next-line import/no-unassigned-import
import './items/items.css';
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
  const mode = useCashier((s) => s.mode);
  const itemsMode = mode === 'items' && (phase === 'entry' || phase === 'charging') && !cashOpen;
  const searchRef = useRef<HTMLInputElement>(null);

  // Items mode opens with the search focused: typing or a barcode scanner finds the item, Enter still charges.
  useEffect(() => {
    if (itemsMode) searchRef.current?.focus();
  }, [itemsMode]);

  useEffect(() => {
    if (!store) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return;
      if (event.repeat && event.key === 'Enter') return;
      // A dialog (the manager PIN) owns the keyboard while it is open.
      if (document.querySelector('dialog[open]')) return;
      const state = store.getState();
      const modifier = event.ctrlKey || event.metaKey || event.altKey;
      if (cashierPhase(state.sale, state.charging) === 'entry' && state.cash === null && !modifier) {
        // F4 switches Keypad / Items; I opens Items from the keypad.
        if ((event.code || event.key) === 'F4' || (state.mode === 'keypad' && !isTextField(event.target) && (event.code === 'KeyI' || event.key === 'i' || event.key === 'I'))) {
          event.preventDefault();
          state.setMode(state.mode === 'items' && (event.code || event.key) === 'F4' ? 'keypad' : 'items');
          return;
        }
        if (state.mode === 'items' && !isTextField(event.target)) {
          // A ticket button the keyboard reached: Enter and Space are its own.
          if (event.target instanceof HTMLElement && event.target.closest('[data-item-area]') && (event.key === 'Enter' || event.key === ' ')) return;
          // Typing anywhere on the till goes into the item search (the keypad is not shown in Items mode).
          if ([...event.key].length === 1 && event.key !== ' ') {
            event.preventDefault();
            state.setItemQuery(state.itemQuery + event.key);
            searchRef.current?.focus();
            return;
          }
        }
      }
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
        // In Items mode the digit starts a search (an SKU), not an amount.
        if (state.mode === 'items') state.setItemQuery(action.key);
        else state.press(action.key);
      }
      else state.newSale();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, paths]);

  return (
    <main className={`cashier__main cashier--${phase}${itemsMode ? ' cashier--items' : ''}`} id="till-main" tabIndex={-1}>
      <div className="cashier__left">
        {cashOpen ? <CashPanel t={t} /> : itemsMode ? <ItemPicker t={t} searchRef={searchRef} /> : <AmountPanel t={t} />}
        {(phase === 'entry' || phase === 'charging') && !cashOpen ? (
          <div className="ready-pill" data-testid="sale-status" data-status="idle" data-sale-id="" data-payment-intent-id="">
            <span className="ready-pill__dot" aria-hidden="true" />
            {t('cashier.ready')}
          </div>
        ) : null}
        {itemsMode ? null : <RecentSales t={t} />}
      </div>
      <div className="cashier__right">
        {itemsMode ? <TicketPanel t={t} /> : null}
        {phase === 'entry' || phase === 'charging' ? <EntryActions t={t} /> : <SalePanel t={t} />}
      </div>
    </main>
  );
}
