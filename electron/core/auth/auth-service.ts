// Who is signed in where, and what they may do. First run creates the owner (no default
// credentials); cashiers sign in with a 4–6 digit PIN; a manager's PIN raises a cashier's session to
// manager for a few minutes. Every sign-in, success or failure, is audited (never the PIN).
import { randomBytes } from 'node:crypto';
import { needsManager, type SessionAccess } from '../../../shared/pos-contract';
import type { AuthStatus, Cashier, CashierDirectoryEntry, Role, SessionUser } from '../../../shared/manager-types';
import { PosError } from '../../../shared/pos-error';
import type { AuditLog } from '../ledger/audit-log';
import type { CallContext } from '../pos-core-types';
import { localParts } from '../reports/business-day';
import { toPublicCashier, type CashierRecord, type CashierRepository } from './cashier-repository';
import { hashPin, needsRehash, verifyPin } from './pin-hash';
import { PinCheckQueue } from './pin-check-queue';
import { ClientPinThrottle, FailureThrottle, lockDurationMs, MAX_TILL_WRONG_MANAGER_PINS, MAX_WRONG_PINS } from './pin-lockout';
import { SessionStore } from './session-store';

export const ELEVATION_MS = 5 * 60 * 1000;
const TILL_ELEVATION_KEY = 'till:elevation';

/**
 * What PIN failures are counted against: the caller's network address or desktop window when the
 * transport names one, else (callers inside the core, tests) the client key.
 */
export function throttleKeyOf(clientKey: string, clientAddress: string | undefined): string {
  return clientAddress ? `addr:${clientAddress}` : `client:${clientKey}`;
}

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

export function ownerOnly(op: string): PosError {
  return new PosError('forbidden', `Only the owner can do this (${op}). Ask the owner to sign in with their own PIN.`);
}

/**
 * Who may change whom. A manager's PIN raises a cashier's session for minutes; it must not be turned
 * into a lasting role or a manager's account: making or promoting a manager needs a manager signed in
 * with their own PIN; another manager's record (PIN, role, active, name) only the owner or that
 * manager may change; the owner's record only the owner.
 */
export function checkPeopleChange(
  actor: SessionUser,
  target: Pick<CashierRecord, 'cashierId' | 'role' | 'owner'> | null,
  change: { role?: Role; pin?: string },
): void {
  if (target?.owner && !actor.owner) {
    throw new PosError('forbidden', "Only the owner can change the owner's name, PIN or role.");
  }
  const touchesManager = target?.role === 'manager' || change.role === 'manager';
  if (touchesManager && actor.role !== 'manager') {
    throw new PosError('forbidden', "Only a manager signed in with their own PIN can create, promote or change a manager; a manager's PIN on a cashier's session does not.");
  }
  if (target?.role === 'manager' && target.cashierId !== actor.cashierId && !actor.owner) {
    throw new PosError('forbidden', "Only the owner or that manager can change a manager's PIN, role or name.", change.pin !== undefined ? 'pin' : undefined);
  }
}

export function newCashierId(): string {
  return `csh_${randomBytes(12).toString('base64url').replace(/[-_]/g, '')}`.slice(0, 20);
}

export class AuthService {
  readonly sessions: SessionStore;
  /** Wrong PINs (sign-in and elevation) per caller. */
  private readonly throttle: ClientPinThrottle;
  /** Wrong manager PINs typed to raise a session, for the whole till. */
  private readonly elevationThrottle: FailureThrottle;
  private readonly pinChecks = new PinCheckQueue();
  private readonly now: () => number;

  constructor(private readonly options: AuthServiceOptions) {
    this.now = options.now ?? Date.now;
    this.sessions = new SessionStore(this.now);
    this.throttle = new ClientPinThrottle(this.now);
    this.elevationThrottle = new FailureThrottle({ maxFailures: MAX_TILL_WRONG_MANAGER_PINS, now: this.now });
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
  authorize(access: SessionAccess, context: CallContext, op: string): CallContext {
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
    if (needsManager(access) && status.effectiveRole !== 'manager') {
      throw new PosError('forbidden', `Only a manager can do this (${op}). Ask a manager to enter their PIN.`);
    }
    // Signed in as the owner, not raised: an elevation lasts minutes and must not reach what is the owner's.
    if (access === 'owner' && !status.user.owner) throw ownerOnly(op);
    return enriched;
  }

  /** The person signed in on this client (by their own PIN), or null. */
  signedInUser(clientKey: string | undefined): SessionUser | null {
    return this.status(clientKey).user;
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

  /**
   * Signs a client in with a cashier's PIN. `clientAddress` is who is calling on the network (or the
   * desktop window): wrong PINs are throttled by it, not by the session cookie a caller can drop.
   */
  async signIn(input: { cashierId: string; pin: string }, clientKey: string | undefined, clientAddress?: string): Promise<AuthStatus> {
    if (!clientKey) throw new PosError('unauthorized', 'This client cannot sign in.');
    const caller = throttleKeyOf(clientKey, clientAddress);
    // One check at a time per caller: each sees the failures of the ones before it.
    return this.pinChecks.run(`caller:${caller}`, () => this.checkSignIn(input, clientKey, caller));
  }

  private async checkSignIn(input: { cashierId: string; pin: string }, clientKey: string, caller: string): Promise<AuthStatus> {
    this.refuseThrottledClient(caller);
    const cashier = this.cashiers.get(input.cashierId);
    if (!cashier || !cashier.active) {
      await hashPin(input.pin); // same cost as a real check: timing does not tell which ids exist
      this.clientFailure(caller, null, 'unknown_or_inactive');
      throw new PosError('unauthorized', 'No active cashier with that id; pick your name from the list.', 'cashierId');
    }
    if (cashier.lockedUntil !== null && cashier.lockedUntil > this.now()) throw this.lockedCashier(cashier, cashier.lockedUntil);
    if (!(await verifyPin(input.pin, cashier.pinHash))) throw this.wrongPin(cashier, caller);
    // The hash took a while: a concurrent attempt may have locked this cashier, or a manager may have
    // changed the PIN or deactivated them. The right PIN counts only if none of that happened.
    if (!this.cashiers.recordRightPin(cashier.cashierId, cashier.pinHash, this.now())) {
      const current = this.cashiers.get(cashier.cashierId);
      if (current?.active && current.lockedUntil !== null && current.lockedUntil > this.now()) throw this.lockedCashier(current, current.lockedUntil);
      this.clientFailure(caller, cashier.name, 'changed_during_check', cashier.cashierId);
      throw new PosError('unauthorized', 'Your PIN or account changed just now; pick your name and try again.', 'pin');
    }
    // A hash made at an older, lower cost is replaced now that the PIN is known (once per person).
    if (needsRehash(cashier.pinHash)) this.cashiers.replacePinHash(cashier.cashierId, cashier.pinHash, await hashPin(input.pin), this.now());
    // Failures stay counted for their window: a right PIN (anyone's, on a shared till) does not
    // wipe the guesses made before it.
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

  /**
   * Raises a cashier's session to manager for ELEVATION_MS with any active manager's PIN. Wrong
   * manager PINs count against the caller (as wrong sign-in PINs do) and against the whole till:
   * MAX_TILL_WRONG_MANAGER_PINS of them lock elevation everywhere, for 5 minutes, doubling.
   */
  async elevate(input: { pin: string }, clientKey: string | undefined, clientAddress?: string): Promise<AuthStatus> {
    const status = this.status(clientKey);
    if (!status.user || !clientKey) throw new PosError('unauthorized', 'Sign in with your PIN first.');
    if (status.user.role === 'manager') return status;
    const caller = throttleKeyOf(clientKey, clientAddress);
    // Serialized per caller (shared with sign-in) and till-wide, so both counts are exact.
    return this.pinChecks.run(`caller:${caller}`, () => this.pinChecks.run(TILL_ELEVATION_KEY, () => this.checkElevate(input, clientKey, caller)));
  }

  private async checkElevate(input: { pin: string }, clientKey: string, caller: string): Promise<AuthStatus> {
    const session = this.sessions.get(clientKey);
    const status = this.status(clientKey);
    if (!session || !status.user) throw new PosError('unauthorized', 'Sign in with your PIN first.');
    if (status.user.role === 'manager') return status;
    const user = status.user;
    const manager = await this.managerByPin(input.pin, user, caller, 'auth.elevate_failed');
    // Signed out or deactivated while the hash ran: nothing to raise.
    if (this.sessions.get(clientKey) !== session || !this.status(clientKey).user) throw new PosError('unauthorized', 'Sign in with your PIN first.');
    session.elevatedUntil = this.now() + ELEVATION_MS;
    this.options.audit.record({ actor: user.name, action: 'auth.elevate', detail: { cashierId: user.cashierId, by: manager.cashierId, until: session.elevatedUntil } }, this.now());
    return this.status(clientKey);
  }

  /**
   * A manager's approval typed on the till (e.g. a change of Stripe account): the active, unlocked
   * manager whose PIN this is. Wrong PINs count as wrong elevation PINs do (per caller and till-wide).
   */
  async approveAsManager(pin: string, clientKey: string | undefined, clientAddress?: string): Promise<SessionUser> {
    const user = this.signedInUser(clientKey);
    if (!user || !clientKey) throw new PosError('unauthorized', 'Sign in with your PIN first.');
    const caller = throttleKeyOf(clientKey, clientAddress);
    const manager = await this.pinChecks.run(`caller:${caller}`, () =>
      this.pinChecks.run(TILL_ELEVATION_KEY, () => this.managerByPin(pin, user, caller, 'auth.approval_failed')),
    );
    return { cashierId: manager.cashierId, name: manager.name, role: manager.role, owner: manager.owner };
  }

  /** The active, unlocked manager with this PIN; wrong PINs are audited and throttled. Run serialized. */
  private async managerByPin(pin: string, user: SessionUser, caller: string, failedAction: string): Promise<CashierRecord> {
    const tillLock = this.elevationThrottle.lockedUntil(TILL_ELEVATION_KEY);
    if (tillLock !== null) throw this.elevationLocked(tillLock);
    this.refuseThrottledClient(caller);
    for (const manager of this.cashiers.activeManagers()) {
      if (manager.lockedUntil !== null && manager.lockedUntil > this.now()) continue;
      if (await verifyPin(pin, manager.pinHash)) {
        // The hash took a while: the PIN must still be that active manager's, unlocked.
        const current = this.cashiers.get(manager.cashierId);
        if (!current?.active || current.role !== 'manager' || current.pinHash !== manager.pinHash) continue;
        if (current.lockedUntil !== null && current.lockedUntil > this.now()) continue;
        return current;
      }
    }
    this.options.audit.record({ actor: user.name, action: failedAction, detail: { cashierId: user.cashierId, reason: 'wrong_manager_pin' } }, this.now());
    const clientLock = this.throttle.recordFailure(caller);
    if (clientLock !== null) this.auditClientLock(user.name, clientLock);
    const elevationLock = this.elevationThrottle.recordFailure(TILL_ELEVATION_KEY);
    if (elevationLock !== null) {
      this.options.audit.record({ actor: user.name, action: 'auth.elevate_locked', detail: { cashierId: user.cashierId, until: elevationLock } }, this.now());
    }
    const lockedUntil = Math.max(elevationLock ?? 0, clientLock ?? 0);
    if (lockedUntil > 0) throw this.elevationLocked(lockedUntil);
    throw new PosError('unauthorized', 'That is not a manager PIN.', 'pin');
  }

  directory(): CashierDirectoryEntry[] {
    return this.cashiers.all().filter((c) => c.active).map(({ cashierId, name, role }) => ({ cashierId, name, role }));
  }

  list(): Cashier[] {
    const now = this.now();
    return this.cashiers.all().map((c) => toPublicCashier(c, now));
  }

  async create(input: { name: string; pin: string; role: Role }, clientKey: string | undefined): Promise<Cashier> {
    const actor = this.requireUser(clientKey);
    checkPeopleChange(actor, null, input);
    const pinHash = await hashPin(input.pin);
    const created = this.cashiers.insert({ id: newCashierId(), name: input.name, role: input.role, owner: false, pinHash, at: this.now() });
    this.options.audit.record({ actor: actor.name, action: 'cashier.create', detail: { cashierId: created.cashierId, name: created.name, role: created.role, by: actor.cashierId } }, this.now());
    return toPublicCashier(created, this.now());
  }

  async update(
    input: { cashierId: string; name?: string; pin?: string; role?: Role; active?: boolean },
    clientKey: string | undefined,
  ): Promise<Cashier> {
    const actor = this.requireUser(clientKey);
    const current = this.cashiers.get(input.cashierId);
    if (!current) throw new PosError('not_found', `No cashier ${input.cashierId}.`, 'cashierId');
    checkPeopleChange(actor, current, input);
    if (current.owner && (input.role === 'cashier' || input.active === false)) {
      throw new PosError('conflict', 'The owner always stays an active manager.');
    }
    const pinHash = input.pin === undefined ? undefined : await hashPin(input.pin);
    const updated = this.cashiers.update(current.cashierId, { name: input.name, role: input.role, active: input.active, pinHash }, this.now());
    // A demoted manager or a changed PIN ends their sessions (and any elevation they granted stays as it was: minutes).
    if (!updated.active || (input.role !== undefined && input.role !== current.role) || (pinHash !== undefined && updated.cashierId !== actor.cashierId)) {
      this.sessions.endWhere((session) => session.cashierId === updated.cashierId);
    }
    const changed = Object.keys(input).filter((key) => key !== 'cashierId' && key !== 'pin');
    if (input.pin !== undefined) changed.push('pin');
    this.options.audit.record({ actor: actor.name, action: 'cashier.update', detail: { cashierId: updated.cashierId, changed, by: actor.cashierId } }, this.now());
    return toPublicCashier(updated, this.now());
  }

  private requireUser(clientKey: string | undefined): SessionUser {
    const user = this.signedInUser(clientKey);
    if (!user) throw new PosError('unauthorized', 'Sign in with your PIN first.');
    return user;
  }

  private wrongPin(cashier: CashierRecord, caller: string): PosError {
    const outcome = this.cashiers.recordWrongPin(cashier.cashierId, this.now(), MAX_WRONG_PINS, lockDurationMs);
    const clientLock = this.clientFailure(caller, cashier.name, 'wrong_pin', cashier.cashierId);
    if (outcome.newlyLocked && outcome.lockedUntil !== null) {
      this.options.audit.record({ actor: cashier.name, action: 'auth.locked', detail: { cashierId: cashier.cashierId, until: outcome.lockedUntil } }, this.now());
      return new PosError('rate_limited', `Wrong PIN. Locked until ${this.clock(outcome.lockedUntil)} after ${MAX_WRONG_PINS} wrong PINs.`, 'pin', { lockedUntil: outcome.lockedUntil });
    }
    if (outcome.alreadyLocked && outcome.lockedUntil !== null) return this.lockedCashier(cashier, outcome.lockedUntil);
    if (clientLock !== null) return new PosError('rate_limited', `Wrong PIN. Too many wrong PINs on this till; try again at ${this.clock(clientLock)}.`, 'pin', { lockedUntil: clientLock });
    const left = Math.max(MAX_WRONG_PINS - outcome.failedAttempts, 1);
    return new PosError('unauthorized', `Wrong PIN, ${left} ${left === 1 ? 'try' : 'tries'} left.`, 'pin', { triesLeft: left });
  }

  /** Refuses a cashier who is locked (and audits the refusal). */
  private lockedCashier(cashier: CashierRecord, lockedUntil: number): PosError {
    this.options.audit.record({ actor: cashier.name, action: 'auth.sign_in_refused', detail: { cashierId: cashier.cashierId, reason: 'locked' } }, this.now());
    return new PosError('rate_limited', `Locked until ${this.clock(lockedUntil)} after too many wrong PINs. Ask a manager to reset the PIN, or wait.`, 'pin', { lockedUntil });
  }

  private elevationLocked(until: number): PosError {
    return new PosError('rate_limited', `Too many wrong manager PINs. Try again at ${this.clock(until)}.`, 'pin', { lockedUntil: until });
  }

  private refuseThrottledClient(caller: string): void {
    const until = this.throttle.lockedUntil(caller);
    if (until !== null) throw new PosError('rate_limited', `Too many wrong PINs on this till. Try again at ${this.clock(until)}.`, 'pin', { lockedUntil: until });
  }

  /** Audits a failed sign-in and counts it against the caller; returns the lock end if this locked it. */
  private clientFailure(caller: string, actor: string | null, reason: string, cashierId?: string): number | null {
    this.options.audit.record({ actor, action: 'auth.sign_in_failed', detail: { cashierId: cashierId ?? null, reason } }, this.now());
    const lockedUntil = this.throttle.recordFailure(caller);
    if (lockedUntil !== null) this.auditClientLock(actor, lockedUntil);
    return lockedUntil;
  }

  /** Audits that a caller was locked out (when and until; never a PIN). */
  private auditClientLock(actor: string | null, until: number): void {
    this.options.audit.record({ actor, action: 'auth.client_locked', detail: { until } }, this.now());
  }

  /** HH:MM in the shop's zone, for lock messages. */
  private clock(epochMs: number): string {
    return localParts(epochMs, this.options.timeZone()).time.slice(0, 5);
  }
}
