/**
 * `npm run test:scale`: the sharded bot at scale and under faults (test/scale/), apart from
 * `npm test` so that it stays quick; CI runs it once.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/scale/**/*.test.ts'],
    testTimeout: 480_000,
    hookTimeout: 60_000,
  },
});
