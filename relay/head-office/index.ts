// Head office on the relay: tills send their sales here through a durable outbox, and the chain's
// owner reads reports for every shop and till (issue 11). Mounted by the relay as a Fastify plugin.
import type { FastifyPluginAsync } from 'fastify';

export interface HeadOfficeOptions {
  /** Bearer tokens that may read the chain's reports (never take payments or stream events). */
  headOfficeTokens: string[];
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

/** Reads the head-office options from the environment; undefined when head office is not configured. */
export function parseHeadOfficeEnv(env: Record<string, string | undefined>): HeadOfficeOptions | undefined {
  const tokens = (env.RELAY_HEAD_OFFICE_TOKENS ?? '').split(',').map((token) => token.trim()).filter(Boolean);
  return tokens.length > 0 ? { headOfficeTokens: tokens } : undefined;
}

export async function startHeadOffice(_options: HeadOfficeOptions, _context: HeadOfficeContext): Promise<HeadOfficeHandle> {
  return { plugin: async () => {}, close: async () => {} };
}
