// Cashiers and managers as stored: PIN hash and lockout state never leave this module's callers in core.
import type { Cashier, Role } from '../../../shared/manager-types';
import type { LedgerDb } from '../ledger/open-ledger';

export interface CashierRecord extends Cashier {
  pinHash: string;
  failedAttempts: number;
  lockCount: number;
}

interface CashierRow {
  id: string;
  name: string;
  role: Role;
  owner: number;
  active: number;
  pin_hash: string;
  failed_attempts: number;
  lock_count: number;
  locked_until: number | null;
  created_at: number;
}

function fromRow(row: CashierRow): CashierRecord {
  return {
    cashierId: row.id,
    name: row.name,
    role: row.role,
    owner: row.owner === 1,
    active: row.active === 1,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    pinHash: row.pin_hash,
    failedAttempts: row.failed_attempts,
    lockCount: row.lock_count,
  };
}

export function toPublicCashier(record: CashierRecord, now: number): Cashier {
  const { pinHash: _pinHash, failedAttempts: _failed, lockCount: _lockCount, ...cashier } = record;
  return { ...cashier, lockedUntil: record.lockedUntil !== null && record.lockedUntil > now ? record.lockedUntil : null };
}

export class CashierRepository {
  // Prepared once: every request's session check and every event on every open stream reads these.
  private readonly countStmt;
  private readonly byIdStmt;

  constructor(private readonly db: LedgerDb) {
    this.countStmt = db.prepare('SELECT count(*) AS n FROM cashiers');
    this.byIdStmt = db.prepare('SELECT * FROM cashiers WHERE id = ?');
  }

  count(): number {
    return (this.countStmt.get() as { n: number }).n;
  }

  get(id: string): CashierRecord | null {
    const row = this.byIdStmt.get(id) as CashierRow | undefined;
    return row ? fromRow(row) : null;
  }

  all(): CashierRecord[] {
    return (this.db.prepare('SELECT * FROM cashiers ORDER BY owner DESC, name COLLATE NOCASE, id').all() as CashierRow[]).map(fromRow);
  }

  activeManagers(): CashierRecord[] {
    return this.all().filter((c) => c.active && c.role === 'manager');
  }

  insert(record: { id: string; name: string; role: Role; owner: boolean; pinHash: string; at: number }): CashierRecord {
    this.db
      .prepare(`INSERT INTO cashiers (id, name, role, owner, active, pin_hash, created_at, updated_at)
                VALUES (?, ?, ?, ?, 1, ?, ?, ?)`)
      .run(record.id, record.name, record.role, record.owner ? 1 : 0, record.pinHash, record.at, record.at);
    return this.get(record.id)!;
  }

  /** Inserts the owner only while no cashier exists, atomically (two first-run screens cannot both win). */
  insertOwnerIfNone(record: { id: string; name: string; pinHash: string; at: number }): CashierRecord | null {
    return this.db.transaction(() => (this.count() === 0 ? this.insert({ ...record, role: 'manager', owner: true }) : null)).immediate();
  }

  update(id: string, patch: { name?: string; role?: Role; active?: boolean; pinHash?: string }, at: number): CashierRecord {
    const sets: string[] = ['updated_at = @at'];
    if (patch.name !== undefined) sets.push('name = @name');
    if (patch.role !== undefined) sets.push('role = @role');
    if (patch.active !== undefined) sets.push('active = @active');
    // A new PIN clears any lock: the manager who set it has vouched for the person.
    if (patch.pinHash !== undefined) sets.push('pin_hash = @pinHash', 'failed_attempts = 0', 'locked_until = NULL');
    const values: Record<string, unknown> = { id, at };
    if (patch.name !== undefined) values.name = patch.name;
    if (patch.role !== undefined) values.role = patch.role;
    if (patch.active !== undefined) values.active = patch.active ? 1 : 0;
    if (patch.pinHash !== undefined) values.pinHash = patch.pinHash;
    this.db.prepare(`UPDATE cashiers SET ${sets.join(', ')} WHERE id = @id`).run(values);
    return this.get(id)!;
  }

  /** Swaps a PIN hash for a stronger hash of the same PIN, unless the PIN was changed meanwhile. */
  replacePinHash(id: string, oldHash: string, newHash: string, at: number): boolean {
    return this.db.prepare('UPDATE cashiers SET pin_hash = ?, updated_at = ? WHERE id = ? AND pin_hash = ?').run(newHash, at, id, oldHash).changes === 1;
  }

  /**
   * Counts one wrong PIN against a cashier in a single write transaction (never from a copy read
   * before the slow hash, which parallel attempts would all share), and locks the cashier once
   * `maxWrong` have been counted. A cashier already locked (by a concurrent attempt) is not counted
   * again and the lock is not extended: the answer then says `alreadyLocked`.
   */
  recordWrongPin(id: string, now: number, maxWrong: number, lockFor: (previousLocks: number) => number): WrongPinOutcome {
    return this.db.transaction((): WrongPinOutcome => {
      const counted = this.db
        .prepare(`UPDATE cashiers SET failed_attempts = failed_attempts + 1
                  WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?)
                  RETURNING failed_attempts, lock_count`)
        .get(id, now) as { failed_attempts: number; lock_count: number } | undefined;
      if (!counted) {
        const current = this.db.prepare('SELECT locked_until FROM cashiers WHERE id = ?').get(id) as { locked_until: number | null } | undefined;
        return { failedAttempts: 0, lockedUntil: current?.locked_until ?? null, newlyLocked: false, alreadyLocked: current !== undefined };
      }
      if (counted.failed_attempts < maxWrong) {
        return { failedAttempts: counted.failed_attempts, lockedUntil: null, newlyLocked: false, alreadyLocked: false };
      }
      const lockedUntil = now + lockFor(counted.lock_count);
      this.db.prepare('UPDATE cashiers SET failed_attempts = 0, lock_count = lock_count + 1, locked_until = ? WHERE id = ?').run(lockedUntil, id);
      return { failedAttempts: counted.failed_attempts, lockedUntil, newlyLocked: true, alreadyLocked: false };
    }).immediate();
  }

  /**
   * Records a right PIN, in one statement that also re-checks what the slow hash could not see
   * change: the cashier is still active, not locked (by a concurrent wrong attempt) and still has the
   * PIN hash that was checked. Returns false, changing nothing, when any of that no longer holds.
   */
  recordRightPin(id: string, checkedPinHash: string, now: number): boolean {
    const result = this.db
      .prepare(`UPDATE cashiers SET failed_attempts = 0, lock_count = 0, locked_until = NULL
                WHERE id = ? AND active = 1 AND pin_hash = ? AND (locked_until IS NULL OR locked_until <= ?)`)
      .run(id, checkedPinHash, now);
    return result.changes === 1;
  }
}

export interface WrongPinOutcome {
  /** Wrong PINs counted so far, this one included (0 when it was not counted). */
  failedAttempts: number;
  /** When the cashier is locked until (epoch ms), or null when not locked. */
  lockedUntil: number | null;
  /** This wrong PIN was the one that locked the cashier. */
  newlyLocked: boolean;
  /** The cashier was already locked by the time this wrong PIN was counted, so it was not. */
  alreadyLocked: boolean;
}
