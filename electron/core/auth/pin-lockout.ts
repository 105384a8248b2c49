// Brute-force limits for PIN entry. Per cashier (persisted): 5 wrong PINs lock that cashier for
// 5 minutes, doubling on each repeat. Per client (in memory): wrong PINs from one till, whichever
// cashier they name, are limited too, so cycling through cashier ids does not buy more guesses.
export const MAX_WRONG_PINS = 5;
export const BASE_LOCK_MS = 5 * 60 * 1000;
/** Wrong PINs one client may enter (across all cashiers) before it is locked out itself. */
export const MAX_CLIENT_WRONG_PINS = 10;
const CLIENT_WINDOW_MS = 15 * 60 * 1000;

/** The lock that follows the given number of earlier locks: 5, 10, 20 … minutes, capped at a day. */
export function lockDurationMs(previousLocks: number): number {
  return Math.min(BASE_LOCK_MS * 2 ** previousLocks, 24 * 60 * 60 * 1000);
}

interface ClientRecord {
  failures: number[];
  lockedUntil: number | null;
  locks: number;
}

export class ClientPinThrottle {
  private readonly clients = new Map<string, ClientRecord>();
  constructor(private readonly now: () => number = Date.now) {}

  /** Epoch ms until which this client may not try a PIN, or null. */
  lockedUntil(clientKey: string): number | null {
    const record = this.clients.get(clientKey);
    if (!record?.lockedUntil) return null;
    return record.lockedUntil > this.now() ? record.lockedUntil : null;
  }

  /** Records a wrong PIN; returns the new lock end when this failure locked the client. */
  recordFailure(clientKey: string): number | null {
    const now = this.now();
    const record = this.clients.get(clientKey) ?? { failures: [], lockedUntil: null, locks: 0 };
    record.failures = [...record.failures.filter((at) => now - at < CLIENT_WINDOW_MS), now];
    this.clients.set(clientKey, record);
    if (record.failures.length < MAX_CLIENT_WRONG_PINS) return null;
    record.lockedUntil = now + lockDurationMs(record.locks);
    record.locks += 1;
    record.failures = [];
    return record.lockedUntil;
  }

  recordSuccess(clientKey: string): void {
    const record = this.clients.get(clientKey);
    if (record) record.failures = [];
  }
}
