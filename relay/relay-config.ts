// The relay's configuration: validated options for startRelay(), and parsing them from the
// environment (RELAY_* and STRIPE_WEBHOOK_SECRET). Error messages never echo a secret or a token.
import path from 'node:path';
import { DEFAULT_RETENTION_DAYS } from './retention';

export const DEFAULT_RELAY_PORT = 4400;
/** Loopback by default; deployments set RELAY_HOST=0.0.0.0 behind their TLS terminator. */
export const DEFAULT_RELAY_HOST = '127.0.0.1';
export const DEFAULT_RELAY_DATA_DIR = './relay-data';
export const MIN_TILL_TOKEN_LENGTH = 16;

export interface TillToken {
  token: string;
  /** A connected account id (acct_…) to bind the till to, or null for every account's events. */
  account: string | null;
}

export interface RelayOptions {
  host?: string;
  /** 0 = a random free port. */
  port?: number;
  dataDir: string;
  webhookSecrets: string[];
  tillTokens: TillToken[];
  retentionDays?: number;
  heartbeatMs?: number;
  /** How long a till's connection may stop draining before it is dropped (default 30 s). */
  stallTimeoutMs?: number;
  /** Clock (ms since epoch): signature tolerance, receive times and retention. */
  now?: () => number;
  /** One-line operational messages (never secrets). Silent by default. */
  log?: (message: string) => void;
}

export class RelayConfigError extends Error {}

const ACCOUNT_ID = /^acct_[A-Za-z0-9]+$/;
const TOKEN_CHARS = /^[A-Za-z0-9._~+/=-]+$/;

export function validateRelayOptions(options: RelayOptions): void {
  if (!options.dataDir) throw new RelayConfigError('dataDir is required (RELAY_DATA_DIR).');
  if (options.webhookSecrets.length === 0) {
    throw new RelayConfigError(
      'No Stripe webhook signing secret: set STRIPE_WEBHOOK_SECRET (whsec_…; several comma-separated while rotating).',
    );
  }
  options.webhookSecrets.forEach((secret, index) => {
    if (!secret || /\s/.test(secret)) {
      throw new RelayConfigError(`Webhook secret #${index + 1} is empty or contains whitespace.`);
    }
  });
  if (options.tillTokens.length === 0) {
    throw new RelayConfigError('No till token: set RELAY_TILL_TOKENS (comma-separated; token or token@acct_…).');
  }
  const seen = new Set<string>();
  options.tillTokens.forEach(({ token, account }, index) => {
    if (token.length < MIN_TILL_TOKEN_LENGTH || !TOKEN_CHARS.test(token)) {
      throw new RelayConfigError(
        `Till token #${index + 1} must be at least ${MIN_TILL_TOKEN_LENGTH} characters of [A-Za-z0-9._~+/=-] ` +
          '(generate one with `openssl rand -hex 32`).',
      );
    }
    if (seen.has(token)) throw new RelayConfigError(`Till token #${index + 1} is listed twice.`);
    seen.add(token);
    if (account !== null && !ACCOUNT_ID.test(account)) {
      throw new RelayConfigError(`Till token #${index + 1} is bound to "${account}", which is not an acct_… id.`);
    }
  });
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port >= 0 && options.port <= 65535)) {
    throw new RelayConfigError(`Port ${options.port} is not a port number (0–65535).`);
  }
  if (options.retentionDays !== undefined && !(Number.isFinite(options.retentionDays) && options.retentionDays > 0)) {
    throw new RelayConfigError(`Retention of ${options.retentionDays} days is not a positive number of days.`);
  }
}

/** Reads the relay's options from environment variables; throws RelayConfigError with what to fix. */
export function parseRelayEnv(env: Record<string, string | undefined>): RelayOptions {
  const options: RelayOptions = {
    host: env.RELAY_HOST?.trim() || DEFAULT_RELAY_HOST,
    port: parseNumber(env.RELAY_PORT, 'RELAY_PORT', DEFAULT_RELAY_PORT),
    dataDir: path.resolve(env.RELAY_DATA_DIR?.trim() || DEFAULT_RELAY_DATA_DIR),
    webhookSecrets: splitList(env.STRIPE_WEBHOOK_SECRET),
    tillTokens: splitList(env.RELAY_TILL_TOKENS).map(parseTillToken),
    retentionDays: parseNumber(env.RELAY_RETENTION_DAYS, 'RELAY_RETENTION_DAYS', DEFAULT_RETENTION_DAYS),
  };
  validateRelayOptions(options);
  return options;
}

/** `token` (any account) or `token@acct_…` (that connected account only). */
export function parseTillToken(entry: string): TillToken {
  const at = entry.lastIndexOf('@');
  if (at === -1) return { token: entry, account: null };
  return { token: entry.slice(0, at), account: entry.slice(at + 1) };
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function parseNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value.trim());
  if (!Number.isFinite(parsed)) throw new RelayConfigError(`${name}="${value}" is not a number.`);
  return parsed;
}
