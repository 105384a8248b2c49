// `npm run relay`: the Chamra webhook relay as a standalone process, configured by environment
// variables (see relay/README.md). Prints where it listens; never prints a secret or a token.
import { parseRelayEnv, RelayConfigError, startRelay } from './index';

async function main(): Promise<void> {
  let options;
  try {
    options = parseRelayEnv(process.env);
  } catch (error) {
    if (error instanceof RelayConfigError) {
      console.error(`Chamra relay: configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  const relay = await startRelay({ ...options, log: (message) => console.log(`[relay] ${message}`) });
  const bound = options.tillTokens.filter((till) => till.account !== null).length;
  const boundToTill = options.headOffice?.tillIdentities?.length ?? 0;
  console.log(`Chamra relay listening on ${relay.url}`);
  console.log(`  Stripe webhook endpoint: ${relay.url}/stripe/webhook (public URL: https://<your relay host>/stripe/webhook)`);
  console.log(
    `  Till stream: ${relay.url}/events   Health: ${relay.url}/health` +
      (options.healthToken ? ' (details with RELAY_HEALTH_TOKEN)' : ' (liveness only: RELAY_HEALTH_TOKEN is not set)'),
  );
  console.log(
    `  ${options.webhookSecrets.length} webhook secret(s), ${options.tillTokens.length} till token(s) ` +
      `(${bound} bound to a connected account, ${boundToTill} to a shop/till, at most ${options.maxStreamsPerToken} stream(s) each), ` +
      `events in ${relay.storage}, retention ${options.retentionDays} day(s)`,
  );
  console.log(`  Keeps event types: ${(options.eventTypes ?? []).join(', ')}`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      console.log(`Chamra relay: ${signal} again, exiting now.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`Chamra relay: ${signal} received, shutting down…`);
    relay.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Chamra relay: error while shutting down: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`Chamra relay failed to start: ${(error as Error).message}`);
  process.exit(1);
});
