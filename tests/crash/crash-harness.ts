// `npm run crash-harness [-- --quick] [-- --seed N] [-- --kills N] [-- --keep]`: SIGKILLs the till at
// random points (mid-create, awaiting payment, during a refund, during webhook and relay delivery)
// with injected Stripe faults, restarts it on the same data directory, then checks the ledger against
// Stripe. Prints a JSON summary and a short table; exits 1 when a check fails. Not part of `npm test`.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CrashRun } from './crash-run';
import { printTable } from './summary-table';

const optionsSchema = z.strictObject({
  quick: z.boolean().default(false),
  seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).optional(),
  kills: z.coerce.number().int().min(1).max(5_000).optional(),
  'fault-rate': z.coerce.number().min(0).max(0.6).default(0.25),
  'qr-timeout': z.coerce.number().int().min(30).max(3_600).default(45),
  keep: z.boolean().default(false),
  'max-minutes': z.coerce.number().min(1).max(600).optional(),
});

function parseOptions() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean' },
      seed: { type: 'string' },
      kills: { type: 'string' },
      'fault-rate': { type: 'string' },
      'qr-timeout': { type: 'string' },
      keep: { type: 'boolean' },
      'max-minutes': { type: 'string' },
    },
    strict: true,
  });
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`--${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions();
  } catch (error) {
    console.error(`crash-harness: ${(error as Error).message}\nusage: npm run crash-harness -- [--quick] [--seed N] [--kills N] [--fault-rate 0.25] [--qr-timeout 45] [--max-minutes M] [--keep]`);
    process.exit(2);
  }
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const killPoints = options.kills ?? (options.quick ? 30 : 300);
  console.error(`crash-harness: seed ${seed}, ${killPoints} kill points (replay with --seed ${seed})`);
  const run = new CrashRun({
    seed,
    killPoints,
    faultRate: options['fault-rate'],
    qrTimeoutSeconds: options['qr-timeout'],
    keep: options.keep,
    // A time bound, so a loaded machine cannot make the run endless (the verdict says how far it got).
    maxMinutes: options['max-minutes'] ?? (options.quick ? 10 : 45),
  });
  const result = await run.run((line) => console.error(`crash-harness: ${line}`));
  console.log(JSON.stringify(result.summary, null, 2));
  printTable(result.summary);
  process.exit(result.pass ? 0 : 1);
}

await main();
