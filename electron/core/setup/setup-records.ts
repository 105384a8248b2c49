// What setup remembers in the ledger's `settings` table under its own keys (the shop's settings store
// reads only its own): whether the wizard was finished, and a manager's choice of Stripe key waiting
// for the next start. That choice is applied at start, before the till takes a sale, as if the
// manager had approved the change on the till: they chose this account and mode with their PIN.
import type { AuditLog } from '../ledger/audit-log';
import type { LedgerDb } from '../ledger/open-ledger';
import { StripeBindingStore, type StripeMode } from '../settings/stripe-binding';

const COMPLETED = 'setup.completed';
const PREAPPROVED = 'setup.stripe_preapproved';

export interface StripePreapproval {
  mode: StripeMode;
  account: string | null;
  /** keyFingerprint() of the chosen key (null: demo, the key was forgotten). */
  keyFingerprint: string | null;
  by: { cashierId: string | null; name: string | null };
  at: number;
}

export class SetupRecords {
  constructor(private readonly db: LedgerDb) {}

  private read<T>(key: string): T | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : null;
  }

  private write(key: string, value: unknown): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
  }

  completed(): boolean {
    return this.read<boolean>(COMPLETED) === true;
  }

  markCompleted(): void {
    this.write(COMPLETED, true);
  }

  preapproval(): StripePreapproval | null {
    return this.read<StripePreapproval>(PREAPPROVED);
  }

  preapprove(choice: StripePreapproval): void {
    this.write(PREAPPROVED, choice);
  }

  clearPreapproval(): void {
    this.db.prepare('DELETE FROM settings WHERE key = ?').run(PREAPPROVED);
  }
}

/**
 * At start, before the Stripe gate compares the running key with the ledger: if a manager chose
 * exactly this key (same fingerprint and mode) in setup, the ledger is bound to it now, audited as
 * their approval. Any other key still waits for a manager on the till. The choice is used once.
 */
export function applyStripePreapproval(options: { db: LedgerDb; audit: AuditLog; running: { mode: StripeMode; keyFingerprint: string | null }; now?: number }): boolean {
  const records = new SetupRecords(options.db);
  const choice = records.preapproval();
  if (!choice) return false;
  records.clearPreapproval();
  const { running } = options;
  if (choice.mode !== running.mode || choice.keyFingerprint !== running.keyFingerprint) return false;
  const bindings = new StripeBindingStore(options.db);
  const before = bindings.get();
  if (before && before.mode === running.mode && before.keyFingerprint === running.keyFingerprint) return false;
  const now = options.now ?? Date.now();
  const { adopted } = bindings.bind({ mode: choice.mode, account: choice.account, keyFingerprint: choice.keyFingerprint, boundAt: now });
  options.audit.record(
    {
      actor: choice.by.name ?? 'setup',
      action: 'stripe.change_approved',
      detail: {
        fromMode: before?.mode ?? null,
        fromAccount: before?.account ?? null,
        toMode: choice.mode,
        toAccount: choice.account,
        fromKey: before?.keyFingerprint ?? null,
        toKey: choice.keyFingerprint,
        by: choice.by.cashierId,
        via: 'setup',
        chosenAt: choice.at,
        adoptedSales: adopted,
      },
    },
    now,
  );
  return true;
}
