import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The browser tests need the web page built; it is built here once if its sources changed.
    globalSetup: ['tests/support/web-page-built.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A poll waits for a condition, not a fixed time: on a loaded two-core runner a page or a
    // worker may take seconds, and a poll that succeeds returns as soon as it does.
    expect: { poll: { timeout: 20_000 } },
    // Durability and concurrency suites spawn child processes and open many SQLite files;
    // two forks match the two cores CI runs on.
    pool: 'forks',
    maxWorkers: 2,
  },
});
