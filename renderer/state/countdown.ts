// The QR countdown shown to the cashier and the customer.

/** Milliseconds left until `expiresAt`, never negative; null when there is no expiry. */
export function remainingMs(expiresAt: number | null, now: number): number | null {
  if (expiresAt === null) return null;
  return Math.max(0, expiresAt - now);
}

/** "mm:ss", rounding up so the display reaches 00:00 exactly when time is up. Hours fold into minutes. */
export function formatCountdown(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** The last minute is shown in a warning colour. */
export function isCountdownUrgent(ms: number | null): boolean {
  return ms !== null && ms <= 60_000;
}

/**
 * Fraction of the QR's life still left (1 → 0), for a progress bar; null when unknown. Measured
 * against the QR timeout, not the sale's age: a New QR starts a full timeout on an older sale.
 */
export function remainingFraction(expiresAt: number | null, lifetimeMs: number | null, now: number): number | null {
  if (expiresAt === null || lifetimeMs === null || lifetimeMs <= 0) return null;
  return Math.min(1, Math.max(0, (expiresAt - now) / lifetimeMs));
}
