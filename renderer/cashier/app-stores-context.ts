import { createContext, useContext } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { AppStores } from '../state/app-stores';

export const AppStoresContext = createContext<AppStores | null>(null);

export function useAppStores(): AppStores {
  const stores = useContext(AppStoresContext);
  if (!stores) throw new Error('AppStoresContext is missing');
  return stores;
}

type StoreName = Exclude<keyof AppStores, 'transport' | 'start'>;
type StateOf<K extends StoreName> = AppStores[K] extends StoreApi<infer S> ? S : never;

/** Reads one store of the app with a selector: `useSlice('history', (s) => s.sales)`. */
export function useSlice<K extends StoreName, U>(name: K, selector: (state: StateOf<K>) => U): U {
  const stores = useAppStores();
  const store = stores[name] as unknown as StoreApi<unknown>;
  return useStore(store, selector as (state: unknown) => U);
}
