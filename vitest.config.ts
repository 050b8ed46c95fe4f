import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          // The Worker in workerd (wrangler dev) on sqld: each start is polled until it answers,
          // and takes 10–20 s on a loaded machine, so the hooks that start them get long limits.
          name: 'edge',
          include: ['tests/edge/**/*.test.ts'],
          environment: 'node',
          testTimeout: 150_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'domain',
          include: [
            'tests/domain/**/*.test.ts',
            'tests/cli/**/*.test.ts',
            'tests/bench/**/*.test.ts',
          ],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          // The database drivers: the embedded one and its contract with drizzle over @libsql/client.
          name: 'db',
          include: ['tests/db/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'api',
          include: ['tests/api/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          // The standing proof of issue 20: fuzz over the OpenAPI document, crashes, brute force.
          name: 'security',
          include: ['tests/security/**/*.test.ts'],
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          // The built public site: seeded and built once (globalSetup), then read by every test.
          name: 'site',
          include: ['tests/site/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/site/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // expect.poll waits for a state; its default 1 s cap is a timing assumption a loaded machine breaks.
          expect: { poll: { timeout: 15_000 } },
        },
      },
      {
        test: {
          // The signed-in pages in a real browser (Debian's Chromium) against the real server, started once.
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // expect.poll waits for a state; its default 1 s cap is a timing assumption a loaded machine breaks.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
