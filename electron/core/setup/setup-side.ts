// Setting the till up in the app: the Stripe key (tested with Stripe before it is kept), the webhook
// secret and relay, kept by the host's secret keeper; the wizard's progress; a restart between sales
// so what was kept takes effect. Secrets go in and are never handed back: the status only says
// whether each is set, and audit entries carry a key's fingerprint, never the key.
import type { PosHandlers } from '../api/pos-dispatch';
import { PosError } from '../../../shared/pos-error';
import type { PosEvent } from '../../../shared/pos-contract';
import type { SetupStatus } from '../../../shared/setup';
import { isUndeliverableShopEmail, settingSources, stripeModeOf, type CoreConfig, type SettingSources } from '../config/core-config';
import type { AuditLog } from '../ledger/audit-log';
import type { LedgerDb } from '../ledger/open-ledger';
import type { CallContext } from '../pos-core-types';
import { keyFingerprint } from '../settings/stripe-binding';
import { KEPT_NAMES, readKeptSettings } from './kept-secrets';
import type { SecretKeeper, SetupHostPort } from './setup-ports';

export type { SecretKeeper, SetupHostPort } from './setup-ports';
import { checkRelayReachable, mergePushSettings } from './push-settings';
import { SetupRecords } from './setup-records';
import { apiBaseFor, testStripeConnection } from './stripe-connection-test';
import { checkStripeKeyShape } from './stripe-key-shape';

type SetupOps = 'setup.status' | 'setup.testStripe' | 'setup.saveStripe' | 'setup.forgetStripe' | 'setup.savePush' | 'setup.complete' | 'setup.restart';

export interface SetupSideOptions {
  host?: SetupHostPort;
  emit: (event: PosEvent) => void;
  config: CoreConfig;
  db: LedgerDb;
  audit: AuditLog;
  /** A sale is waiting for payment (or being created): connections change only between sales. */
  saleInProgress: () => boolean;
  /** The running key's account, as the start-up check found it. */
  runningAccount: () => { account: string | null; accountName: string | null };
  log: (message: string) => void;
  /** Per request to Stripe or the relay while testing (tests shorten it). */
  probeTimeoutMs?: number;
}

const SALE_IN_PROGRESS = 'A sale is waiting for payment: finish or cancel it first, then try again. Nothing was changed.';

export function createSetupSide(options: SetupSideOptions) {
  const { config, audit } = options;
  const keeper: SecretKeeper = options.host?.secrets ?? { persistent: () => false, read: () => null, write: () => undefined, delete: () => false };
  const records = new SetupRecords(options.db);
  let restartPending = false;
  let restarting = false;
  let closed = false;

  // Without a host (a core started by a test or another tool) the configuration is all it has: its values count as given.
  const configEnv: NodeJS.ProcessEnv = {
    ...(config.stripeSecretKey ? { STRIPE_SECRET_KEY: 'set' } : {}),
    ...(config.stripeWebhookSecrets.length > 0 ? { STRIPE_WEBHOOK_SECRET: 'set' } : {}),
    ...(config.relayUrl ? { POS_RELAY_URL: config.relayUrl, POS_RELAY_TOKEN: config.relayToken ? 'set' : undefined } : {}),
  };
  const env = () => (options.host ? (options.host.environment?.() ?? {}) : configEnv);
  /** Where each setting will come from at the next start: the environment wins, then what is kept. */
  const sources = (): SettingSources => settingSources(env(), readKeptSettings(keeper, options.log));

  function status(): SetupStatus {
    const kept = readKeptSettings(keeper, options.log);
    const from = settingSources(env(), kept);
    const running = options.runningAccount();
    // Stripe: the key the till runs with now (its source: where the key of the next start comes from).
    // Webhooks and relay: what the next start runs with, so a saved value shows as set at once.
    const relayUrl = from.relay === 'environment' ? (env().POS_RELAY_URL ?? null) : from.relay === 'settings' ? (kept.relayUrl ?? null) : null;
    return {
      completed: records.completed(),
      stripe: { source: from.stripe, mode: stripeModeOf(config.stripeSecretKey), account: running.account, accountName: running.accountName },
      webhookSecretSet: from.webhookSecret !== 'none',
      relay: {
        url: relayUrl,
        tokenSet: from.relay === 'environment' ? Boolean(env().POS_RELAY_TOKEN) : from.relay === 'settings' ? Boolean(kept.relayToken) : false,
      },
      secureStorage: keeper.persistent(),
      restartPending,
    };
  }

  const changed = (): SetupStatus => {
    restartPending = true;
    const now = status();
    options.emit({ type: 'setup.updated', data: now });
    return now;
  };

  const betweenSales = () => {
    if (options.saleInProgress()) throw new PosError('conflict', SALE_IN_PROGRESS, undefined, { setupProblem: 'sale_in_progress' });
  };

  /** Writes or deletes kept values; a keeper that cannot keep secrets safely keeps nothing. */
  const keep = (values: Record<string, string | null>) => {
    try {
      for (const [name, value] of Object.entries(values)) {
        if (value === null) keeper.delete(name);
        else keeper.write(name, value);
      }
    } catch {
      // The keeper's own error may name the file; the screen words the problem itself.
      throw new PosError(
        'conflict',
        "This computer offers no secure storage for secrets (on Linux: install and unlock a keyring such as GNOME Keyring or KWallet), so nothing was saved. IT can set it in the environment instead.",
        undefined,
        { setupProblem: 'storage_unavailable' },
      );
    }
  };

  const who = (context: CallContext) => ({ cashierId: context.cashierId ?? null, name: context.cashier ?? null });
  const testOptions = { apiBase: config.stripeApiBase, timeoutMs: options.probeTimeoutMs };

  const handlers: Pick<PosHandlers, SetupOps> = {
    'setup.status': () => status(),
    'setup.testStripe': (input) => testStripeConnection(input, testOptions),
    'setup.saveStripe': async (input, context) => {
      betweenSales();
      const checked = checkStripeKeyShape(input.secretKey, input.mode);
      apiBaseFor(checked.mode, config.stripeApiBase);
      // The till would refuse to start in LIVE mode without it (Stripe sends refund instructions there).
      if (checked.mode === 'live' && isUndeliverableShopEmail(config.shopEmail)) {
        throw new PosError(
          'conflict',
          "LIVE mode needs the shop's real email address (POS_SHOP_EMAIL), where Stripe sends PromptPay refund instructions: ask IT to set it, then save the live key. Nothing was saved.",
          'secretKey',
          { setupProblem: 'live_needs_email' },
        );
      }
      const tested = await testStripeConnection(input, testOptions);
      if (tested.promptPay === 'inactive') {
        throw new PosError(
          'invalid_input',
          `This Stripe account${tested.country ? ` (${tested.country})` : ''} cannot take PromptPay, the only way the till charges through Stripe: use a Thai account and turn PromptPay on in Stripe's dashboard (Settings → Payment methods). Nothing was saved.`,
          'secretKey',
          { setupProblem: 'promptpay_unavailable' },
        );
      }
      betweenSales();
      keep({ [KEPT_NAMES.stripeSecretKey]: checked.key });
      const fingerprint = keyFingerprint(checked.key);
      // A manager chose this account and mode: the next start binds the ledger to it as their approval.
      records.preapprove({ mode: checked.mode, account: tested.account, keyFingerprint: fingerprint, by: who(context), at: Date.now() });
      audit.record({
        actor: context.cashier ?? null,
        action: 'setup.stripe_saved',
        detail: { mode: checked.mode, keyKind: checked.kind, account: tested.account, key: fingerprint, kept: keeper.persistent() ? 'keychain' : 'this run' },
      });
      return changed();
    },
    'setup.forgetStripe': (_input, context) => {
      betweenSales();
      const before = readKeptSettings(keeper).stripeSecretKey ?? null;
      keep({ [KEPT_NAMES.stripeSecretKey]: null });
      // Demo from the next start (unless the environment sets a key), chosen by a manager.
      if (sources().stripe === 'none') records.preapprove({ mode: 'demo', account: null, keyFingerprint: null, by: who(context), at: Date.now() });
      audit.record({ actor: context.cashier ?? null, action: 'setup.stripe_forgotten', detail: { key: keyFingerprint(before) } });
      return changed();
    },
    'setup.savePush': async (input, context) => {
      betweenSales();
      const kept = readKeptSettings(keeper, options.log);
      const current = { webhookSecret: kept.webhookSecret ?? null, relayUrl: kept.relayUrl ?? null, relayToken: kept.relayToken ?? null };
      const next = mergePushSettings(current, input);
      if (next.relayUrl && next.relayToken && (next.relayUrl !== current.relayUrl || next.relayToken !== current.relayToken)) {
        await checkRelayReachable(next.relayUrl, next.relayToken, options.probeTimeoutMs);
      }
      keep({ [KEPT_NAMES.webhookSecret]: next.webhookSecret, [KEPT_NAMES.relayUrl]: next.relayUrl, [KEPT_NAMES.relayToken]: next.relayToken });
      audit.record({
        actor: context.cashier ?? null,
        action: 'setup.push_saved',
        detail: { webhookSecretSet: next.webhookSecret !== null, relayUrl: next.relayUrl, relayTokenSet: next.relayToken !== null },
      });
      return changed();
    },
    'setup.complete': (_input, context) => {
      if (!records.completed()) {
        records.markCompleted();
        audit.record({ actor: context.cashier ?? null, action: 'setup.completed', detail: null });
      }
      const now = status();
      options.emit({ type: 'setup.updated', data: now });
      return now;
    },
    'setup.restart': (_input, context) => {
      betweenSales();
      const host = options.host;
      if (!host) throw new PosError('conflict', 'This till cannot restart itself: quit and start it again.');
      if (restarting || closed) throw new PosError('conflict', 'The till is already restarting.');
      restarting = true;
      audit.record({ actor: context.cashier ?? null, action: 'setup.restart', detail: null });
      options.log('Restarting the till so the saved setup takes effect.');
      // After this answer has gone out: the restart closes the very transport carrying it.
      setTimeout(() => {
        void Promise.resolve()
          .then(() => host.restart())
          .catch((error: unknown) => {
            restarting = false;
            options.log(`The restart failed: ${error instanceof Error ? error.message : String(error)}`);
          });
      }, 0);
      return status();
    },
  };
  return {
    handlers,
    close: () => {
      closed = true;
    },
  };
}
