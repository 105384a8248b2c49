// The core's DesktopPort over Electron's `screen`: puts the customer window full screen on its monitor
// (customer-display-placement.ts decides which), follows monitors being plugged, unplugged or changed,
// keeps the cashier window in kiosk mode when asked, and remembers both choices (window-state.ts).
// A customer window someone closes is only hidden: a manager's choice or a monitor plugged in shows it again.
import { screen, type BrowserWindow } from 'electron';
import type { DesktopPort } from '../core/desktop/desktop-side';
import { PosError } from '../../shared/pos-error';
import type { DesktopInfo } from '../../shared/setup';
import { chooseCustomerMonitor, findRemembered, inReadingOrder, monitorUnder, rememberMonitor, type Monitor, type Rect } from './customer-display-placement';
import { guardKiosk, hideInsteadOfClosing } from './windows';
import type { WindowState, WindowStateStore } from './window-state';

export interface DesktopShellPort extends DesktopPort {
  /** The saved kiosk choice: the cashier window is created with it. */
  kioskAtStart(): boolean;
  /** The windows exist: place the customer window, guard kiosk mode, follow both. */
  attach(windows: { cashier: BrowserWindow; customer: BrowserWindow }): void;
  /** Stops following the screens (the app is quitting). */
  close(): void;
}

const CHANGE_EVENTS = ['display-removed', 'display-metrics-changed'] as const;

const sameRect = (a: Rect | null, b: Rect): boolean => a !== null && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

const alive = (window: BrowserWindow | null): BrowserWindow | null => (window && !window.isDestroyed() ? window : null);

export function createDesktopPort(options: { store: WindowStateStore; log?: (line: string) => void }): DesktopShellPort {
  const { store } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  let state: WindowState = store.read();
  let cashier: BrowserWindow | null = null;
  let customer: BrowserWindow | null = null;
  let customerReady = false;
  /** Where the customer window was last put (null: hidden). */
  let shownOn: { id: number; bounds: Rect } | null = null;
  /** Someone closed the customer window: hidden until a manager shows it again or a monitor is plugged in. */
  let closedOnComputer = false;
  /** The guards that keep the windows from closing, released when the shell shuts down. */
  const guards: Array<{ release(): void }> = [];
  let lastEmitted = '';
  const listeners = new Set<(info: DesktopInfo) => void>();

  const monitors = (): Monitor[] => screen.getAllDisplays().map((display) => ({ id: display.id, label: display.label ?? '', bounds: { ...display.bounds } }));
  const primaryId = (): number | null => (screen.getAllDisplays().length > 0 ? screen.getPrimaryDisplay().id : null);
  const tillMonitorId = (plugged: readonly Monitor[]): number | null => {
    const window = alive(cashier);
    return window ? monitorUnder(window.getBounds(), plugged, primaryId()) : primaryId();
  };

  const info = (): DesktopInfo => {
    const plugged = monitors();
    const primary = primaryId();
    const till = tillMonitorId(plugged);
    const choice = state.customerDisplay;
    return {
      available: true,
      displays: inReadingOrder(plugged).map((monitor) => ({
        id: monitor.id,
        label: monitor.label,
        x: monitor.bounds.x,
        y: monitor.bounds.y,
        width: monitor.bounds.width,
        height: monitor.bounds.height,
        primary: monitor.id === primary,
        till: monitor.id === till,
      })),
      // A remembered monitor answers with the id it has today (it may have changed since it was chosen).
      customerDisplay: typeof choice === 'object' ? (findRemembered(choice, plugged)?.id ?? choice.id) : choice,
      customerDisplayNow: shownOn && alive(customer)?.isVisible() ? shownOn.id : null,
      customerDisplayClosed: closedOnComputer && choice !== 'off',
      kiosk: state.kiosk,
    };
  };

  const notify = (): void => {
    const now = info();
    const text = JSON.stringify(now);
    if (text === lastEmitted) return;
    lastEmitted = text;
    for (const listener of listeners) listener(now);
  };

  /** Puts the customer window where the choice and the monitors say, or hides it; then tells the core. */
  const place = (): void => {
    const window = alive(customer);
    if (window) {
      const plugged = monitors();
      const target = chooseCustomerMonitor({ choice: state.customerDisplay, monitors: plugged, tillMonitorId: tillMonitorId(plugged) });
      if (closedOnComputer) {
        if (window.isVisible()) window.hide();
        shownOn = null;
      } else if (!target) {
        // Never moved over the till: hidden until its monitor comes back (or another is chosen).
        if (window.isVisible()) window.hide();
        if (shownOn) log(`[chamra] customer display hidden: no monitor for it besides the till's (choice: ${describeChoice(state)}).`);
        shownOn = null;
      } else if (customerReady && (shownOn?.id !== target.id || !sameRect(shownOn.bounds, target.bounds) || !window.isVisible())) {
        // Full screen belongs to one monitor: leave it, move, and take the new monitor's full screen.
        if (window.isFullScreen()) window.setFullScreen(false);
        window.setBounds(target.bounds);
        window.setFullScreen(true);
        // Shown without focus: the cashier keeps the keyboard.
        window.showInactive();
        shownOn = { id: target.id, bounds: { ...target.bounds } };
        log(`[chamra] customer display on monitor ${target.id} (${target.bounds.width}×${target.bounds.height}).`);
      }
    }
    notify();
  };

  const save = (next: WindowState): void => {
    store.write(next);
    state = next;
  };

  /** A monitor plugged in: the customer display comes back even if someone had closed it. */
  const monitorPlugged = (): void => {
    closedOnComputer = false;
    place();
  };
  screen.on('display-added', monitorPlugged);
  for (const name of CHANGE_EVENTS) screen.on(name as 'display-removed', place);

  return {
    info,
    kioskAtStart: () => state.kiosk,
    setCustomerDisplay(display) {
      if (display === 'auto' || display === 'off') {
        save({ ...state, customerDisplay: display });
      } else {
        const plugged = monitors();
        const monitor = plugged.find((candidate) => candidate.id === display);
        if (!monitor) throw new PosError('not_found', `No monitor ${display} is plugged in now; choose one of those listed.`, 'display');
        if (monitor.id === tillMonitorId(plugged)) {
          throw new PosError('conflict', 'That monitor shows the till: the customer display would cover it. Choose another monitor or auto.', 'display');
        }
        save({ ...state, customerDisplay: rememberMonitor(monitor) });
      }
      // A manager's choice (the same one included) shows a customer window someone had closed.
      closedOnComputer = false;
      place();
      return info();
    },
    setKiosk(kiosk) {
      save({ ...state, kiosk });
      const window = alive(cashier);
      if (window) {
        window.setKiosk(kiosk);
        window.setMenuBarVisibility(!kiosk);
      }
      log(`[chamra] cashier window kiosk mode ${kiosk ? 'on' : 'off'}.`);
      notify();
      return info();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    attach(windows) {
      cashier = windows.cashier;
      customer = windows.customer;
      customerReady = false;
      closedOnComputer = false;
      guards.push(guardKiosk(windows.cashier, () => state.kiosk));
      // The till moved to another monitor: the customer window may have to move (never over it).
      windows.cashier.on('moved', place);
      windows.customer.once('ready-to-show', () => {
        customerReady = true;
        place();
      });
      const hiding = hideInsteadOfClosing(windows.customer, () => {
        closedOnComputer = true;
        shownOn = null;
        log('[chamra] customer display closed on this computer: hidden until a manager shows it again (Settings → This computer) or a monitor is plugged in.');
        notify();
      });
      guards.push(hiding);
      windows.customer.on('closed', () => {
        shownOn = null;
        notify();
      });
      place();
    },
    close() {
      screen.removeListener('display-added', monitorPlugged);
      for (const name of CHANGE_EVENTS) screen.removeListener(name as 'display-removed', place);
      // The shell is shutting down (a quit, or an update installing): both windows may close now.
      for (const guard of guards.splice(0)) guard.release();
      listeners.clear();
    },
  };
}

function describeChoice(state: WindowState): string {
  const choice = state.customerDisplay;
  return typeof choice === 'object' ? `monitor ${choice.id}` : choice;
}
