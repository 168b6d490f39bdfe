import { defineConfig } from 'vitest/config';

// Two projects: `unit` (npm test) holds unit and end-to-end tests of the product; `quality`
// (npm run eval:check) holds the answer-quality gates and the benchmark's own tests, which measure the
// product rather than test it and take longer.
export default defineConfig({
  test: {
    // Native addons (hnswlib, onnxruntime) are safest in forked processes.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'] } },
      { extends: true, test: { name: 'quality', include: ['eval/**/*.test.ts', 'bench/**/*.test.ts'] } },
    ],
  },
});
