// Setting the till up in the app: the first-run wizard's steps and Settings' Stripe and webhook
// sections. A pasted key lives here only until it is saved (then the field is cleared) and is never
// read back from the core, which answers with whether things are set, never their values.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MessageKey } from '../../shared/i18n/translate';
import type { ShopSettings } from '../../shared/manager-types';
import type { PosErrorBody } from '../../shared/pos-error';
import type { SetupProblem, SetupStatus, StripeConnectionTest } from '../../shared/setup';
import type { RendererTransport, TransportErrorBody } from '../transport/renderer-transport';
import { shownError, type ShownError } from './auth-error';

export const SETUP_STEPS = ['shop', 'payments', 'push', 'till'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

/** Which input a refusal belongs beside (its message sits there, announced). */
export type SetupField = 'secretKey' | 'webhookSecret' | 'relayUrl' | 'relayToken' | 'general';

/** A refusal worded by the screen from the core's facts (never from its English message). */
export type SetupRefusal =
  | { kind: 'problem'; problem: SetupProblem; field: SetupField; missingPermissions: string[]; keyMode: 'test' | 'live' | null; chosenMode: 'test' | 'live' | null }
  | { kind: 'error'; field: 'general'; error: ShownError };

const FIELD_OF: Record<SetupProblem, SetupField> = {
  key_empty: 'secretKey',
  publishable_key: 'secretKey',
  key_shape: 'secretKey',
  key_rejected: 'secretKey',
  wrong_mode: 'secretKey',
  missing_permissions: 'secretKey',
  stripe_unreachable: 'secretKey',
  promptpay_unavailable: 'secretKey',
  webhook_secret_shape: 'webhookSecret',
  relay_url: 'relayUrl',
  relay_token_missing: 'relayToken',
  relay_needs_webhook_secret: 'webhookSecret',
  relay_unreachable: 'relayUrl',
  relay_refused: 'relayToken',
  storage_unavailable: 'general',
  sale_in_progress: 'general',
  // Both are about the live key pasted (the till's own settings are IT's): said by the key.
  live_key_test_server: 'secretKey',
  live_needs_email: 'secretKey',
};

/** What the screen says about a refused setup call, from `details` and `field` alone. */
export function setupRefusalOf(error: PosErrorBody | TransportErrorBody, chosenMode: 'test' | 'live' | null = null): SetupRefusal {
  const problem = 'unreachable' in error && error.unreachable ? undefined : error.details?.setupProblem;
  if (problem) {
    return {
      kind: 'problem',
      problem,
      field: FIELD_OF[problem],
      missingPermissions: error.details?.missingPermissions ?? [],
      keyMode: error.details?.keyMode ?? null,
      chosenMode,
    };
  }
  return { kind: 'error', field: 'general', error: shownError(error) };
}

/** The message key and its facts for a refusal (the component translates the modes it names). */
export function setupRefusalMessage(refusal: SetupRefusal): { key: MessageKey; permissions?: string[]; keyMode?: 'test' | 'live'; chosenMode?: 'test' | 'live' } {
  if (refusal.kind === 'error') return { key: refusal.error.key };
  const key: MessageKey = `setup.problem.${refusal.problem}`;
  if (refusal.problem === 'missing_permissions') return { key, permissions: refusal.missingPermissions };
  if (refusal.problem === 'wrong_mode') {
    const keyMode = refusal.keyMode ?? (refusal.chosenMode === 'live' ? 'test' : 'live');
    return { key, keyMode, chosenMode: refusal.chosenMode ?? (keyMode === 'live' ? 'test' : 'live') };
  }
  return { key };
}

export type PaymentsChoice = 'undecided' | 'demo' | 'stripe';

export interface SetupState {
  status: SetupStatus | null;
  loading: boolean;
  /** The wizard is on screen (first run, or opened from "Finish setting up"). */
  wizardOpen: boolean;
  step: number;
  payments: PaymentsChoice;
  mode: 'test' | 'live';
  /** The pasted key: never shown back (a password field), cleared once saved. */
  secretKey: string;
  testing: boolean;
  saving: boolean;
  tested: StripeConnectionTest | null;
  /** 'saved' after a key was kept; 'forgotten' after Forget key. */
  stripeNote: 'saved' | 'forgotten' | null;
  /** Settings: the Change key form is open. */
  changingKey: boolean;
  confirmForget: boolean;
  webhookSecret: string;
  relayUrl: string;
  relayToken: string;
  pushSaving: boolean;
  pushSaved: boolean;
  restarting: boolean;
  completing: boolean;
  refusal: SetupRefusal | null;
  /** Which part refused: the Stripe key (and restart), or the webhook and relay. */
  refusalFor: 'stripe' | 'push' | null;
  logoSaving: boolean;
  logoProblem: MessageKey | null;
}

export interface SetupActions {
  load(): Promise<void>;
  openWizard(): void;
  closeWizard(): void;
  goTo(step: number): void;
  next(): void;
  back(): void;
  choosePayments(choice: PaymentsChoice): void;
  setMode(mode: 'test' | 'live'): void;
  setSecretKey(key: string): void;
  testKey(): Promise<boolean>;
  saveKey(): Promise<boolean>;
  startChangeKey(open: boolean): void;
  askForget(open: boolean): void;
  forgetKey(): Promise<boolean>;
  setPush(patch: Partial<Pick<SetupState, 'webhookSecret' | 'relayUrl' | 'relayToken'>>): void;
  /** Saves what was typed; an empty box keeps what is set. */
  savePush(): Promise<boolean>;
  /** Removes the webhook secret and the relay. */
  removePush(): Promise<boolean>;
  restart(): Promise<boolean>;
  /** The wizard is done: the till stops offering it. */
  complete(): Promise<boolean>;
  onStatus(status: SetupStatus): void;
  /** Saves the shop's logo (a data URL already shrunk by the screen), or removes it. */
  saveLogo(logo: string | null): Promise<ShopSettings | null>;
  setLogoProblem(problem: MessageKey | null): void;
}

export type SetupStore = StoreApi<SetupState & SetupActions>;

export function createSetupStore({ transport }: { transport: RendererTransport }): SetupStore {
  return createStore<SetupState & SetupActions>()((set, get) => {
    const refuse = (error: PosErrorBody | TransportErrorBody, chosen: 'test' | 'live' | null = null, refusalFor: 'stripe' | 'push' = 'stripe') =>
      set({ refusal: setupRefusalOf(error, chosen), refusalFor });
    const clearKeyForm = { secretKey: '', tested: null, refusal: null } as const;

    return {
      status: null,
      loading: false,
      wizardOpen: false,
      step: 0,
      payments: 'undecided',
      mode: 'test',
      secretKey: '',
      testing: false,
      saving: false,
      tested: null,
      stripeNote: null,
      changingKey: false,
      confirmForget: false,
      webhookSecret: '',
      relayUrl: '',
      relayToken: '',
      pushSaving: false,
      pushSaved: false,
      restarting: false,
      completing: false,
      refusal: null,
      refusalFor: null,
      logoSaving: false,
      logoProblem: null,

      async load() {
        set({ loading: true });
        const result = await transport.call('setup.status', {});
        set({ loading: false });
        if (result.ok) get().onStatus(result.value);
        else refuse(result.error);
      },

      openWizard() {
        set({ wizardOpen: true, step: 0, refusal: null, stripeNote: null, pushSaved: false });
      },

      closeWizard() {
        set({ wizardOpen: false, ...clearKeyForm, webhookSecret: '', relayToken: '' });
      },

      goTo(step) {
        set({ step: Math.max(0, Math.min(SETUP_STEPS.length - 1, step)), refusal: null });
      },

      next() {
        get().goTo(get().step + 1);
      },

      back() {
        get().goTo(get().step - 1);
      },

      choosePayments(payments) {
        set({ payments, refusal: null });
      },

      setMode(mode) {
        // The test's answer was for the other mode: test again.
        set({ mode, tested: null, refusal: null, stripeNote: null });
      },

      setSecretKey(secretKey) {
        set({ secretKey, tested: null, refusal: null, stripeNote: null });
      },

      async testKey() {
        const { secretKey, mode, testing } = get();
        if (testing) return false;
        set({ testing: true, refusal: null, tested: null });
        const result = await transport.call('setup.testStripe', { secretKey: secretKey.trim(), mode });
        set({ testing: false });
        if (!result.ok) {
          refuse(result.error, mode);
          return false;
        }
        set({ tested: result.value });
        return true;
      },

      async saveKey() {
        const { secretKey, mode, saving } = get();
        if (saving) return false;
        set({ saving: true, refusal: null });
        const result = await transport.call('setup.saveStripe', { secretKey: secretKey.trim(), mode });
        set({ saving: false });
        if (!result.ok) {
          refuse(result.error, mode);
          return false;
        }
        // Kept by the core now: the screen forgets it.
        set({ ...clearKeyForm, status: result.value, stripeNote: 'saved', changingKey: false });
        return true;
      },

      startChangeKey(open) {
        set({ changingKey: open, ...clearKeyForm, stripeNote: null });
      },

      askForget(open) {
        set({ confirmForget: open, refusal: null });
      },

      async forgetKey() {
        set({ saving: true, refusal: null });
        const result = await transport.call('setup.forgetStripe', {});
        set({ saving: false, confirmForget: false });
        if (!result.ok) {
          refuse(result.error);
          return false;
        }
        set({ status: result.value, stripeNote: 'forgotten', changingKey: false });
        return true;
      },

      setPush(patch) {
        set({ ...patch, refusal: null, pushSaved: false });
      },

      async savePush() {
        const { webhookSecret, relayUrl, relayToken, pushSaving, status } = get();
        if (pushSaving) return false;
        const input: { webhookSecret?: string; relayUrl?: string; relayToken?: string } = {};
        if (webhookSecret.trim()) input.webhookSecret = webhookSecret.trim();
        if (relayUrl.trim() && relayUrl.trim() !== status?.relay.url) input.relayUrl = relayUrl.trim();
        if (relayToken.trim()) input.relayToken = relayToken.trim();
        if (Object.keys(input).length === 0) return true;
        set({ pushSaving: true, refusal: null });
        const result = await transport.call('setup.savePush', input);
        set({ pushSaving: false });
        if (!result.ok) {
          refuse(result.error, null, 'push');
          return false;
        }
        set({ status: result.value, webhookSecret: '', relayToken: '', relayUrl: result.value.relay.url ?? '', pushSaved: true });
        return true;
      },

      async removePush() {
        set({ pushSaving: true, refusal: null });
        const result = await transport.call('setup.savePush', { webhookSecret: null, relayUrl: null, relayToken: null });
        set({ pushSaving: false });
        if (!result.ok) {
          refuse(result.error, null, 'push');
          return false;
        }
        set({ status: result.value, webhookSecret: '', relayToken: '', relayUrl: '', pushSaved: true });
        return true;
      },

      async restart() {
        if (get().restarting) return false;
        set({ restarting: true, refusal: null });
        const result = await transport.call('setup.restart', {});
        if (!result.ok) {
          set({ restarting: false });
          refuse(result.error);
          return false;
        }
        // The core goes away and comes back: the transports reconnect, the session ends (sign in again).
        set({ status: result.value });
        return true;
      },

      async complete() {
        if (get().completing) return false;
        set({ completing: true, refusal: null });
        const result = await transport.call('setup.complete', {});
        set({ completing: false });
        if (!result.ok) {
          refuse(result.error);
          return false;
        }
        set({ status: result.value, wizardOpen: false, ...clearKeyForm, webhookSecret: '', relayToken: '' });
        return true;
      },

      async saveLogo(logo) {
        set({ logoSaving: true, logoProblem: null });
        const result = await transport.call('settings.update', { shopLogo: logo });
        set({ logoSaving: false });
        if (!result.ok) {
          set({ logoProblem: result.error.code === 'invalid_input' ? 'setup.shop.logoBad' : shownError(result.error).key });
          return null;
        }
        return result.value;
      },

      setLogoProblem(logoProblem) {
        set({ logoProblem });
      },

      onStatus(status) {
        set({ status, relayUrl: get().relayUrl || (status.relay.url ?? '') });
      },
    };
  });
}
