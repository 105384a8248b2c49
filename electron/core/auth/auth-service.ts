// Who is signed in where, and what they may do. First run creates the owner (no default
// credentials); cashiers sign in with a 4–6 digit PIN; a manager's PIN raises a cashier's session to
// manager for a few minutes. Every sign-in, success or failure, is audited (never the PIN).
import { randomBytes } from 'node:crypto';
import type { PosAccess } from '../../../shared/pos-contract';
import type { AuthStatus, Cashier, CashierDirectoryEntry, Role, SessionUser } from '../../../shared/manager-types';
import { PosError } from '../../../shared/pos-error';
import type { AuditLog } from '../ledger/audit-log';
import type { CallContext } from '../pos-core-types';
import { localParts } from '../reports/business-day';
import { toPublicCashier, type CashierRecord, type CashierRepository } from './cashier-repository';
import { hashPin, verifyPin } from './pin-hash';
import { ClientPinThrottle, lockDurationMs, MAX_WRONG_PINS } from './pin-lockout';
import { SessionStore } from './session-store';

export const ELEVATION_MS = 5 * 60 * 1000;

export interface AuthServiceOptions {
  cashiers: CashierRepository;
  audit: AuditLog;
  timeZone: () => string;
  now?: () => number;
}

export interface Actor {
  cashierId: string;
  name: string;
  role: Role;
}

export function newCashierId(): string {
  return `csh_${randomBytes(12).toString('base64url').replace(/[-_]/g, '')}`.slice(0, 20);
}

export class AuthService {
  readonly sessions: SessionStore;
  private readonly throttle: ClientPinThrottle;
  private readonly now: () => number;

  constructor(private readonly options: AuthServiceOptions) {
    this.now = options.now ?? Date.now;
    this.sessions = new SessionStore(this.now);
    this.throttle = new ClientPinThrottle(this.now);
  }

  private get cashiers(): CashierRepository {
    return this.options.cashiers;
  }

  status(clientKey: string | undefined): AuthStatus {
    const setupRequired = this.cashiers.count() === 0;
    const session = this.sessions.get(clientKey);
    const record = session ? this.cashiers.get(session.cashierId) : null;
    if (!session || !record || !record.active) {
      if (session) this.sessions.end(clientKey);
      return { setupRequired, user: null, elevatedUntil: null, effectiveRole: null };
    }
    const user: SessionUser = { cashierId: record.cashierId, name: record.name, role: record.role, owner: record.owner };
    const elevatedUntil = record.role === 'cashier' ? session.elevatedUntil : null;
    return { setupRequired, user, elevatedUntil, effectiveRole: elevatedUntil !== null ? 'manager' : record.role };
  }

  /**
   * Checks an operation's access level against the caller's session and returns the context the
   * handler sees (with the cashier filled in from the session, never from the caller).
   */
  authorize(access: PosAccess, context: CallContext, op: string): CallContext {
    const status = this.status(context.clientKey);
    const enriched: CallContext = {
      ...context,
      cashier: status.user?.name ?? null,
      cashierId: status.user?.cashierId ?? null,
      role: status.effectiveRole,
    };
    if (access === 'public') return enriched;
    if (!status.user) {
      throw new PosError('unauthorized', status.setupRequired ? 'Create the owner PIN first (first run).' : 'Sign in with your PIN first.');
    }
    if (access === 'manager' && status.effectiveRole !== 'manager') {
      throw new PosError('forbidden', `Only a manager can do this (${op}). Ask a manager to enter their PIN.`);
    }
    return enriched;
  }

  async setupOwner(input: { name: string; pin: string }, clientKey: string | undefined): Promise<AuthStatus> {
    if (!clientKey) throw new PosError('unauthorized', 'This client cannot sign in.');
    if (this.cashiers.count() > 0) throw new PosError('conflict', 'The owner has already been set up; sign in with your PIN.');
    const pinHash = await hashPin(input.pin);
    const owner = this.cashiers.insertOwnerIfNone({ id: newCashierId(), name: input.name, pinHash, at: this.now() });
    if (!owner) throw new PosError('conflict', 'The owner has already been set up; sign in with your PIN.');
    this.sessions.start(clientKey, owner.cashierId);
    this.options.audit.record({ actor: owner.name, action: 'auth.setup_owner', detail: { cashierId: owner.cashierId } }, this.now());
    return this.status(clientKey);
  }

  async signIn(input: { cashierId: string; pin: string }, clientKey: string | undefined): Promise<AuthStatus> {
    if (!clientKey) throw new PosError('unauthorized', 'This client cannot sign in.');
    this.refuseThrottledClient(clientKey);
    const cashier = this.cashiers.get(input.cashierId);
    if (!cashier || !cashier.active) {
      await hashPin(input.pin); // same cost as a real check: timing does not tell which ids exist
      this.clientFailure(clientKey, null, 'unknown_or_inactive');
      throw new PosError('unauthorized', 'No active cashier with that id; pick your name from the list.', 'cashierId');
    }
    const now = this.now();
    if (cashier.lockedUntil !== null && cashier.lockedUntil > now) {
      this.options.audit.record({ actor: cashier.name, action: 'auth.sign_in_refused', detail: { cashierId: cashier.cashierId, reason: 'locked' } }, now);
      throw new PosError('rate_limited', `Locked until ${this.clock(cashier.lockedUntil)} after too many wrong PINs. Ask a manager to reset the PIN, or wait.`, 'pin');
    }
    if (!(await verifyPin(input.pin, cashier.pinHash))) throw this.wrongPin(cashier, clientKey);
    this.cashiers.recordSuccess(cashier.cashierId);
    this.throttle.recordSuccess(clientKey);
    this.sessions.start(clientKey, cashier.cashierId);
    this.options.audit.record({ actor: cashier.name, action: 'auth.sign_in', detail: { cashierId: cashier.cashierId } }, this.now());
    return this.status(clientKey);
  }

  signOut(clientKey: string | undefined): AuthStatus {
    const user = this.status(clientKey).user;
    this.sessions.end(clientKey);
    if (user) this.options.audit.record({ actor: user.name, action: 'auth.sign_out', detail: { cashierId: user.cashierId } }, this.now());
    return this.status(clientKey);
  }

  /** Raises a cashier's session to manager for ELEVATION_MS with any active manager's PIN. */
  async elevate(input: { pin: string }, clientKey: string | undefined): Promise<AuthStatus> {
    const session = this.sessions.get(clientKey);
    const status = this.status(clientKey);
    if (!session || !status.user || !clientKey) throw new PosError('unauthorized', 'Sign in with your PIN first.');
    if (status.user.role === 'manager') return status;
    this.refuseThrottledClient(clientKey);
    const now = this.now();
    for (const manager of this.cashiers.activeManagers()) {
      if (manager.lockedUntil !== null && manager.lockedUntil > now) continue;
      if (await verifyPin(input.pin, manager.pinHash)) {
        session.elevatedUntil = this.now() + ELEVATION_MS;
        this.throttle.recordSuccess(clientKey);
        this.options.audit.record({ actor: status.user.name, action: 'auth.elevate', detail: { cashierId: status.user.cashierId, by: manager.cashierId, until: session.elevatedUntil } }, this.now());
        return this.status(clientKey);
      }
    }
    const lockedUntil = this.clientFailure(clientKey, status.user.name, 'wrong_manager_pin');
    if (lockedUntil) throw new PosError('rate_limited', `Too many wrong PINs on this till. Try again at ${this.clock(lockedUntil)}.`, 'pin');
    throw new PosError('unauthorized', 'That is not a manager PIN.', 'pin');
  }

  directory(): CashierDirectoryEntry[] {
    return this.cashiers.all().filter((c) => c.active).map(({ cashierId, name, role }) => ({ cashierId, name, role }));
  }

  list(): Cashier[] {
    const now = this.now();
    return this.cashiers.all().map((c) => toPublicCashier(c, now));
  }

  async create(input: { name: string; pin: string; role: Role }, actor: string | null): Promise<Cashier> {
    const pinHash = await hashPin(input.pin);
    const created = this.cashiers.insert({ id: newCashierId(), name: input.name, role: input.role, owner: false, pinHash, at: this.now() });
    this.options.audit.record({ actor, action: 'cashier.create', detail: { cashierId: created.cashierId, name: created.name, role: created.role } }, this.now());
    return toPublicCashier(created, this.now());
  }

  async update(
    input: { cashierId: string; name?: string; pin?: string; role?: Role; active?: boolean },
    actor: string | null,
  ): Promise<Cashier> {
    const current = this.cashiers.get(input.cashierId);
    if (!current) throw new PosError('not_found', `No cashier ${input.cashierId}.`, 'cashierId');
    if (current.owner && (input.role === 'cashier' || input.active === false)) {
      throw new PosError('conflict', 'The owner always stays an active manager.');
    }
    const pinHash = input.pin === undefined ? undefined : await hashPin(input.pin);
    const updated = this.cashiers.update(current.cashierId, { name: input.name, role: input.role, active: input.active, pinHash }, this.now());
    if (!updated.active) this.sessions.endWhere((session) => session.cashierId === updated.cashierId);
    const changed = Object.keys(input).filter((key) => key !== 'cashierId' && key !== 'pin');
    if (input.pin !== undefined) changed.push('pin');
    this.options.audit.record({ actor, action: 'cashier.update', detail: { cashierId: updated.cashierId, changed } }, this.now());
    return toPublicCashier(updated, this.now());
  }

  private wrongPin(cashier: CashierRecord, clientKey: string): PosError {
    const now = this.now();
    const failed = cashier.failedAttempts + 1;
    const clientLock = this.clientFailure(clientKey, cashier.name, 'wrong_pin', cashier.cashierId);
    if (failed >= MAX_WRONG_PINS) {
      const lockedUntil = now + lockDurationMs(cashier.lockCount);
      this.cashiers.recordFailure(cashier.cashierId, 0, cashier.lockCount + 1, lockedUntil);
      this.options.audit.record({ actor: cashier.name, action: 'auth.locked', detail: { cashierId: cashier.cashierId, until: lockedUntil } }, now);
      return new PosError('rate_limited', `Wrong PIN. Locked until ${this.clock(lockedUntil)} after ${MAX_WRONG_PINS} wrong PINs.`, 'pin');
    }
    this.cashiers.recordFailure(cashier.cashierId, failed, cashier.lockCount, null);
    if (clientLock) return new PosError('rate_limited', `Wrong PIN. Too many wrong PINs on this till; try again at ${this.clock(clientLock)}.`, 'pin');
    const left = MAX_WRONG_PINS - failed;
    return new PosError('unauthorized', `Wrong PIN, ${left} ${left === 1 ? 'try' : 'tries'} left.`, 'pin');
  }

  private refuseThrottledClient(clientKey: string): void {
    const until = this.throttle.lockedUntil(clientKey);
    if (until !== null) throw new PosError('rate_limited', `Too many wrong PINs on this till. Try again at ${this.clock(until)}.`, 'pin');
  }

  private clientFailure(clientKey: string, actor: string | null, reason: string, cashierId?: string): number | null {
    this.options.audit.record({ actor, action: 'auth.sign_in_failed', detail: { cashierId: cashierId ?? null, reason } }, this.now());
    return this.throttle.recordFailure(clientKey);
  }

  /** HH:MM in the shop's zone, for lock messages. */
  private clock(epochMs: number): string {
    return localParts(epochMs, this.options.timeZone()).time.slice(0, 5);
  }
}
