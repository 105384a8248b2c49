// Browser mode (`npm run serve`): the same core as the desktop app, with the screens and the APIs
// served over HTTP on 127.0.0.1. Setup in the app restarts both in-process (keeping secrets in
// memory for this run: browser mode has no keychain); environment variables win over them.
import { fileURLToPath } from 'node:url';
import type { AppInfo } from '../../shared/pos-contract';
import { startRestartableTill, type RestartableTill } from '../core/setup/restartable-till';

const MODE_LABELS: Record<AppInfo['mode'], string> = {
  demo: 'DEMO (embedded Stripe simulator; no money moves)',
  test: 'Stripe TEST mode',
  live: 'Stripe LIVE mode (real payments)',
};

async function main(): Promise<void> {
  let till: RestartableTill;
  try {
    till = await startRestartableTill({
      env: process.env,
      // POS_RENDERER_DIR: screens built elsewhere (parallel e2e runs each build their own copy).
      server: { rendererDir: process.env.POS_RENDERER_DIR ?? fileURLToPath(new URL('../../dist/renderer', import.meta.url)) },
      // A restart that cannot start the till again (say, the port was taken meanwhile) ends the process plainly.
      onRestartFailed: (error) => {
        console.error(`Chamra POS could not start again: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Chamra POS: port ${process.env.POS_PORT ?? 4300} is already in use; stop whatever uses it or set POS_PORT to another port.`);
      process.exit(1);
    }
    throw error;
  }
  const core = till.core();
  const config = till.config();
  const server = { url: till.url() };

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
    await till.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`Chamra POS could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
