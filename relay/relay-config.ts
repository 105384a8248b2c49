// The relay's configuration: validated options for startRelay(), and parsing them from the
// environment (RELAY_* and STRIPE_WEBHOOK_SECRET). Error messages never echo a secret or a token.
import path from 'node:path';
import { DEFAULT_RELAY_EVENT_TYPES, EVENT_TYPE_PATTERN } from './event-types';
import { DEFAULT_RETENTION_DAYS } from './retention';
import { parseHeadOfficeEnv, type HeadOfficeOptions } from './head-office/index';

export const DEFAULT_RELAY_PORT = 4400;
/** Loopback by default; deployments set RELAY_HOST=0.0.0.0 behind their TLS terminator. */
export const DEFAULT_RELAY_HOST = '127.0.0.1';
export const DEFAULT_RELAY_DATA_DIR = './relay-data';
export const MIN_TILL_TOKEN_LENGTH = 16;
/** A till has one stream; a few more cover reconnects while a dead connection is still open. */
export const DEFAULT_MAX_STREAMS_PER_TOKEN = 3;

/** One till's token and what it may see: one Stripe account's events, in one mode or both. */
export interface TillToken {
  token: string;
  /**
   * The connected account (acct_…) whose events this till gets; null: the events of the account the
   * webhook endpoint belongs to (those without an `account` field). Never every account's.
   */
  account: string | null;
  /** true: live-mode events only; false: test-mode only; null/absent: both. */
  livemode?: boolean | null;
}

export interface RelayOptions {
  host?: string;
  /** 0 = a random free port. */
  port?: number;
  /** The SQLite event log's folder (and head office's, on SQLite); unused by the event log on PostgreSQL. */
  dataDir: string;
  /**
   * postgres://… (RELAY_DATABASE_URL): keep the event log in PostgreSQL, shared by every relay instance
   * given the same URL. Absent or null: the embedded SQLite file in dataDir (one relay process).
   */
  databaseUrl?: string | null;
  /** PostgreSQL only: connections per instance (RELAY_DATABASE_POOL_SIZE, default 10). */
  databasePoolSize?: number;
  /** PostgreSQL only: how often to read the log for events whose wake-up (NOTIFY) was lost (default 2 s). */
  pollIntervalMs?: number;
  webhookSecrets: string[];
  tillTokens: TillToken[];
  retentionDays?: number;
  /** Event types kept (exact, or `prefix.*`); others are acknowledged and dropped. */
  eventTypes?: string[];
  /** Bearer token for /health details; without it only the bare liveness answer exists. */
  healthToken?: string | null;
  /** Streams one till token may hold at once; a new one beyond this ends that token's oldest. */
  maxStreamsPerToken?: number;
  heartbeatMs?: number;
  /** How long a till's connection may stop draining before it is dropped (default 30 s). */
  stallTimeoutMs?: number;
  /** Clock (ms since epoch): signature tolerance, receive times and retention. */
  now?: () => number;
  /** One-line operational messages (never secrets). Silent by default. */
  log?: (message: string) => void;
  /** head office: the chain's reports and the tills' sales outbox (relay/head-office); off when absent. */
  headOffice?: HeadOfficeOptions;
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
    checkToken(token, `Till token #${index + 1}`);
    if (seen.has(token)) throw new RelayConfigError(`Till token #${index + 1} is listed twice.`);
    seen.add(token);
    if (account !== null && !ACCOUNT_ID.test(account)) {
      throw new RelayConfigError(`Till token #${index + 1} is bound to "${account}", which is not an acct_… id.`);
    }
  });
  if (options.healthToken != null) {
    checkToken(options.healthToken, 'The health token (RELAY_HEALTH_TOKEN)');
    if (seen.has(options.healthToken)) {
      throw new RelayConfigError('The health token (RELAY_HEALTH_TOKEN) must not also be a till token.');
    }
  }
  if (options.eventTypes !== undefined) {
    if (options.eventTypes.length === 0) throw new RelayConfigError('RELAY_EVENT_TYPES lists no event type.');
    for (const type of options.eventTypes) {
      if (!EVENT_TYPE_PATTERN.test(type)) {
        throw new RelayConfigError(`Event type "${type}" is not a Stripe event type (e.g. payment_intent.succeeded or refund.*).`);
      }
    }
  }
  const maxStreams = options.maxStreamsPerToken;
  if (maxStreams !== undefined && !(Number.isInteger(maxStreams) && maxStreams >= 1 && maxStreams <= 100)) {
    throw new RelayConfigError(`RELAY_MAX_STREAMS_PER_TOKEN=${maxStreams} is not a whole number from 1 to 100.`);
  }
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port >= 0 && options.port <= 65535)) {
    throw new RelayConfigError(`Port ${options.port} is not a port number (0–65535).`);
  }
  if (options.databaseUrl != null && !/^postgres(ql)?:\/\/./.test(options.databaseUrl)) {
    // Never echo it: the URL may carry the database password.
    throw new RelayConfigError('RELAY_DATABASE_URL must be a postgres:// (or postgresql://) URL.');
  }
  const poolSize = options.databasePoolSize;
  if (poolSize !== undefined && !(Number.isInteger(poolSize) && poolSize >= 2 && poolSize <= 1000)) {
    throw new RelayConfigError(`RELAY_DATABASE_POOL_SIZE=${poolSize} is not a whole number from 2 to 1000.`);
  }
  if (options.pollIntervalMs !== undefined && !(Number.isFinite(options.pollIntervalMs) && options.pollIntervalMs >= 10)) {
    throw new RelayConfigError(`The PostgreSQL poll interval of ${options.pollIntervalMs} ms is not a number of at least 10.`);
  }
  if (options.retentionDays !== undefined && !(Number.isFinite(options.retentionDays) && options.retentionDays > 0)) {
    throw new RelayConfigError(`Retention of ${options.retentionDays} days is not a positive number of days.`);
  }
}

function checkToken(token: string, what: string): void {
  if (token.length < MIN_TILL_TOKEN_LENGTH || !TOKEN_CHARS.test(token)) {
    throw new RelayConfigError(
      `${what} must be at least ${MIN_TILL_TOKEN_LENGTH} characters of [A-Za-z0-9._~+/=-] ` +
        '(generate one with `openssl rand -hex 32`).',
    );
  }
}

/** Reads the relay's options from environment variables; throws RelayConfigError with what to fix. */
export function parseRelayEnv(env: Record<string, string | undefined>): RelayOptions {
  const options: RelayOptions = {
    host: env.RELAY_HOST?.trim() || DEFAULT_RELAY_HOST,
    port: parseNumber(env.RELAY_PORT, 'RELAY_PORT', DEFAULT_RELAY_PORT),
    dataDir: path.resolve(env.RELAY_DATA_DIR?.trim() || DEFAULT_RELAY_DATA_DIR),
    databaseUrl: env.RELAY_DATABASE_URL?.trim() || null,
    ...(env.RELAY_DATABASE_POOL_SIZE?.trim()
      ? { databasePoolSize: parseNumber(env.RELAY_DATABASE_POOL_SIZE, 'RELAY_DATABASE_POOL_SIZE', 0) }
      : {}),
    webhookSecrets: splitList(env.STRIPE_WEBHOOK_SECRET),
    tillTokens: splitList(env.RELAY_TILL_TOKENS).map(parseTillToken),
    retentionDays: parseNumber(env.RELAY_RETENTION_DAYS, 'RELAY_RETENTION_DAYS', DEFAULT_RETENTION_DAYS),
    eventTypes: env.RELAY_EVENT_TYPES?.trim() ? splitList(env.RELAY_EVENT_TYPES) : [...DEFAULT_RELAY_EVENT_TYPES],
    healthToken: env.RELAY_HEALTH_TOKEN?.trim() || null,
    maxStreamsPerToken: parseNumber(env.RELAY_MAX_STREAMS_PER_TOKEN, 'RELAY_MAX_STREAMS_PER_TOKEN', DEFAULT_MAX_STREAMS_PER_TOKEN),
    // head office
    headOffice: parseHeadOfficeEnv(env),
  };
  validateRelayOptions(options);
  return options;
}

/**
 * `token[@acct_…][:live|:test]`: without `@acct_…` the till gets the endpoint's own account's events;
 * with it, only that connected account's. `:live` / `:test` restrict it to one mode.
 */
export function parseTillToken(entry: string): TillToken {
  let rest = entry;
  let livemode: boolean | null = null;
  const mode = /:(live|test)$/.exec(rest);
  if (mode) {
    livemode = mode[1] === 'live';
    rest = rest.slice(0, mode.index);
  } else if (rest.includes(':')) {
    throw new RelayConfigError('A till token\'s mode must be ":live" or ":test" (token@acct_…:live).');
  }
  const at = rest.lastIndexOf('@');
  if (at === -1) return { token: rest, account: null, livemode };
  return { token: rest.slice(0, at), account: rest.slice(at + 1), livemode };
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
