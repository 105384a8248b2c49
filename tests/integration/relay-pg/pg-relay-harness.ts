// Relay instances on one real PostgreSQL database: a throwaway cluster per test file, a fresh database
// per test, and the relay test fixtures (signed Stripe-style events, till tokens, a shared clock).
import { Client } from 'pg';
import type { RelayHandle, RelayOptions } from '../../../relay/index';
import { type PgCluster, startPgCluster } from '../../support/pg-cluster';
import { RelayHarness } from '../../relay/relay-fixture';

/** For beforeAll/afterAll around startCluster/stopCluster: initdb on a busy two-core machine is slow. */
export const CLUSTER_START_TIMEOUT_MS = 120_000;

export class PgRelayHarness extends RelayHarness {
  private cluster: PgCluster | null = null;
  private databases = 0;
  /** The current test's database (set by freshDatabase). */
  databaseUrl = '';

  async startCluster(): Promise<void> {
    this.cluster = await startPgCluster();
  }

  async stopCluster(): Promise<void> {
    await this.cluster?.stop();
  }

  /** A new empty database; later `startInstance` calls share it. */
  async freshDatabase(): Promise<string> {
    if (!this.cluster) throw new Error('startCluster() first');
    this.databases += 1;
    this.databaseUrl = await this.cluster.createDatabase(`relay_${process.pid}_${this.databases}`);
    return this.databaseUrl;
  }

  /** One more in-process relay instance on the current database. */
  startInstance(overrides: Partial<RelayOptions> = {}): Promise<RelayHandle> {
    return this.start({ databaseUrl: this.databaseUrl, ...overrides });
  }

  /** Runs SQL against the current database directly (what the instances stored, not what they say). */
  async sql<T extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query<T>(text, params)).rows;
    } finally {
      await client.end();
    }
  }
}
