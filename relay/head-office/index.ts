// Head office on the relay (issue 11): tills send their sales here through their durable outbox, and
// the chain's owner reads daily and monthly reports for every shop and till, and CSV/XLSX exports.
// Mounted by the relay as a Fastify plugin; its own store (SQLite in the data dir, or PostgreSQL when
// the relay runs on it), its own tokens. See relay/README.md, "Head office".
import type { FastifyPluginAsync } from 'fastify';
import {
  HeadOfficeConfigError, parseTillIdentity, splitList, tillTokensOf, validateHeadOfficeAccess, type TillIdentity,
} from './head-office-config';
import { registerHeadOfficeRoutes } from './head-office-routes';
import type { HeadOfficeStore } from './head-office-store';
import { openPgHeadOfficeStore } from './pg-store';
import { openSqliteHeadOfficeStore } from './sqlite-store';

export { HeadOfficeConfigError, type TillIdentity } from './head-office-config';

export interface HeadOfficeOptions {
  /** Bearer tokens that may read the chain's reports (never take payments or stream events). */
  headOfficeTokens: string[];
  /** Each till token bound to the shop and till whose sales it may send (RELAY_TILL_IDENTITIES). */
  tillIdentities?: TillIdentity[];
}

export interface HeadOfficeContext {
  dataDir: string;
  /** RELAY_DATABASE_URL when the relay runs on PostgreSQL; null for the embedded SQLite default. */
  databaseUrl: string | null;
  now: () => number;
  log: (message: string) => void;
}

export interface HeadOfficeHandle {
  plugin: FastifyPluginAsync;
  close(): Promise<void>;
}

/**
 * Reads the head-office options from the environment; undefined when head office is not configured
 * (neither RELAY_HEAD_OFFICE_TOKENS nor RELAY_TILL_IDENTITIES). Throws HeadOfficeConfigError saying what
 * to fix, never echoing a token.
 */
export function parseHeadOfficeEnv(env: Record<string, string | undefined>): HeadOfficeOptions | undefined {
  const headOfficeTokens = splitList(env.RELAY_HEAD_OFFICE_TOKENS);
  const tillIdentities = splitList(env.RELAY_TILL_IDENTITIES).map(parseTillIdentity);
  if (headOfficeTokens.length === 0 && tillIdentities.length === 0) return undefined;
  validateHeadOfficeAccess(
    { headOfficeTokens, tillIdentities },
    { tillTokens: tillTokensOf(env.RELAY_TILL_TOKENS), healthToken: env.RELAY_HEALTH_TOKEN?.trim() || null },
  );
  return { headOfficeTokens, tillIdentities };
}

export async function startHeadOffice(options: HeadOfficeOptions, context: HeadOfficeContext): Promise<HeadOfficeHandle> {
  const tillIdentities = options.tillIdentities ?? [];
  validateHeadOfficeAccess({ headOfficeTokens: options.headOfficeTokens, tillIdentities });
  if (options.headOfficeTokens.length === 0 && tillIdentities.length === 0) {
    throw new HeadOfficeConfigError('Head office needs RELAY_HEAD_OFFICE_TOKENS (to read reports) or RELAY_TILL_IDENTITIES (to take sales).');
  }
  const store: HeadOfficeStore = context.databaseUrl
    ? await openPgHeadOfficeStore(context.databaseUrl)
    : openSqliteHeadOfficeStore(context.dataDir);
  context.log(
    `head office: ${options.headOfficeTokens.length} head-office token(s), ${tillIdentities.length} till(s) bound; ` +
      `store ${context.databaseUrl ? 'PostgreSQL' : 'SQLite'}`,
  );
  const plugin: FastifyPluginAsync = async (app) => {
    registerHeadOfficeRoutes(app, {
      store,
      headOfficeTokens: options.headOfficeTokens,
      tillIdentities,
      now: context.now,
      log: context.log,
    });
  };
  let closed: Promise<void> | undefined;
  return { plugin, close: () => (closed ??= store.close()) };
}
