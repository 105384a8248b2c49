// Demo, test and live money never mix, and nobody swaps the Stripe account under a shop unnoticed.
// At start (and after a restore) the running key's mode and account are compared with the ledger's
// binding: the same key, or a new key of the same account and mode, carries on; anything else (another
// account, test → live, a key dropped to demo) is a pending change, and the till refuses new charges
// until a manager approves it on the till with their PIN. Every decision is audited with both key
// fingerprints, never the key.
import type { StripeInfo } from '../../../shared/pos-contract';
import type { AuditLog } from '../ledger/audit-log';
import type { StripeBinding, StripeBindingStore, StripeMode } from '../settings/stripe-binding';
import { PAYMENT_INTENTS_WRITE, type RequiredPermission, type StripeAccountProbe } from '../stripe/stripe-account';

export type PendingStripeChange = NonNullable<StripeInfo['pendingChange']>;
/** What `app.info` says about Stripe. */
export type StripeStatus = StripeInfo;

/** The running key as the till knows it. */
export interface RunningStripeKey {
  mode: StripeMode;
  keyFingerprint: string | null;
}

export type BindingComparison = 'unbound' | 'same' | 'new_key_same_account' | 'changed';

/**
 * The same key (fingerprint) in the same mode is the same account. A different key is the same
 * account only when Stripe named both accounts and they match; when either is unknown (a restricted
 * key that may not read its account), a person has to say so.
 */
export function compareWithBinding(binding: StripeBinding | null, running: RunningStripeKey, account: string | null | undefined): BindingComparison {
  if (!binding) return 'unbound';
  if (binding.mode !== running.mode) return 'changed';
  if (binding.keyFingerprint === running.keyFingerprint) return 'same';
  if (account && binding.account === account) return 'new_key_same_account';
  return 'changed';
}

export const STRIPE_CHECKING =
  'The till is still checking which Stripe account its key belongs to; new sales can start as soon as Stripe has answered. Nothing was charged.';

export function pendingChangeRefusal(change: PendingStripeChange): string {
  const name = (mode: StripeMode, account: string | null) => `${mode}${account ? ` ${account}` : ''}`;
  return `The Stripe key changed from ${name(change.fromMode, change.fromAccount)} to ${name(change.toMode, change.toAccount)}. A manager must approve the change on the till before new sales. Nothing was charged.`;
}

export function missingPermissionRefusal(missing: readonly string[]): string {
  return `The restricted Stripe key lacks ${missing.join(', ')}: give the key these permissions in Stripe's dashboard and restart. Nothing was charged.`;
}

export interface StripeChangeGateOptions {
  bindings: StripeBindingStore;
  audit: AuditLog;
  running: RunningStripeKey;
  /** Null in demo mode (the embedded simulator is no account of the shop's). */
  probe: StripeAccountProbe | null;
  log: (message: string) => void;
  now?: () => number;
  /** Wait before asking Stripe again when it could not be reached (attempt 1, 2, …). */
  retryDelayMs?: (attempt: number) => number;
}

export class StripeChangeGate {
  private state: 'checking' | 'bound' | 'pending' = 'checking';
  private account: string | null = null;
  private accountName: string | null = null;
  /** False until Stripe has told the key's account (or that it will not). */
  private identified = false;
  private missing: RequiredPermission[] = [];
  private pending: PendingStripeChange | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private attempts = 0;
  private closed = false;
  private readonly now: () => number;

  constructor(private readonly options: StripeChangeGateOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Compares the running key with the ledger's binding; resolves once decided (or once Stripe was asked). */
  async check(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.pending = null;
    // The same key as the ledger's needs no answer from Stripe to carry on; a ledger bound to no key
    // yet (first start) takes this one at once, and its account as soon as Stripe names it.
    if (compareWithBinding(this.options.bindings.get(), this.options.running, undefined) === 'unbound') this.bindRunning('stripe.bound', null);
    const quick = compareWithBinding(this.options.bindings.get(), this.options.running, undefined);
    this.state = quick === 'same' ? 'bound' : 'checking';
    if (quick === 'same') this.account = this.options.bindings.get()?.account ?? null;
    if (this.options.probe) {
      try {
        const identity = await this.options.probe.identify();
        this.account = identity.account;
        this.accountName = identity.accountName;
        this.identified = true;
        this.missing = await this.options.probe.missingPermissions();
        if (this.missing.length > 0) this.options.log(missingPermissionRefusal(this.missing));
      } catch (error) {
        this.options.log(`Could not ask Stripe about the key's account (retrying): ${error instanceof Error ? error.message : String(error)}`);
        this.scheduleRetry();
        if (!this.identified) return;
      }
    } else {
      this.identified = true;
    }
    if (this.closed) return;
    this.decide();
  }

  private decide(): void {
    const binding = this.options.bindings.get();
    const running = this.options.running;
    const account = running.mode === 'demo' ? null : this.account;
    const comparison = compareWithBinding(binding, running, account);
    const fingerprints = { fromKey: binding?.keyFingerprint ?? null, toKey: running.keyFingerprint };
    if (comparison === 'same') {
      if (account && running.keyFingerprint) this.options.bindings.fillAccount(running.keyFingerprint, account);
      this.state = 'bound';
      return;
    }
    if (comparison === 'unbound' || comparison === 'new_key_same_account') {
      this.bindRunning(comparison === 'unbound' ? 'stripe.bound' : 'stripe.key_replaced', account, binding?.keyFingerprint ?? null);
      return;
    }
    this.pending = { fromMode: binding!.mode, fromAccount: binding!.account, toMode: running.mode, toAccount: account };
    this.state = 'pending';
    this.options.audit.record({ actor: 'system', action: 'stripe.change_pending', detail: { ...this.pending, ...fingerprints } }, this.now());
    this.options.log(pendingChangeRefusal(this.pending));
  }

  private bindRunning(action: string, account: string | null, fromKey: string | null = null): void {
    const running = this.options.running;
    const { adopted } = this.options.bindings.bind({ mode: running.mode, account, keyFingerprint: running.keyFingerprint, boundAt: this.now() });
    this.options.audit.record({ actor: 'system', action, detail: { mode: running.mode, account, fromKey, toKey: running.keyFingerprint, adoptedSales: adopted } }, this.now());
    this.state = 'bound';
  }

  private scheduleRetry(): void {
    if (this.closed) return;
    this.attempts += 1;
    const delay = this.options.retryDelayMs?.(this.attempts) ?? Math.min(60_000, 2_000 * 2 ** (this.attempts - 1));
    this.retryTimer = setTimeout(() => void this.check(), delay);
    this.retryTimer.unref();
  }

  /** Why charges are refused right now, or null. */
  chargesRefused(): string | null {
    if (this.state === 'checking') return STRIPE_CHECKING;
    if (this.state === 'pending' && this.pending) return pendingChangeRefusal(this.pending);
    if (this.missing.includes(PAYMENT_INTENTS_WRITE)) return missingPermissionRefusal(this.missing);
    return null;
  }

  status(): StripeStatus {
    const binding = this.options.bindings.get();
    const running = this.options.running;
    return {
      mode: running.mode,
      account: running.mode === 'demo' ? null : this.identified ? this.account : (binding?.account ?? null),
      accountName: running.mode === 'demo' ? null : this.accountName,
      pendingChange: this.pending ? { ...this.pending } : null,
      missingPermissions: [...this.missing],
    };
  }

  /** A manager approved the pending change on the till: the ledger is bound to the running key from now on. */
  approve(manager: { cashierId: string; name: string }): void {
    const change = this.pending;
    if (this.state !== 'pending' || !change) return;
    const before = this.options.bindings.get();
    const { adopted } = this.options.bindings.bind({
      mode: change.toMode,
      account: change.toAccount,
      keyFingerprint: this.options.running.keyFingerprint,
      boundAt: this.now(),
    });
    this.options.audit.record(
      {
        actor: manager.name,
        action: 'stripe.change_approved',
        detail: { ...change, fromKey: before?.keyFingerprint ?? null, toKey: this.options.running.keyFingerprint, by: manager.cashierId, adoptedSales: adopted },
      },
      this.now(),
    );
    this.pending = null;
    this.state = 'bound';
  }

  isPending(): boolean {
    return this.state === 'pending';
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }
}
