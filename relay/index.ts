// Programmatic entry point of the Chamra webhook relay (tests, embedding). `npm run relay` uses
// main.ts, which reads the same options from the environment.
import type { AddressInfo } from 'node:net';
import { trackConnections } from './connection-drain';
import { type EventLog, sqliteEventLog } from './event-log';
import { openEventStore } from './event-store';
import { DEFAULT_RELAY_EVENT_TYPES } from './event-types';
import { DEFAULT_MAX_STREAMS_PER_TOKEN, DEFAULT_RELAY_HOST, type RelayOptions, validateRelayOptions } from './relay-config';
import { openPgEventLog } from './pg-event-log';
import { buildRelayServer, type RelayCounters } from './relay-server';
import { DEFAULT_RETENTION_DAYS, startRetention } from './retention';
import { TillStreams } from './till-streams';
import { startHeadOffice } from './head-office/index';

export { DEFAULT_RELAY_EVENT_TYPES } from './event-types';
export { parseRelayEnv, parseTillToken, RelayConfigError, type RelayOptions, type TillToken } from './relay-config';
export type { GapMessage, StripeEventMessage } from './till-streams';

export interface RelayStats extends RelayCounters {
  /** Events currently kept. */
  events: number;
  /** When the newest kept event was received (ms since epoch), or null. */
  lastEventAt: number | null;
  /** Tills connected right now. */
  clients: number;
}

export interface RelayHandle {
  /** e.g. http://127.0.0.1:4400 */
  url: string;
  port: number;
  /** Where the event log lives, e.g. "SQLite in /var/lib/relay" or "PostgreSQL db.internal:5432/relay" (no credentials). */
  storage: string;
  /** Counters are this instance's; `events` and `lastEventAt` are the shared log's. */
  stats(): Promise<RelayStats>;
  /** Applies retention now (it also runs at start and hourly); resolves to how many events were deleted. */
  pruneNow(): Promise<number>;
  /** Stops accepting, ends till streams, closes the database. Safe to call twice. */
  close(): Promise<void>;
}

export async function startRelay(options: RelayOptions): Promise<RelayHandle> {
  validateRelayOptions(options);
  const host = options.host ?? DEFAULT_RELAY_HOST;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const counters: RelayCounters = { stored: 0, duplicates: 0, rejected: 0, ignored: 0 };

  const tillIdentities = options.headOffice?.tillIdentities ?? [];
  warnAboutUnboundTills(options, tillIdentities, log);
  const store: EventLog = options.databaseUrl
    ? await openPgEventLog(options.databaseUrl, { poolSize: options.databasePoolSize, pollIntervalMs: options.pollIntervalMs, log })
    : sqliteEventLog(openEventStore(options.dataDir), options.dataDir);
  const streams = new TillStreams({
    store,
    heartbeatMs: options.heartbeatMs,
    stallTimeoutMs: options.stallTimeoutMs,
    maxStreamsPerHolder: options.maxStreamsPerToken ?? DEFAULT_MAX_STREAMS_PER_TOKEN,
  });
  // New events (here, or on PostgreSQL at any instance): every till reads on from its own cursor.
  store.onNewEvents(() => streams.notify());
  let retention: Awaited<ReturnType<typeof startRetention>> | undefined;
  // head office
  let headOffice: Awaited<ReturnType<typeof startHeadOffice>> | null = null;
  try {
    headOffice = options.headOffice
      ? await startHeadOffice(options.headOffice, { dataDir: options.dataDir, databaseUrl: options.databaseUrl ?? null, now, log })
      : null;
  } catch (error) {
    streams.closeAll();
    await store.close();
    throw error;
  }
  const app = buildRelayServer({
    headOffice: headOffice?.plugin,
    store,
    streams,
    webhookSecrets: [...options.webhookSecrets],
    tillTokens: options.tillTokens.map((till) => ({ ...till })),
    tillIdentities: tillIdentities.map((identity) => ({ ...identity })),
    eventTypes: [...(options.eventTypes ?? DEFAULT_RELAY_EVENT_TYPES)],
    healthToken: options.healthToken ?? null,
    now,
    log,
    counters,
  });
  const connections = trackConnections(app.server);
  try {
    retention = await startRetention({
      store,
      retentionDays: options.retentionDays ?? DEFAULT_RETENTION_DAYS,
      now,
      onPruned: (deleted) => log(`retention: deleted ${deleted} event(s)`),
    });
    await app.listen({ host, port: options.port ?? 0 });
  } catch (error) {
    retention?.stop();
    await app.close().catch(() => {});
    await store.close();
    await headOffice?.close(); // head office
    throw error;
  }
  const runningRetention = retention;

  const port = (app.server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    port,
    storage: store.description,
    stats: async () => {
      const [events, lastEventAt] = await Promise.all([store.count(), store.lastReceivedAt()]);
      return { ...counters, events, lastEventAt, clients: streams.size };
    },
    pruneNow: async () => {
      const deleted = await runningRetention.runNow();
      // Lagging tills learn about the gap on their next read.
      if (deleted > 0) streams.notify();
      return deleted;
    },
    close: () => {
      closing ??= (async () => {
        connections.beginShutdown();
        runningRetention.stop();
        try {
          await app.close();
        } finally {
          await store.close();
          await headOffice?.close(); // head office
        }
      })();
      return closing;
    },
  };
}

/**
 * A till token not bound to a shop/till receives every event of its account, other tills' customers'
 * emails included: right for a one-till shop, a leak across a chain. Several unbound tokens suggest a
 * chain that has not bound its tills yet.
 */
function warnAboutUnboundTills(options: RelayOptions, identities: readonly { token: string }[], log: (message: string) => void): void {
  const bound = new Set(identities.map((identity) => identity.token));
  const unbound = options.tillTokens.filter((till) => !bound.has(till.token)).length;
  if (unbound > 1) {
    log(
      `warning: ${unbound} till tokens are not bound to a shop/till in RELAY_TILL_IDENTITIES: each receives every event ` +
        'of its Stripe account, other tills\' sales and customer emails included. Bind each till\'s token ' +
        '(<shopId>/<tillId>@<token>) so that it receives only its own (relay/README.md, "Till-scoped streams").',
    );
  }
}
