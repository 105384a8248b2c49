// This computer's screens as the till's managers see them: which monitor shows the customer window,
// and kiosk mode for the cashier window. The desktop shell supplies the port; a browser has none.
// Both choices are a manager's (shared/pos-contract.ts) and audited: leaving kiosk mode is how a till
// stops being locked down, so who did it and when is kept.
import type { PosHandlers } from '../api/pos-dispatch';
import type { AuditLog } from '../ledger/audit-log';
import type { CallContext } from '../pos-core-types';
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

export function createDesktopSide(options: { port?: DesktopPort; emit: (event: PosEvent) => void; audit?: AuditLog }) {
  const { port, audit } = options;
  const unsubscribe = port?.onChange((info) => options.emit({ type: 'desktop.updated', data: info })) ?? (() => undefined);
  const desktopOnly = (): never => {
    throw new PosError('conflict', 'Monitors and kiosk mode are chosen in the desktop app; in a browser the customer display is a tab or a paired tablet.', 'desktop');
  };
  /** Records a change that took (a refused one throws before this and changes nothing). */
  const record = (context: CallContext, action: string, detail: Record<string, unknown>): void => {
    audit?.record({ actor: context.cashier ?? null, action, detail });
  };
  const handlers: Pick<PosHandlers, 'desktop.info' | 'desktop.setCustomerDisplay' | 'desktop.setKiosk'> = {
    'desktop.info': () => port?.info() ?? BROWSER_DESKTOP_INFO,
    'desktop.setCustomerDisplay': (input, context) => {
      if (!port) return desktopOnly();
      const before = port.info().customerDisplay;
      const info = port.setCustomerDisplay(input.display);
      if (before !== info.customerDisplay) record(context, 'desktop.customer_display', { from: before, to: info.customerDisplay });
      return info;
    },
    'desktop.setKiosk': (input, context) => {
      if (!port) return desktopOnly();
      const before = port.info().kiosk;
      const info = port.setKiosk(input.kiosk);
      if (before !== info.kiosk) record(context, 'desktop.kiosk', { kiosk: info.kiosk });
      return info;
    },
  };
  return { handlers, close: unsubscribe };
}
