// This computer's screens as the till's managers see them: which monitor shows the customer window,
// and kiosk mode for the cashier window. The desktop shell supplies the port; a browser has none.
import type { PosHandlers } from '../api/pos-dispatch';
import { PosError } from '../../../shared/pos-error';
import type { DesktopInfo } from '../../../shared/setup';
import type { PosEvent } from '../../../shared/pos-contract';

/** What the desktop shell offers the core (electron/app implements it; tests pass their own). */
export interface DesktopPort {
  info(): DesktopInfo;
  setCustomerDisplay(display: DesktopInfo['customerDisplay']): DesktopInfo;
  setKiosk(kiosk: boolean): DesktopInfo;
  /** Monitors plugged or unplugged, the customer window moved: the port calls back with the new info. */
  onChange(listener: (info: DesktopInfo) => void): () => void;
}

export const BROWSER_DESKTOP_INFO: DesktopInfo = {
  available: false,
  displays: [],
  customerDisplay: 'auto',
  customerDisplayNow: null,
  kiosk: false,
};

export function createDesktopSide(options: { port?: DesktopPort; emit: (event: PosEvent) => void }) {
  const { port } = options;
  const unsubscribe = port?.onChange((info) => options.emit({ type: 'desktop.updated', data: info })) ?? (() => undefined);
  const desktopOnly = (): never => {
    throw new PosError('conflict', 'Monitors and kiosk mode are chosen in the desktop app; in a browser the customer display is a tab or a paired tablet.', 'desktop');
  };
  const handlers: Pick<PosHandlers, 'desktop.info' | 'desktop.setCustomerDisplay' | 'desktop.setKiosk'> = {
    'desktop.info': () => port?.info() ?? BROWSER_DESKTOP_INFO,
    'desktop.setCustomerDisplay': (input) => (port ? port.setCustomerDisplay(input.display) : desktopOnly()),
    'desktop.setKiosk': (input) => (port ? port.setKiosk(input.kiosk) : desktopOnly()),
  };
  return { handlers, close: unsubscribe };
}
