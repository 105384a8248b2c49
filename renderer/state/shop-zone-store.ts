// The shop's time zone as far as this screen knows it (settings and reports tell; Bangkok until then).
import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_TIME_ZONE } from './business-date';

export interface ShopZoneState {
  timeZone: string;
  setTimeZone(zone: string): void;
}

export type ShopZoneStore = StoreApi<ShopZoneState>;

export function createShopZoneStore(initial: string = DEFAULT_TIME_ZONE): ShopZoneStore {
  return createStore<ShopZoneState>()((set) => ({
    timeZone: initial,
    setTimeZone(zone) {
      set({ timeZone: zone });
    },
  }));
}
