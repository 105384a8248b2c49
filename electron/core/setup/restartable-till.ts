// Browser mode's host: the core and its HTTP server, restartable in-process so that what setup kept
// takes effect. A restart closes the server and the core cleanly, reads the configuration again (the
// environment first, then what is kept) and starts both on the same port; the screens' transport
// reconnects by itself. What browser mode keeps lives in memory: this process only.
import { loadCoreConfig, type CoreConfig } from '../config/core-config';
import { startHttpServer, type HttpServerOptions, type RunningHttpServer } from '../http/http-server';
import type { PosCore } from '../pos-core-types';
import { startCore, type StartCoreOptions } from '../start-core';
import { createMemoryKeeper, readKeptSettings } from './kept-secrets';
import type { SecretKeeper, SetupHostPort } from './setup-ports';

export interface RestartableTillOptions {
  env: NodeJS.ProcessEnv;
  /** Over the environment and what is kept (tests: a temp data dir, port 0). */
  overrides?: Partial<CoreConfig>;
  /** Default: in memory (browser mode has no keychain). */
  keeper?: SecretKeeper;
  server?: Omit<HttpServerOptions, 'host' | 'port' | 'apiToken'>;
  core?: Omit<StartCoreOptions, 'setupHost'>;
  log?: (message: string) => void;
  /** The till could not start again after a restart (it is down): the host decides what then. */
  onRestartFailed?: (error: unknown) => void;
}

export interface RestartableTill {
  core(): PosCore;
  config(): CoreConfig;
  url(): string;
  /** Resolves once the next restart has finished (rejects if the till could not start again). */
  nextRestart(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startRestartableTill(options: RestartableTillOptions): Promise<RestartableTill> {
  const keeper = options.keeper ?? createMemoryKeeper();
  const log = options.log ?? ((message: string) => console.log(message));
  let port: number | null = null;
  let core: PosCore;
  let server: RunningHttpServer;
  let config: CoreConfig;
  let restarting: Promise<void> = Promise.resolve();
  /** A restart failed part-way: nothing is left running to close. */
  let down = false;
  const waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];

  const host: SetupHostPort = {
    secrets: keeper,
    environment: () => options.env,
    restart: () => till.restart(),
  };

  async function startBoth(): Promise<void> {
    config = loadCoreConfig(options.env, { ...options.overrides, ...(port === null ? {} : { httpPort: port }) }, readKeptSettings(keeper, log));
    core = await startCore(config, { ...options.core, log, setupHost: host });
    try {
      server = await startHttpServer(core, { ...options.server, host: config.httpHost, port: config.httpPort, apiToken: config.apiToken });
    } catch (error) {
      await core.close();
      throw error;
    }
    port = server.port;
  }

  await startBoth();
  const till: RestartableTill = {
    core: () => core,
    config: () => config,
    url: () => server.url,
    nextRestart: () => new Promise<void>((resolve, reject) => void waiting.push({ resolve, reject })),
    restart() {
      restarting = restarting
        .catch(() => undefined)
        .then(async () => {
          try {
            await server.close();
            await core.close();
            await startBoth();
          } catch (error) {
            down = true;
            options.onRestartFailed?.(error);
            for (const waiter of waiting.splice(0)) waiter.reject(error);
            throw error;
          }
          log(`Restarted with the saved setup: ${server.url}`);
          for (const waiter of waiting.splice(0)) waiter.resolve();
        });
      return restarting;
    },
    async close() {
      await restarting.catch(() => undefined);
      if (down) return;
      await server.close();
      await core.close();
    },
  };
  return till;
}
