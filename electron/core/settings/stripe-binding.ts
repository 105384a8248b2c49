// The Stripe mode and account the ledger is bound to (one row in `stripe_binding`). Sales are stamped
// with it, and reports, exports and history cover it only: demo or test money never lands in live
// totals. It changes only when a manager approves a different key's mode/account on the till.
import { createHash } from 'node:crypto';
import type { LedgerDb } from '../ledger/open-ledger';

export type StripeMode = 'demo' | 'test' | 'live';

/** Which money a report covers: the sales taken in this mode and account (null: before modes were kept / demo). */
export interface LedgerScope {
  mode: StripeMode | null;
  account: string | null;
}

export interface StripeBinding {
  mode: StripeMode;
  /** Stripe's account id (acct_…), null in demo or when the key may not read its account. */
  account: string | null;
  /** See keyFingerprint: identifies the key without holding it. */
  keyFingerprint: string | null;
  boundAt: number;
}

/**
 * A short SHA-256 prefix of the API key: tells two keys apart (and one key again) in the ledger and the
 * audit log, and cannot be turned back into the key. Null in demo mode (no key of the shop's).
 */
export function keyFingerprint(secretKey: string | null): string | null {
  return secretKey ? `sha256:${createHash('sha256').update(secretKey).digest('hex').slice(0, 16)}` : null;
}

/** The scope reports cover: the ledger's binding; an unbound ledger covers only unstamped rows. */
export function ledgerScope(db: LedgerDb): LedgerScope {
  const row = db.prepare('SELECT mode, account FROM stripe_binding WHERE id = 1').get() as { mode: StripeMode; account: string | null } | undefined;
  return row ? { mode: row.mode, account: row.account } : { mode: null, account: null };
}

/** SQL that keeps the rows of `scope` (bind @scopeMode and @scopeAccount with scopeParams). */
export function scopeSql(alias = ''): string {
  const prefix = alias ? `${alias}.` : '';
  return `${prefix}mode IS @scopeMode AND ${prefix}account IS @scopeAccount`;
}

export function scopeParams(scope: LedgerScope): { scopeMode: StripeMode | null; scopeAccount: string | null } {
  return { scopeMode: scope.mode, scopeAccount: scope.account };
}

export class StripeBindingStore {
  constructor(private readonly db: LedgerDb) {}

  get(): StripeBinding | null {
    const row = this.db.prepare('SELECT mode, account, key_fingerprint, bound_at FROM stripe_binding WHERE id = 1').get() as
      | { mode: StripeMode; account: string | null; key_fingerprint: string | null; bound_at: number }
      | undefined;
    return row ? { mode: row.mode, account: row.account, keyFingerprint: row.key_fingerprint, boundAt: row.bound_at } : null;
  }

  /**
   * Binds the ledger to `binding`. Sales from before modes were kept (mode NULL, not demo) were taken
   * with a real key: the first test or live binding adopts them, as the till's own key most likely took them.
   */
  bind(binding: StripeBinding): { adopted: number } {
    return this.db.transaction(() => {
      this.db
        .prepare(`INSERT INTO stripe_binding (id, mode, account, key_fingerprint, bound_at) VALUES (1, @mode, @account, @keyFingerprint, @boundAt)
                  ON CONFLICT (id) DO UPDATE SET mode = excluded.mode, account = excluded.account, key_fingerprint = excluded.key_fingerprint, bound_at = excluded.bound_at`)
        .run(binding);
      if (binding.mode === 'demo') return { adopted: 0 };
      const adopted = this.db.prepare('UPDATE sales SET mode = ?, account = ? WHERE mode IS NULL').run(binding.mode, binding.account).changes;
      return { adopted };
    }).immediate();
  }

  /**
   * Stripe named the account of the very key the ledger is bound to (the ledger was bound before it
   * answered): the binding, and the sales stamped while the account was unknown, get it.
   */
  fillAccount(fingerprint: string, account: string): void {
    this.db.transaction(() => {
      const bound = this.get();
      if (!bound || bound.account !== null || bound.keyFingerprint !== fingerprint) return;
      this.db.prepare('UPDATE stripe_binding SET account = ? WHERE id = 1').run(account);
      this.db.prepare('UPDATE sales SET account = ? WHERE mode = ? AND account IS NULL').run(account, bound.mode);
    }).immediate();
  }
}
