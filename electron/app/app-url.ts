// The renderer's address space. Pages load from app://pos/… (a privileged custom scheme) rather than
// file://, so the origin is fixed, CSP 'self' means something, and nothing else on disk is reachable.
export const APP_SCHEME = 'app';
export const APP_HOST = 'pos';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export type ScreenName = 'cashier' | 'customer';

export function appPageUrl(screen: ScreenName): string {
  return `${APP_ORIGIN}/${screen}/index.html`;
}

/** True only for URLs on our own origin (scheme and host both match). Malformed URLs are foreign. */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
