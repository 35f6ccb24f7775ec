import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The sharded bot at scale runs apart: npm run test:scale (vitest.scale.config.ts).
    exclude: [...configDefaults.exclude, 'test/scale/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
