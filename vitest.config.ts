import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    expect: { requireAssertions: true },
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        extends: true,
        test: {
          name: 'interop',
          include: ['tests/interop/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      { extends: true, test: { name: 'firefox', include: ['tests/firefox/**/*.test.ts'], environment: 'node', testTimeout: 120_000 } },
      { extends: true, test: { name: 'webkit', include: ['tests/webkit/**/*.test.ts'], environment: 'node', testTimeout: 180_000 } },
      { extends: true, test: { name: 'build', include: ['tests/build/**/*.test.ts'], environment: 'node', testTimeout: 120_000 } },
    ],
  },
});
