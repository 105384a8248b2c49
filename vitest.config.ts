import { defineConfig } from 'vitest/config';

// Unit and integration tests, and the crash harness's pure checks (the harness itself is
// `npm run crash-harness`); Playwright specs (tests/e2e) run under `playwright test`.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/stripe-sim/**/*.test.ts', 'tests/relay/**/*.test.ts', 'tests/fuzz/**/*.test.ts', 'tests/crash/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
