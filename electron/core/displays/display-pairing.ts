// Pairing customer displays (browser mode). A tablet on the shop's network gets the read-only
// customer feed only once it is paired: a signed-in cashier asks for a six-digit code, the till shows
// it big, someone types it on the tablet. The code is valid PAIRING_CODE_TTL_MS, single use, and only
// the newest one works. Wrong codes are throttled per caller address (5 lock the address); attempts
// from a locked address are refused before anything is counted or written. Wrong codes are audited in
// aggregate (the first of a streak, then the lock with its count; never the code itself), so nobody
// can flood the audit log. The outstanding code burns only after wrong codes from many addresses: one
// address alone cannot spoil pairing for everyone.
// A paired display is remembered by a SHA-256 hash of its pos_client cookie (the client key).
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { DisplayPairingCode, DisplayPairingResult, PairedDisplay } from '../../../shared/manager-types';
import { operationsAt, posOperationAccess, type PosOperation } from '../../../shared/pos-contract';
import { PosError } from '../../../shared/pos-error';
import { throttleKeyOf } from '../auth/auth-service';
import { FAILURE_WINDOW_MS, FailureThrottle } from '../auth/pin-lockout';
import type { AuditLog } from '../ledger/audit-log';
import type { LedgerDb } from '../ledger/open-ledger';
import type { CallContext } from '../pos-core-types';
import { localParts } from '../reports/business-day';

export const PAIRING_CODE_TTL_MS = 5 * 60 * 1000;
/** Wrong codes one caller address may send (in 15 minutes) before it is locked out (5 min, doubling). */
export const MAX_WRONG_PAIRING_CODES = 5;
/**
 * Wrong codes (from addresses not locked) after which the outstanding code is burned: the cashier
 * asks again. One address is locked after MAX_WRONG_PAIRING_CODES, so this takes ten addresses.
 */
export const MAX_WRONG_CODES_PER_CODE = 10 * MAX_WRONG_PAIRING_CODES;
/** How often a paired display's last_seen is written at most. */
const LAST_SEEN_WRITE_MS = 60 * 1000;
/** Codes remembered after use or replacement, so a late attempt is told "used" or "expired". */
const SPENT_CODES_KEPT = 10;

export const UNPAIRED_MESSAGE =
  'This display is not paired with the till. On the till, choose "Pair a customer display" and type the 6-digit code on this screen.';

interface IssuedCode {
  code: string;
  expiresAt: number;
  issuedBy: string | null;
  wrongAttempts: number;
}

interface DisplayRow {
  display_id: string;
  name: string;
  paired_at: number;
  paired_by: string | null;
  last_seen: number;
}

export function hashClientKey(clientKey: string): string {
  return createHash('sha256').update(clientKey, 'utf8').digest('hex');
}

function sameCode(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

function toPublic(row: DisplayRow): PairedDisplay {
  return { displayId: row.display_id, name: row.name, pairedAt: row.paired_at, pairedBy: row.paired_by, lastSeen: row.last_seen };
}

export interface DisplayPairingOptions {
  db: LedgerDb;
  audit: AuditLog;
  timeZone: () => string;
  now?: () => number;
}

export class DisplayPairing {
  private readonly now: () => number;
  private readonly wrongCodes: FailureThrottle;
  private current: IssuedCode | null = null;
  /** Codes used, replaced or burned (newest last), to word a refusal; they never pair. */
  private spent: { code: string; reason: 'used' | 'expired' }[] = [];
  private readonly lastSeenWritten = new Map<string, number>();
  /** Wrong codes per caller since its streak was last audited (a streak lasts the failure window). */
  private readonly unauditedFailures = new Map<string, { count: number; since: number }>();
  private readonly unpairListeners = new Set<() => void>();

  constructor(private readonly options: DisplayPairingOptions) {
    this.now = options.now ?? (() => Date.now());
    this.wrongCodes = new FailureThrottle({ maxFailures: MAX_WRONG_PAIRING_CODES, now: this.now });
  }

  /** A new code for a signed-in cashier; any code issued before stops working. */
  issueCode(context: CallContext): DisplayPairingCode {
    if (this.current) this.spend(this.current.code, 'expired');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = this.now() + PAIRING_CODE_TTL_MS;
    this.current = { code, expiresAt, issuedBy: context.cashier ?? null, wrongAttempts: 0 };
    this.options.audit.record({ actor: context.cashier ?? null, action: 'display.pairing_code', detail: { expiresAt } }, this.now());
    return { code, expiresAt };
  }

  /** Pairs the calling client with a code; refuses (and counts) a wrong, expired or used one. */
  pair(input: { code: string }, context: CallContext): DisplayPairingResult {
    const clientKey = context.clientKey;
    if (!clientKey) throw new PosError('unauthorized', 'This client cannot be paired.');
    const caller = throttleKeyOf(clientKey, context.clientAddress);
    const lockedUntil = this.wrongCodes.lockedUntil(caller);
    // Refused before anything is counted or written: a locked address cannot flood the audit log.
    if (lockedUntil !== null) throw this.lockedError(lockedUntil);
    const issued = this.current;
    if (issued && sameCode(issued.code, input.code)) {
      if (issued.expiresAt <= this.now()) {
        this.current = null;
        this.spend(issued.code, 'expired');
        throw this.failure(caller, context, 'expired');
      }
      this.current = null;
      this.spend(issued.code, 'used');
      const display = this.record(clientKey, issued.issuedBy);
      this.audit(issued.issuedBy, 'display.pair', { displayId: display.displayId, name: display.name, address: context.clientAddress ?? null });
      return { name: display.name };
    }
    const spent = this.spent.find((entry) => sameCode(entry.code, input.code));
    if (issued && !spent) {
      issued.wrongAttempts += 1;
      if (issued.wrongAttempts >= MAX_WRONG_CODES_PER_CODE) {
        this.current = null;
        this.spend(issued.code, 'expired');
        this.audit(null, 'display.pairing_code_burned', { wrongAttempts: issued.wrongAttempts });
      }
    }
    throw this.failure(caller, context, spent?.reason ?? 'wrong');
  }

  /** Whether this client key belongs to a paired display; notes that it was seen. */
  isPaired(clientKey: string | undefined): boolean {
    if (!clientKey) return false;
    const hash = hashClientKey(clientKey);
    const row = this.options.db.prepare('SELECT display_id FROM paired_displays WHERE client_key_hash = ?').get(hash) as { display_id: string } | undefined;
    if (!row) return false;
    const now = this.now();
    if (now - (this.lastSeenWritten.get(hash) ?? 0) >= LAST_SEEN_WRITE_MS) {
      this.lastSeenWritten.set(hash, now);
      this.options.db.prepare('UPDATE paired_displays SET last_seen = ? WHERE client_key_hash = ?').run(now, hash);
    }
    return true;
  }

  list(): PairedDisplay[] {
    const rows = this.options.db.prepare('SELECT display_id, name, paired_at, paired_by, last_seen FROM paired_displays ORDER BY paired_at, display_id').all() as DisplayRow[];
    return rows.map(toPublic);
  }

  /** Forgets a display: its feed stops at once and it must be paired again. Returns the rest. */
  unpair(displayId: string, context: CallContext): PairedDisplay[] {
    const row = this.options.db.prepare('SELECT display_id, name FROM paired_displays WHERE display_id = ?').get(displayId) as { display_id: string; name: string } | undefined;
    if (!row) throw new PosError('not_found', `No paired display ${displayId}.`, 'displayId');
    this.options.db.prepare('DELETE FROM paired_displays WHERE display_id = ?').run(displayId);
    this.audit(context.cashier ?? null, 'display.unpair', { displayId, name: row.name });
    for (const listener of this.unpairListeners) listener();
    return this.list();
  }

  /** Called after any display is unpaired (open feeds check whether they are still allowed). */
  onUnpaired(listener: () => void): () => void {
    this.unpairListeners.add(listener);
    return () => this.unpairListeners.delete(listener);
  }

  private record(clientKey: string, pairedBy: string | null): PairedDisplay {
    const hash = hashClientKey(clientKey);
    const now = this.now();
    const existing = this.options.db.prepare('SELECT display_id, name, paired_at, paired_by, last_seen FROM paired_displays WHERE client_key_hash = ?').get(hash) as DisplayRow | undefined;
    if (existing) {
      this.options.db.prepare('UPDATE paired_displays SET last_seen = ? WHERE display_id = ?').run(now, existing.display_id);
      return toPublic({ ...existing, last_seen: now });
    }
    const row: DisplayRow = {
      display_id: `dsp_${randomBytes(12).toString('base64url').replace(/[-_]/g, '')}`.slice(0, 20),
      name: `Display ${this.nextNumber()}`,
      paired_at: now,
      paired_by: pairedBy,
      last_seen: now,
    };
    this.options.db
      .prepare('INSERT INTO paired_displays (display_id, client_key_hash, name, paired_at, paired_by, last_seen) VALUES (?, ?, ?, ?, ?, ?)')
      .run(row.display_id, hash, row.name, row.paired_at, row.paired_by, row.last_seen);
    this.lastSeenWritten.set(hash, now);
    return toPublic(row);
  }

  /** The smallest n for which "Display n" is free. */
  private nextNumber(): number {
    const taken = new Set(this.list().map((display) => /^Display (\d+)$/.exec(display.name)?.[1]).filter(Boolean).map(Number));
    let n = 1;
    while (taken.has(n)) n += 1;
    return n;
  }

  private spend(code: string, reason: 'used' | 'expired'): void {
    this.spent = [...this.spent.filter((entry) => entry.code !== code), { code, reason }].slice(-SPENT_CODES_KEPT);
  }

  private failure(caller: string, context: CallContext, reason: 'wrong' | 'expired' | 'used'): PosError {
    const address = context.clientAddress ?? null;
    const now = this.now();
    const earlier = this.unauditedFailures.get(caller);
    const current = earlier && now - earlier.since < FAILURE_WINDOW_MS ? earlier : { count: 0, since: now };
    const streak = current.count + 1;
    if (streak === 1) this.audit(null, 'display.pair_failed', { address, reason });
    if (this.unauditedFailures.size >= 10_000) this.unauditedFailures.clear();
    this.unauditedFailures.set(caller, { count: streak, since: current.since });
    const lockedUntil = this.wrongCodes.recordFailure(caller);
    if (lockedUntil !== null) {
      this.unauditedFailures.delete(caller);
      this.audit(null, 'display.pair_locked', { address, until: lockedUntil, failures: streak });
      return this.lockedError(lockedUntil);
    }
    if (reason === 'expired') return new PosError('unauthorized', 'That code has expired. On the till, ask for a new code.', 'code');
    if (reason === 'used') return new PosError('unauthorized', 'That code was already used. On the till, ask for a new code.', 'code');
    return new PosError('unauthorized', 'That code is not right. Check the code on the till and try again.', 'code');
  }

  private lockedError(until: number): PosError {
    const clock = localParts(until, this.options.timeZone()).time.slice(0, 5);
    return new PosError('rate_limited', `Too many wrong codes from this display. Try again at ${clock}.`, 'code');
  }

  private audit(actor: string | null, action: string, detail: unknown): void {
    this.options.audit.record({ actor, action, detail }, this.now());
  }
}

/** The operations a paired display may call (its feed), from the contract's access levels. */
export const DISPLAY_FEED_OPERATIONS: ReadonlySet<PosOperation> = operationsAt('display');

/**
 * The core's own check for a caller off the till's machine (the HTTP guards refuse the same before
 * any route runs): it may pair, and once paired read the customer feed; nothing else.
 */
export function checkOffTillCall(op: PosOperation, context: CallContext, displays: Pick<DisplayPairing, 'isPaired'>): void {
  if (!context.offTill || posOperationAccess[op] === 'pairing') return;
  if (posOperationAccess[op] !== 'display') {
    throw new PosError('forbidden', 'Only the customer display is available from another device; use the till itself for this.');
  }
  if (!displays.isPaired(context.clientKey)) throw new PosError('unauthorized', UNPAIRED_MESSAGE);
}
