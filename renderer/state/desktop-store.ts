// This computer's screens (Settings and the wizard's last step): the monitors as a picture, where the
// customer display goes, kiosk mode. The core answers desktop.info (unavailable in a browser) and tells
// every change (plugged, unplugged, another manager's choice) as desktop.updated.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MessageKey } from '../../shared/i18n/translate';
import type { PosEvent } from '../../shared/pos-contract';
import type { PosErrorBody } from '../../shared/pos-error';
import type { DesktopDisplay, DesktopInfo } from '../../shared/setup';
import type { RendererTransport, TransportErrorBody } from '../transport/renderer-transport';
import { shownError, type ShownError } from './auth-error';

export interface DesktopState {
  info: DesktopInfo | null;
  loading: boolean;
  /** What is being saved right now (its control is busy). */
  saving: 'display' | 'kiosk' | null;
  error: ShownError | null;
}

export interface DesktopActions {
  load(): Promise<void>;
  chooseDisplay(display: DesktopInfo['customerDisplay']): Promise<void>;
  /** Shows a customer window someone closed on this computer (the current choice, sent again). */
  showCustomerDisplayAgain(): Promise<void>;
  setKiosk(kiosk: boolean): Promise<void>;
  onEvent(event: PosEvent): void;
}

export type DesktopStore = StoreApi<DesktopState & DesktopActions>;

/** The shell's refusals in this section's own words (by code and field, never by the English message). */
export function desktopError(error: PosErrorBody | TransportErrorBody): ShownError {
  const own: MessageKey | null =
    error.field === 'display' && error.code === 'not_found'
      ? 'desktop.error.notPlugged'
      : error.field === 'display' && error.code === 'conflict'
        ? 'desktop.error.tillMonitor'
        : error.field === 'desktop' && error.code === 'conflict'
          ? 'desktop.error.browser'
          : null;
  return own ? { key: own, detail: null } : shownError(error);
}

export function createDesktopStore({ transport }: { transport: RendererTransport }): DesktopStore {
  return createStore<DesktopState & DesktopActions>()((set, get) => {
    const change = async (what: 'display' | 'kiosk', call: () => ReturnType<RendererTransport['call']>): Promise<void> => {
      if (get().saving) return;
      set({ saving: what, error: null });
      const result = (await call()) as { ok: true; value: DesktopInfo } | { ok: false; error: PosErrorBody };
      if (result.ok) set({ info: result.value, saving: null });
      else set({ saving: null, error: desktopError(result.error) });
    };
    return {
      info: null,
      loading: false,
      saving: null,
      error: null,
      async load() {
        set({ loading: true, error: null });
        const result = await transport.call('desktop.info', {});
        if (result.ok) set({ info: result.value, loading: false });
        else set({ loading: false, error: desktopError(result.error) });
      },
      chooseDisplay(display) {
        if (get().info?.customerDisplay === display) return Promise.resolve();
        return change('display', () => transport.call('desktop.setCustomerDisplay', { display }));
      },
      showCustomerDisplayAgain() {
        const display = get().info?.customerDisplay;
        if (display === undefined || display === 'off') return Promise.resolve();
        return change('display', () => transport.call('desktop.setCustomerDisplay', { display }));
      },
      setKiosk(kiosk) {
        if (get().info?.kiosk === kiosk) return Promise.resolve();
        return change('kiosk', () => transport.call('desktop.setKiosk', { kiosk }));
      },
      onEvent(event) {
        if (event.type === 'desktop.updated') set({ info: event.data });
      },
    };
  });
}

/** One monitor placed in the picture: position and size as percentages of the picture's box. */
export interface MonitorTile {
  display: DesktopDisplay;
  /** 1-based, in reading order: "Monitor 2". */
  number: number;
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The monitors drawn to scale as the desktop arranges them, fitted into a box of the given aspect
 * ratio (width / height), centred. Percentages, so the picture scales with the screen.
 */
export function monitorTiles(displays: readonly DesktopDisplay[], boxAspect: number): MonitorTile[] {
  if (displays.length === 0) return [];
  const minX = Math.min(...displays.map((d) => d.x));
  const minY = Math.min(...displays.map((d) => d.y));
  const spanW = Math.max(...displays.map((d) => d.x + d.width)) - minX;
  const spanH = Math.max(...displays.map((d) => d.y + d.height)) - minY;
  // Scale so the whole layout fits the box (in units of box height), then centre it.
  const scale = Math.min(boxAspect / spanW, 1 / spanH);
  const offsetX = (boxAspect - spanW * scale) / 2;
  const offsetY = (1 - spanH * scale) / 2;
  return displays.map((display, index) => ({
    display,
    number: index + 1,
    left: ((offsetX + (display.x - minX) * scale) / boxAspect) * 100,
    top: (offsetY + (display.y - minY) * scale) * 100,
    width: ((display.width * scale) / boxAspect) * 100,
    height: display.height * scale * 100,
  }));
}

/** The sentence under the picture: where the customer display is now, or why it is not shown. */
export function customerNowKey(info: DesktopInfo): MessageKey {
  if (info.customerDisplayNow !== null) return 'desktop.now.shown';
  if (info.customerDisplay === 'off') return 'desktop.now.off';
  if (info.displays.length <= 1) return 'desktop.now.single';
  const chosen = info.customerDisplay;
  if (typeof chosen === 'number' && !info.displays.some((display) => display.id === chosen)) return 'desktop.now.missing';
  return info.customerDisplayClosed ? 'desktop.now.closed' : 'desktop.now.hidden';
}
