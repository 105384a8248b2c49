import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { CashierActions, CashierState, CashierStore } from '../state/cashier-store';

export const CashierStoreContext = createContext<CashierStore | null>(null);

export function useCashier<U>(selector: (state: CashierState & CashierActions) => U): U {
  const store = useContext(CashierStoreContext);
  if (!store) throw new Error('CashierStoreContext is missing');
  return useStore(store, selector);
}
