import { defineConfig } from 'vitest/config';

// Unit and integration tests only; Playwright specs (tests/e2e) run under `playwright test`.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/stripe-sim/**/*.test.ts', 'tests/relay/**/*.test.ts', 'tests/fuzz/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
