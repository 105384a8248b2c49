// The shop's time zone as far as this screen knows it (settings and reports tell; Bangkok until then).
import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_TIME_ZONE } from './business-date';

export interface ShopZoneState {
  timeZone: string;
  /** The hour the shop's business day starts (0 = midnight): before it, "today" is still the day before. */
  dayStartHour: number;
  setTimeZone(zone: string): void;
  setDayStartHour(hour: number): void;
}

export type ShopZoneStore = StoreApi<ShopZoneState>;

export function createShopZoneStore(initial: string = DEFAULT_TIME_ZONE): ShopZoneStore {
  return createStore<ShopZoneState>()((set) => ({
    timeZone: initial,
    dayStartHour: 0,
    setTimeZone(zone) {
      set({ timeZone: zone });
    },
    setDayStartHour(hour) {
      set({ dayStartHour: hour });
    },
  }));
}
