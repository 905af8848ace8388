import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Simulation tests run real replications and spawn the CLI; give them room.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Separate processes: several tests start worker pools of their own.
    pool: 'forks',
    // One temporary directory per run, removed at the end (tests/helpers/temp-root.ts).
    globalSetup: ['tests/helpers/temp-root.ts'],
  },
});
