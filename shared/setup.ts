// Setting the till up in the app (first-run wizard and Settings) rather than in environment variables:
// connecting Stripe (tested before it is kept), webhooks and the relay, this computer's screens, and
// updates. The schemas are the one validation of these inputs for IPC and HTTP alike.
import { z } from 'zod';

/**
 * Why a setup step was refused, as a code the screens word in Thai and English (PosErrorDetails.setupProblem).
 * Never carries the key itself.
 */
export const SETUP_PROBLEMS = [
  /** Nothing pasted. */
  'key_empty',
  /** A publishable key (pk_…): the till needs the secret or a restricted key. */
  'publishable_key',
  /** Not shaped like a Stripe secret (sk_…) or restricted (rk_…) key at all. */
  'key_shape',
  /** Stripe answered 401: the key was mistyped, rolled or deleted. */
  'key_rejected',
  /** A test key where live was chosen, or a live key where test was chosen. */
  'wrong_mode',
  /** A restricted key lacks a permission the till needs (details.missingPermissions names them). */
  'missing_permissions',
  /** Stripe could not be reached (no internet, firewall, proxy): nothing was saved. */
  'stripe_unreachable',
  /** The account cannot take PromptPay (not a Thai account, or PromptPay not enabled). */
  'promptpay_unavailable',
  /** Not a webhook signing secret (whsec_…). */
  'webhook_secret_shape',
  /** Not an https:// URL (http:// only for this computer, 127.0.0.1/localhost). */
  'relay_url',
  /** A relay URL without this till's token. */
  'relay_token_missing',
  /** A relay without the webhook signing secret: the till checks Stripe's signature on every relayed event. */
  'relay_needs_webhook_secret',
  /** The relay could not be reached, or refused the token. */
  'relay_unreachable',
  'relay_refused',
  /** The OS offers no secure storage for secrets (Linux without a keyring): nothing was saved. */
  'storage_unavailable',
  /** A sale is waiting for payment: connections change (and updates install) only between sales. */
  'sale_in_progress',
  /** A live key on a till whose STRIPE_API_BASE points at a test server: a live key only ever goes to Stripe. */
  'live_key_test_server',
  /** A live key without the shop's real email (POS_SHOP_EMAIL), where Stripe sends refund instructions. */
  'live_needs_email',
] as const;
export type SetupProblem = (typeof SETUP_PROBLEMS)[number];

/** What the manager pastes to connect Stripe, and the mode they mean to run in. */
export const stripeConnectionInput = z.strictObject({
  /** Checked by the core (shape, mode, Stripe's answer) so each problem gets its own message. */
  secretKey: z.string().max(300, 'a Stripe key is at most 300 characters'),
  mode: z.enum(['test', 'live']),
});

/** Webhook signing secret and relay: undefined keeps what is set, null removes it. */
export const pushSettingsInput = z.strictObject({
  webhookSecret: z.string().max(300).nullable().optional(),
  relayUrl: z.string().trim().max(500).nullable().optional(),
  relayToken: z.string().max(500).nullable().optional(),
});

export interface StripePermissionCheck {
  /** As Stripe's dashboard names it, e.g. 'PaymentIntents: Write'. */
  label: string;
  ok: boolean;
  /** True for a permission the till works without (Stripe's fees in reports); absent for needed ones. */
  optional?: boolean;
}

/** What "Test connection" found: the account the key belongs to. Never the key. */
export interface StripeConnectionTest {
  mode: 'test' | 'live';
  keyKind: 'secret' | 'restricted';
  /** acct_…; null when a restricted key may not read its account. */
  account: string | null;
  accountName: string | null;
  /** ISO country, e.g. 'TH'; null when not readable. */
  country: string | null;
  /** Every permission the till needs, checked (all ok for a secret key). */
  permissions: StripePermissionCheck[];
  /** Whether Stripe says the account can take PromptPay ('unknown' when the key may not read it). */
  promptPay: 'active' | 'inactive' | 'unknown';
}

export type SettingSource = 'settings' | 'environment' | 'none';

export interface SetupStatus {
  /** The first-run wizard was finished (or demo chosen) on this till. */
  completed: boolean;
  stripe: {
    source: SettingSource;
    mode: 'demo' | 'test' | 'live';
    account: string | null;
    accountName: string | null;
  };
  webhookSecretSet: boolean;
  relay: { url: string | null; tokenSet: boolean };
  /** Secrets can be kept across restarts here (desktop with the OS keychain); else this run only. */
  secureStorage: boolean;
  /** Saved changes take effect when the till restarts (between sales). */
  restartPending: boolean;
}

/** A monitor the desktop app can show the customer display on. */
export interface DesktopDisplay {
  id: number;
  label: string;
  /** Where it sits in the desktop's layout (px), so the screens can draw the monitors as arranged. */
  x: number;
  y: number;
  width: number;
  height: number;
  primary: boolean;
  /** The cashier window is on it (the customer window never goes there). */
  till: boolean;
}

export interface DesktopInfo {
  /** False in browser mode: no monitors or kiosk to choose; the display is a browser tab or a paired tablet. */
  available: boolean;
  displays: DesktopDisplay[];
  /** Where the customer window goes: 'auto' (the first monitor that is not the till's), a monitor id, or off. */
  customerDisplay: 'auto' | 'off' | number;
  /** The monitor the customer window is on now (null: not shown). */
  customerDisplayNow: number | null;
  /**
   * Someone closed the customer window on this computer: it stays hidden until a manager shows it again
   * (desktop.setCustomerDisplay, any choice) or a monitor is plugged in. Absent: never closed (browser mode).
   */
  customerDisplayClosed?: boolean;
  /** The cashier window in kiosk mode (full screen, no leaving it without a manager). */
  kiosk: boolean;
}

export const setCustomerDisplayInput = z.strictObject({
  display: z.union([z.literal('auto'), z.literal('off'), z.number().int().min(0)]),
});
export const setKioskInput = z.strictObject({ kiosk: z.boolean() });

export interface UpdateStatus {
  /** False where updates are not handled by the app (browser mode, development, no feed configured). */
  available: boolean;
  state: 'idle' | 'checking' | 'downloading' | 'ready' | 'error';
  currentVersion: string;
  /** The downloaded version waiting to be installed (state 'ready'). */
  readyVersion: string | null;
  /** 0–100 while downloading. */
  percent: number | null;
  /** A short reason for 'error' (never a URL's credentials). */
  error: string | null;
  lastCheckedAt: number | null;
}
