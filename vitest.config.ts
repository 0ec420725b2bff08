import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Two projects: unit tests beside the code (Node, fast), and end-to-end tests that drive the built extension in
// Chromium against the sandbox and a real helper process (slow, one file at a time). `npm test` runs them one after the
// other: on 2 cores, the unit tests running beside the first browser journeys starved them past their timeouts in CI.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          globalSetup: ['test/build-helper.global-setup.ts'],
          include: ['{extension,shared,helper,test}/**/*.test.{ts,tsx}'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          globalSetup: ['test/build-helper.global-setup.ts'],
          include: ['test/e2e/**/*.e2e.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
