// Browser mode (`npm run serve`): the same core as the desktop app, with the screens and the APIs
// served over HTTP on 127.0.0.1.
import { fileURLToPath } from 'node:url';
import type { AppInfo } from '../../shared/pos-contract';
import { loadCoreConfig } from '../core/config/core-config';
import { startHttpServer, type RunningHttpServer } from '../core/http/http-server';
import { startCore } from '../core/start-core';

const MODE_LABELS: Record<AppInfo['mode'], string> = {
  demo: 'DEMO (embedded Stripe simulator; no money moves)',
  test: 'Stripe TEST mode',
  live: 'Stripe LIVE mode (real payments)',
};

async function main(): Promise<void> {
  const config = loadCoreConfig(process.env);
  const core = await startCore(config);
  let server: RunningHttpServer;
  try {
    server = await startHttpServer(core, {
      host: config.httpHost,
      port: config.httpPort,
      // POS_RENDERER_DIR: screens built elsewhere (parallel e2e runs each build their own copy).
      rendererDir: process.env.POS_RENDERER_DIR ?? fileURLToPath(new URL('../../dist/renderer', import.meta.url)),
      apiToken: config.apiToken,
    });
  } catch (error) {
    await core.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Chamra POS: port ${config.httpPort} on ${config.httpHost} is already in use; stop whatever uses it or set POS_PORT to another port.`);
      process.exit(1);
    }
    throw error;
  }

  const info = await core.dispatch('app.info', {}, { transport: 'http' });
  const mode = info.ok ? MODE_LABELS[(info.value as AppInfo).mode] : 'unknown';
  console.log(
    [
      `Chamra POS (browser mode): ${mode}`,
      `  data dir:        ${config.dataDir}`,
      `  cashier:         ${server.url}/cashier/`,
      `  customer screen: ${server.url}/customer/`,
      `  REST API:        ${server.url}/payments (${config.apiToken ? 'POS_API_TOKEN is set' : 'off: set POS_API_TOKEN to enable it'})`,
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) process.exit(1); // a second Ctrl+C: give up waiting
    stopping = true;
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`Chamra POS could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
