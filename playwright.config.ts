import { defineConfig } from '@playwright/test';

// End-to-end tests drive the real browser-mode host (real core, real SQLite, embedded stripe-sim)
// in Debian's Chromium. Each spec starts its own host on a free port with a fresh data dir.
// Budgets, not speed checks (speed is measured in bench/): CI is a two-core machine shared with other
// suites, where a screen's next state can take well over 5 s to arrive. Every wait is for a state or an
// event; these only bound how long before a missing one fails the test. The same expect budget as the
// desktop smoke test (tests/electron/playwright.electron.config.ts). A process started by a spec
// (startTill, startStandaloneSim) adds its own ready budget to the test's or hook's.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    },
    trace: 'off',
  },
});
