// The _electron smoke test of the real desktop app (`npm run test:electron`). It needs the Electron
// runtime, which only the installers workflow downloads (.github/workflows/installers.yml), and the
// app built (`npm run build`). Without either it stops here, before any test, saying which is missing.
// Kept apart from playwright.config.ts (testDir tests/e2e) and from vitest's include list.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { electronRuntimeStatus } from '../../scripts/electron-runtime.mjs';

const projectDir = path.resolve(import.meta.dirname, '../..');

const runtime = electronRuntimeStatus({ projectDir });
if (!runtime.present) {
  throw new Error(
    `npm run test:electron needs the Electron runtime, and ${runtime.reason}. It is downloaded only where that is possible ` +
      '(the installers workflow runs `node node_modules/electron/install.js` first); this machine verifies the same screens ' +
      'in browser mode instead (npm run test:e2e). See README, "Packaging".',
  );
}
const missingBuild = ['dist-electron/main.cjs', 'dist-electron/preload.cjs', 'dist/renderer/cashier/index.html'].filter((file) => !existsSync(path.join(projectDir, file)));
if (missingBuild.length > 0) throw new Error(`npm run test:electron runs the built app: run \`npm run build\` first (missing ${missingBuild.join(', ')}).`);

export default defineConfig({
  testDir: '.',
  testMatch: 'smoke.spec.ts',
  // Two windows, the core and the embedded simulator start on a CI runner: minutes, not seconds.
  timeout: 180_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  // Failure screenshots of both windows and the trace land here; the workflow uploads the folder.
  outputDir: path.join(projectDir, 'test-results', 'electron'),
});
