import { defineConfig } from 'vitest/config';

// Unit and integration tests, and the crash harness's pure checks (the harness itself is
// `npm run crash-harness`); Playwright specs (tests/e2e) run under `playwright test`.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/stripe-sim/**/*.test.ts', 'tests/relay/**/*.test.ts', 'tests/fuzz/**/*.test.ts', 'tests/crash/**/*.test.ts'],
    environment: 'node',
    // Budgets, not speed checks (speed is measured in bench/): CI is a two-core machine shared with
    // other suites, where starting a core and hashing an owner's PIN (a 128 MiB scrypt) alone has
    // taken a test past 20 s. Tests wait for events; these only bound how long a missing one takes to fail.
    testTimeout: 60_000,
    hookTimeout: 90_000,
    pool: 'forks',
  },
});
