// `npm run bench`: runs every bench/*.bench.ts in its own process, one after another, so they do not
// disturb each other's timings. Each prints one JSON object per benchmark on stdout.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = fs.readdirSync(dir).filter((file) => file.endsWith('.bench.ts') && (only.length === 0 || only.some((name) => file.includes(name)))).sort();
let failed = 0;
for (const file of files) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, file)], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    failed += 1;
    console.error(`bench ${file} failed with exit code ${result.status}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
