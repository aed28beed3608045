import { defineConfig } from 'vitest/config';

// The default (unit) suite: every `*.test.ts` beside its code, plus the Node-only integration
// tests under test/. End-to-end browser tests have their own config (test/e2e/vitest.config.ts).
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['test/e2e/**', '**/node_modules/**', 'out/**', 'dist/**', 'release/**'],
    environment: 'node',
    // Integration tests boot whole worlds or spawn the CLI; a loaded 2-core machine needs room.
    testTimeout: 60_000,
  },
});
