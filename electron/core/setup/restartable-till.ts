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
  /** Resolves once the restart under way (if any) has finished. */
  restarted(): Promise<void>;
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
    restarted: () => restarting,
    restart() {
      restarting = restarting.then(async () => {
        await server.close();
        await core.close();
        try {
          await startBoth();
        } catch (error) {
          options.onRestartFailed?.(error);
          throw error;
        }
        log(`Restarted with the saved setup: ${server.url}`);
      });
      return restarting;
    },
    async close() {
      await restarting.catch(() => undefined);
      await server.close();
      await core.close();
    },
  };
  return till;
}
