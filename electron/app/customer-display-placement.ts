// Which monitor the customer window goes on, decided from the saved choice and the monitors plugged in
// now. Pure (no Electron): the desktop port feeds it screen.getAllDisplays() on every change.
// Electron's display ids can change across reboots and re-plugging, so a chosen monitor is remembered
// by id and by a fallback key (its label and where it sits); either finds it again.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Monitor {
  id: number;
  /** The OS's name for it ('' where the OS gives none, e.g. some Linux desktops). */
  label: string;
  bounds: Rect;
}

/** A monitor as saved: its id then, and its fallback key (label and bounds). */
export interface RememberedMonitor {
  id: number;
  key: string;
}

export type CustomerDisplayChoice = 'auto' | 'off' | RememberedMonitor;

export function monitorKey(monitor: Monitor): string {
  const { x, y, width, height } = monitor.bounds;
  return `${monitor.label}@${x},${y},${width}x${height}`;
}

export function rememberMonitor(monitor: Monitor): RememberedMonitor {
  return { id: monitor.id, key: monitorKey(monitor) };
}

/** Left to right, then top to bottom: the order a person reads the layout in (and 'auto' picks). */
export function inReadingOrder<T extends Monitor>(monitors: readonly T[]): T[] {
  return [...monitors].sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y || a.id - b.id);
}

/**
 * The saved monitor among those plugged in: same id and key first; then the same key (its id changed,
 * e.g. after a reboot); then the same id (its resolution or position changed). null when it is gone.
 */
export function findRemembered(remembered: RememberedMonitor, monitors: readonly Monitor[]): Monitor | null {
  return (
    monitors.find((monitor) => monitor.id === remembered.id && monitorKey(monitor) === remembered.key) ??
    monitors.find((monitor) => monitorKey(monitor) === remembered.key) ??
    monitors.find((monitor) => monitor.id === remembered.id) ??
    null
  );
}

function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/** The monitor a window is on (the one it overlaps most); the fallback when it overlaps none. */
export function monitorUnder(windowBounds: Rect, monitors: readonly Monitor[], fallbackId: number | null): number | null {
  let best: Monitor | null = null;
  let bestArea = 0;
  for (const monitor of monitors) {
    const area = overlap(windowBounds, monitor.bounds);
    if (area > bestArea) {
      best = monitor;
      bestArea = area;
    }
  }
  return best?.id ?? fallbackId;
}

/**
 * Where the customer window goes now, or null (not shown). Never on the till's own monitor: covering
 * the cashier's screen would stop the sale, so with one monitor (or the chosen one unplugged) the
 * window hides and the customer follows on a browser tab or a paired tablet instead.
 */
export function chooseCustomerMonitor(input: { choice: CustomerDisplayChoice; monitors: readonly Monitor[]; tillMonitorId: number | null }): Monitor | null {
  const { choice, monitors, tillMonitorId } = input;
  if (choice === 'off') return null;
  const candidate = choice === 'auto' ? (inReadingOrder(monitors).find((monitor) => monitor.id !== tillMonitorId) ?? null) : findRemembered(choice, monitors);
  return candidate && candidate.id !== tillMonitorId ? candidate : null;
}
