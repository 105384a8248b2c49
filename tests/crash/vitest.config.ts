import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The crash harness's own checks (its verdict logic): `npx vitest run -c tests/crash/vitest.config.ts`.
// The harness itself is `npm run crash-harness`.
export default defineConfig({
  test: { root: fileURLToPath(new URL('../..', import.meta.url)), include: ['tests/crash/**/*.test.ts'], environment: 'node' },
});
